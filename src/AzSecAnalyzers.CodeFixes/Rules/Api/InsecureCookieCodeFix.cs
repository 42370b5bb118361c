using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC409: sets the cookie's secure value (<c>Secure = true</c>, <c>HttpOnly = true</c>, <c>CookieSecurePolicy.Always</c>).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(InsecureCookieCodeFix))]
[Shared]
public sealed class InsecureCookieCodeFix() : AzSecCodeFix(RuleIds.InsecureCookie)
{
    protected override void Offer(FixRequest request)
    {
        if (request.Kind is null || AssignedValue.Find(request.Node) is not { } assignment)
        {
            return;
        }

        var document = request.Document;
        switch (request.Kind)
        {
            case InsecureCookieAnalyzer.FixSetTrue:
                request.Register($"Set {assignment.Left} to true", ct => AssignedValue.ReplaceAsync(document, assignment, AssignedValue.True, ct), EquivalenceKeys.SecureCookie);
                break;

            case InsecureCookieAnalyzer.FixSecurePolicyAlways when assignment.Right is MemberAccessExpressionSyntax member:
                request.Register("Use CookieSecurePolicy.Always", ct => AssignedValue.ReplaceAsync(document, assignment, member.WithName(SyntaxFactory.IdentifierName("Always")), ct), EquivalenceKeys.SecureCookie);
                break;

            case InsecureCookieAnalyzer.FixAddSecure when assignment.Parent is InitializerExpressionSyntax initializer:
                request.Register("Add Secure = true", ct => AddSecureAsync(document, initializer, assignment, ct), EquivalenceKeys.SecureCookie);
                break;
        }
    }

    private static async Task<Document> AddSecureAsync(Document document, InitializerExpressionSyntax initializer, AssignmentExpressionSyntax sameSite, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var index = initializer.Expressions.IndexOf(sameSite);
        var nodesAndTokens = initializer.Expressions.GetWithSeparators();
        var secure = SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("Secure"), AssignedValue.True)
            .WithLeadingTrivia(sameSite.GetLeadingTrivia());

        // Position of SameSite in the node-and-separator list is 2 * index; its separator (if any) follows it.
        var position = 2 * index;
        if (position + 1 < nodesAndTokens.Count)
        {
            // "SameSite = None, ..." : insert "Secure = true," after SameSite's comma, laid out like it.
            var separator = nodesAndTokens[position + 1].AsToken();
            nodesAndTokens = nodesAndTokens.InsertRange(position + 2, new SyntaxNodeOrToken[] { secure, separator });
        }
        else
        {
            // SameSite is last without a trailing comma: "SameSite = None" becomes "SameSite = None, Secure = true".
            var trailing = sameSite.GetTrailingTrivia();
            var multiLine = trailing.Any(SyntaxKind.EndOfLineTrivia);
            var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiLine ? trailing : SyntaxFactory.TriviaList(SyntaxFactory.Space));
            nodesAndTokens = nodesAndTokens.Replace(nodesAndTokens[position], sameSite.WithoutTrailingTrivia())
                .InsertRange(position + 1, new SyntaxNodeOrToken[] { comma, secure.WithTrailingTrivia(trailing) });
        }

        var updated = initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(nodesAndTokens));
        return document.WithSyntaxRoot(root.ReplaceNode(initializer, updated));
    }
}

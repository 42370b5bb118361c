using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC412: attaches a rate-limiting policy the app already registers: <c>[EnableRateLimiting("…")]</c>
/// on an action, <c>.RequireRateLimiting("…")</c> on an endpoint. Not offered when the app registers
/// none (a made-up name would throw at startup). Fix All edits each document once.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SensitiveFlowWithoutRateLimitingCodeFix))]
[Shared]
public sealed class SensitiveFlowWithoutRateLimitingCodeFix() : AzSecCodeFix(RuleIds.SensitiveFlowWithoutRateLimiting)
{
    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    protected override void Offer(FixRequest request)
    {
        if (!request.Diagnostic.Properties.TryGetValue(SensitiveFlowWithoutRateLimitingAnalyzer.PolicyProperty, out var policy)
            || policy is null
            || Target(request.Root, request.Diagnostic) is not { } target)
        {
            return;
        }

        var title = target is MethodDeclarationSyntax ? $"Add [EnableRateLimiting(\"{policy}\")]" : $"Add .RequireRateLimiting(\"{policy}\")";
        request.Register(title, ct => ApplyAsync(request.Document, ImmutableArray.Create(request.Diagnostic), ct), EquivalenceKeys.EnableRateLimiting);
    }

    private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(FixContract.FixKind, out var kind))
        {
            return null;
        }

        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return kind switch
        {
            SensitiveFlowWithoutRateLimitingAnalyzer.FixAttribute => node.FirstAncestorOrSelf<MethodDeclarationSyntax>(),
            SensitiveFlowWithoutRateLimitingAnalyzer.FixRequireRateLimiting => node.FirstAncestorOrSelf<InvocationExpressionSyntax>(),
            _ => null,
        };
    }

    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var policies = new Dictionary<SyntaxNode, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(SensitiveFlowWithoutRateLimitingAnalyzer.PolicyProperty, out var policy) && policy is not null
                && Target(root, diagnostic) is { } target)
            {
                policies[target] = policy;
            }
        }

        if (policies.Count == 0)
        {
            return document;
        }

        var usesAttribute = false;
        var usesEndpoint = false;
        var newRoot = root.ReplaceNodes(policies.Keys, (original, rewritten) =>
        {
            var literal = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(policies[original]));
            switch (rewritten)
            {
                case MethodDeclarationSyntax method:
                    usesAttribute = true;
                    return AttributeEdits.Add(method, SyntaxFactory.Attribute(
                        SyntaxFactory.IdentifierName("EnableRateLimiting"),
                        SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(literal)))));

                case InvocationExpressionSyntax invocation:
                    usesEndpoint = true;
                    return SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireRateLimiting")),
                            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(literal))))
                        .WithTrailingTrivia(invocation.GetTrailingTrivia());

                default:
                    return rewritten;
            }
        });

        if (usesAttribute)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.RateLimiting");
        }

        if (usesEndpoint)
        {
            newRoot = UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.Builder");
        }

        return document.WithSyntaxRoot(newRoot);
    }
}

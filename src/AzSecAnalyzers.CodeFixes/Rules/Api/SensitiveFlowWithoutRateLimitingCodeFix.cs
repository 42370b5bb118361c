using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AzSecAnalyzers.Rules.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC412: attaches a rate-limiting policy the app already registers: <c>[EnableRateLimiting("…")]</c>
/// on an action, <c>.RequireRateLimiting("…")</c> on an endpoint. Not offered when the app registers none.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SensitiveFlowWithoutRateLimitingCodeFix))]
[Shared]
public sealed class SensitiveFlowWithoutRateLimitingCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SensitiveFlowWithoutRateLimiting);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(SensitiveFlowWithoutRateLimitingAnalyzer.PolicyProperty, out var policy)
                || policy is null
                || !diagnostic.Properties.TryGetValue(SensitiveFlowWithoutRateLimitingAnalyzer.FixKindProperty, out var kind))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var title = kind == SensitiveFlowWithoutRateLimitingAnalyzer.FixAttribute
                ? $"Add [EnableRateLimiting(\"{policy}\")]"
                : $"Add .RequireRateLimiting(\"{policy}\")";
            switch (kind)
            {
                case SensitiveFlowWithoutRateLimitingAnalyzer.FixAttribute when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method:
                    context.RegisterCodeFix(CodeAction.Create(title, ct => AddAttributeAsync(context.Document, method, policy, ct), EquivalenceKeys.EnableRateLimiting), diagnostic);
                    break;

                case SensitiveFlowWithoutRateLimitingAnalyzer.FixRequireRateLimiting when node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                    context.RegisterCodeFix(CodeAction.Create(title, ct => RequireAsync(context.Document, invocation, policy, ct), EquivalenceKeys.EnableRateLimiting), diagnostic);
                    break;
            }
        }
    }

    private static LiteralExpressionSyntax Literal(string policy)
        => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(policy));

    private static async Task<Document> AddAttributeAsync(Document document, MethodDeclarationSyntax method, string policy, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
            SyntaxFactory.Attribute(
                SyntaxFactory.IdentifierName("EnableRateLimiting"),
                SyntaxFactory.AttributeArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.AttributeArgument(Literal(policy)))))));

        MethodDeclarationSyntax updated;
        var leading = method.GetLeadingTrivia();
        var indentation = SyntaxTriviaList.Empty;
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            indentation = indentation.Insert(0, leading[i]);
        }

        if (method.AttributeLists.Count > 0)
        {
            var last = method.AttributeLists[method.AttributeLists.Count - 1];
            updated = method.WithAttributeLists(method.AttributeLists.Add(attribute.WithLeadingTrivia(indentation).WithTrailingTrivia(last.GetTrailingTrivia())));
        }
        else
        {
            updated = method.WithoutLeadingTrivia()
                .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"))))
                .WithModifiers(method.Modifiers.Count > 0 ? method.Modifiers.Replace(method.Modifiers[0], method.Modifiers[0].WithLeadingTrivia(indentation)) : method.Modifiers);
        }

        var newRoot = root.ReplaceNode(method, updated);
        return document.WithSyntaxRoot(UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.RateLimiting"));
    }

    private static async Task<Document> RequireAsync(Document document, InvocationExpressionSyntax invocation, string policy, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireRateLimiting")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(Literal(policy)))))
            .WithTrailingTrivia(invocation.GetTrailingTrivia());
        return document.WithSyntaxRoot(UsingDirectives.Ensure(root.ReplaceNode(invocation, call), "Microsoft.AspNetCore.Builder"));
    }
}

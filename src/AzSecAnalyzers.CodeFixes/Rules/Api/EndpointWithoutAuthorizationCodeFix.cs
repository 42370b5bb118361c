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
using Microsoft.CodeAnalysis.Formatting;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC401: adds <c>[Authorize]</c> to an action, <c>.RequireAuthorization()</c> to an endpoint, or removes an <c>[AllowAnonymous]</c> that opts out of the controller's <c>[Authorize]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EndpointWithoutAuthorizationCodeFix))]
[Shared]
public sealed class EndpointWithoutAuthorizationCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.EndpointWithoutAuthorization);

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
            if (!diagnostic.Properties.TryGetValue(EndpointWithoutAuthorizationAnalyzer.FixKindProperty, out var kind))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            switch (kind)
            {
                case EndpointWithoutAuthorizationAnalyzer.FixAddAuthorize when node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method:
                    Register(context, diagnostic, "Add [Authorize]", EquivalenceKeys.AddAuthorize, ct => AddAuthorizeAsync(context.Document, method, ct));
                    break;

                case EndpointWithoutAuthorizationAnalyzer.FixRequireAuthorization when node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { } invocation:
                    Register(context, diagnostic, "Add .RequireAuthorization()", EquivalenceKeys.RequireAuthorization, ct => RequireAuthorizationAsync(context.Document, invocation, ct));
                    break;

                case EndpointWithoutAuthorizationAnalyzer.FixRemoveAllowAnonymous when node.FirstAncestorOrSelf<AttributeSyntax>() is { Parent: AttributeListSyntax } attribute:
                    Register(context, diagnostic, "Remove [AllowAnonymous]", EquivalenceKeys.RemoveAllowAnonymous, ct => RemoveAttributeAsync(context.Document, attribute, ct));
                    break;
            }
        }
    }

    private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string key, System.Func<CancellationToken, Task<Document>> apply)
        => context.RegisterCodeFix(CodeAction.Create(title, apply, key), diagnostic);

    private static async Task<Document> AddAuthorizeAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var attribute = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Authorize"))));
        MethodDeclarationSyntax updated;
        if (method.AttributeLists.Count > 0)
        {
            // Next to the verb attribute: [HttpPost] becomes [HttpPost]\n[Authorize], on the same indentation.
            var last = method.AttributeLists[method.AttributeLists.Count - 1];
            var indentation = last.GetLeadingTrivia();
            updated = method.WithAttributeLists(method.AttributeLists.Add(attribute.WithLeadingTrivia(IndentationOf(indentation)).WithTrailingTrivia(last.GetTrailingTrivia())));
        }
        else
        {
            var leading = method.GetLeadingTrivia();
            updated = method.WithoutLeadingTrivia()
                .WithAttributeLists(SyntaxFactory.SingletonList(attribute.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"))))
                .WithModifiers(method.Modifiers.Count > 0 ? method.Modifiers.Replace(method.Modifiers[0], method.Modifiers[0].WithLeadingTrivia(IndentationOf(leading))) : method.Modifiers);
        }

        var newRoot = root.ReplaceNode(method, updated);
        return document.WithSyntaxRoot(UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.Authorization"));
    }

    private static SyntaxTriviaList IndentationOf(SyntaxTriviaList leading)
    {
        // The whitespace after the last end of line (the line's indentation), without comments above it.
        var result = SyntaxTriviaList.Empty;
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            result = result.Insert(0, leading[i]);
        }

        return result;
    }

    private static async Task<Document> RequireAuthorizationAsync(Document document, InvocationExpressionSyntax invocation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireAuthorization")))
            .WithTrailingTrivia(invocation.GetTrailingTrivia());
        var newRoot = root.ReplaceNode(invocation, call);
        return document.WithSyntaxRoot(UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.Builder"));
    }

    private static async Task<Document> RemoveAttributeAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || attribute.Parent is not AttributeListSyntax list)
        {
            return document;
        }

        var newRoot = list.Attributes.Count == 1
            ? root.RemoveNode(list, SyntaxRemoveOptions.KeepLeadingTrivia | SyntaxRemoveOptions.KeepUnbalancedDirectives)
            : root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)).WithAdditionalAnnotations(Formatter.Annotation));
        return newRoot is null ? document : document.WithSyntaxRoot(newRoot);
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC413: wraps the API documentation middleware or endpoint in a development-environment check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ApiDocumentationExposedCodeFix))]
[Shared]
public sealed class ApiDocumentationExposedCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ApiDocumentationExposed);

    public override FixAllProvider GetFixAllProvider() => DevelopmentCheckWrapper.FixAll;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DevelopmentOnly.WrapProperty)
                || DevelopmentCheckWrapper.FindStatement(root, diagnostic) is not { } statement
                || DevelopmentCheckWrapper.FindEnvironment(model, statement, context.CancellationToken) is not { } environment)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Run only when {environment}.IsDevelopment()",
                    cancellationToken => DevelopmentCheckWrapper.WrapAsync(context.Document, statement, environment, cancellationToken),
                    EquivalenceKeys.WrapApiDocumentationInDevelopmentCheck),
                diagnostic);
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Identity;

/// <summary>AZSEC204: replaces <c>new DefaultAzureCredential()</c> with the system-assigned <c>ManagedIdentityCredential</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DefaultAzureCredentialInProductionCodeFix))]
[Shared]
public sealed class DefaultAzureCredentialInProductionCodeFix : CodeFixProvider
{
    private const string Title = "Use ManagedIdentityCredential (system-assigned managed identity)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DefaultAzureCredentialInProduction);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null
            || !CredentialChoice.IsAvailable(AzSecContext.For(model.Compilation), CredentialKind.ManagedIdentity))
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // Only the parameterless form: options passed in would be lost.
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() is { Initializer: null } creation
                && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => ApplyAsync(context.Document, creation, ct), EquivalenceKeys.ReplaceWithManagedIdentityCredential),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, ObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var types = AzSecContext.For(model.Compilation);
        var credential = types.Get(WellKnownTypeNames.ManagedIdentityCredential)!;
        var id = types.Get("Azure.Identity.ManagedIdentityId")!;
        var needsUsing = !UsingDirectives.IsInScope(model, creation.SpanStart, credential) || !UsingDirectives.IsInScope(model, creation.SpanStart, id);
        var replacement = SyntaxFactory.ParseExpression(CredentialChoice.NewCredential(CredentialKind.ManagedIdentity, name => name.Substring(name.LastIndexOf('.') + 1)))
            .WithTriviaFrom(creation);
        var newRoot = root.ReplaceNode(creation, replacement);
        if (needsUsing && newRoot is CompilationUnitSyntax unit)
        {
            newRoot = UsingDirectives.Add(unit, "Azure.Identity");
        }

        return document.WithSyntaxRoot(newRoot);
    }
}

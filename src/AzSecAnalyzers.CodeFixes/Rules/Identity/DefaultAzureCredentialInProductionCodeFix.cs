namespace AzSecAnalyzers.CodeFixes.Rules.Identity;

/// <summary>AZSEC204: replaces <c>new DefaultAzureCredential()</c> with the system-assigned <c>ManagedIdentityCredential</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DefaultAzureCredentialInProductionCodeFix))]
[Shared]
public sealed class DefaultAzureCredentialInProductionCodeFix() : AzSecCodeFix(RuleIds.DefaultAzureCredentialInProduction)
{
    private const string Title = "Use ManagedIdentityCredential (system-assigned managed identity)";

    protected override bool NeedsSemanticModel => true;

    protected override void Offer(FixRequest request)
    {
        // Only the parameterless form: options passed in would be lost.
        if (CredentialChoice.IsAvailable(AzSecContext.For(request.Model!.Compilation), CredentialKind.ManagedIdentity)
            && request.Node.FirstAncestorOrSelf<ObjectCreationExpressionSyntax>() is { Initializer: null } creation
            && (creation.ArgumentList is null || creation.ArgumentList.Arguments.Count == 0))
        {
            request.Register(Title, ct => ApplyAsync(request.Document, creation, ct), EquivalenceKeys.ReplaceWithManagedIdentityCredential);
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

using AzSecAnalyzers.Infrastructure.Options;

namespace AzSecAnalyzers.CodeFixes.Rules.Identity;

/// <summary>
/// AZSEC201 (FIX-TOKEN): rebuilds the client on its TokenCredential overload. The credential is one already in
/// scope, else a new <c>DefaultAzureCredential</c> or <c>ManagedIdentityCredential</c> (two actions; the
/// <c>azsec.fix_credential</c> option picks which comes first). Offered only when the endpoint is known exactly
/// and the rewritten call binds to a TokenCredential constructor.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(KeyBasedClientAuthenticationCodeFix))]
[Shared]
public sealed class KeyBasedClientAuthenticationCodeFix() : AzSecCodeFix(RuleIds.KeyBasedClientAuthentication)
{
    internal const string DefaultCredentialName = "credential";

    protected override bool NeedsSemanticModel => true;

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    protected override void Offer(FixRequest request)
    {
        var (model, diagnostic, document) = (request.Model!, request.Diagnostic, request.Document);
        var types = AzSecContext.For(model.Compilation);
        if (request.Node.FirstAncestorOrSelf<ArgumentSyntax>() is not { } argument
            || TokenCredentialRewrite.TryCreate(model, argument, diagnostic, types) is not { } rewrite)
        {
            return;
        }

        var preferManagedIdentity = PrefersManagedIdentity(document, request.Root.SyntaxTree);
        var suffix = rewrite.ConfigurationKey is null ? string.Empty : $" (endpoint from configuration key '{rewrite.ConfigurationKey}')";
        if (CredentialChoice.FindInScope(model, rewrite.Call, types) is { } existing)
        {
            if (CredentialChoice.Validate(model, rewrite, existing.Name))
            {
                request.Register(
                    $"Authenticate with Microsoft Entra ID using '{existing.Name}'{suffix}",
                    ct => FixOneAsync(document, diagnostic, CredentialKind.Existing, ct),
                    preferManagedIdentity ? EquivalenceKeys.UseManagedIdentityCredential : EquivalenceKeys.UseDefaultAzureCredential);
            }

            return;
        }

        var kinds = preferManagedIdentity
            ? new[] { CredentialKind.ManagedIdentity, CredentialKind.Default }
            : new[] { CredentialKind.Default, CredentialKind.ManagedIdentity };
        foreach (var kind in kinds)
        {
            if (!CredentialChoice.IsAvailable(types, kind)
                || !CredentialChoice.Validate(model, rewrite, CredentialChoice.NewCredential(kind, FullName)))
            {
                continue;
            }

            var name = kind == CredentialKind.Default ? "DefaultAzureCredential" : "ManagedIdentityCredential";
            request.Register(
                $"Authenticate with Microsoft Entra ID ({name}){suffix}",
                ct => FixOneAsync(document, diagnostic, kind, ct),
                kind == CredentialKind.Default ? EquivalenceKeys.UseDefaultAzureCredential : EquivalenceKeys.UseManagedIdentityCredential);
        }
    }

    private static string FullName(string metadataName) => "global::" + metadataName;

    private static ArgumentSyntax? Reported(SyntaxNode root, Diagnostic diagnostic)
        => root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>();

    private static bool PrefersManagedIdentity(Document document, SyntaxTree tree)
    {
        var options = new AzSecOptions(document.Project.AnalyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree));
        return string.Equals(AzSecOptionDefinitions.FixCredential.Read(options, RuleIds.KeyBasedClientAuthentication), "ManagedIdentityCredential", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<Document> FixOneAsync(Document document, Diagnostic diagnostic, CredentialKind kind, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is not null && Reported(root, diagnostic) is { } argument
            ? await CredentialChoice.ApplyAsync(document, argument, diagnostic, kind, introduceLocal: false, cancellationToken).ConfigureAwait(false)
            : document;
    }

    /// <summary>
    /// Fix All: the findings of a document are fixed one after the other on the updated document, so a
    /// credential introduced for the first finding in a block is reused by the next ones: one credential per scope.
    /// </summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var kind = context.CodeActionEquivalenceKey == EquivalenceKeys.UseManagedIdentityCredential ? CredentialKind.ManagedIdentity : CredentialKind.Default;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var pending = diagnostics
            .Select(d => (Diagnostic: d, Argument: Reported(root, d), Annotation: new SyntaxAnnotation()))
            .Where(p => p.Argument is not null)
            .OrderBy(p => p.Argument!.SpanStart)
            .ToList();
        root = root.ReplaceNodes(pending.Select(p => p.Argument!), (original, _) => original.WithAdditionalAnnotations(pending.First(p => p.Argument == original).Annotation));
        document = document.WithSyntaxRoot(root);

        for (var i = 0; i < pending.Count; i++)
        {
            var current = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (current?.GetAnnotatedNodes(pending[i].Annotation).FirstOrDefault() is not ArgumentSyntax argument)
            {
                continue;
            }

            // A local credential pays off when a later finding sits in the same block.
            var block = argument.FirstAncestorOrSelf<StatementSyntax>()?.Parent as BlockSyntax;
            var shared = block is not null && pending.Skip(i + 1).Any(p => current.GetAnnotatedNodes(p.Annotation).Any(n => n.Ancestors().Contains(block)));
            document = await CredentialChoice.ApplyAsync(document, argument, pending[i].Diagnostic, kind, shared, context.CancellationToken).ConfigureAwait(false);
        }

        return document;
    }
}

using Microsoft.CodeAnalysis.CodeActions;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// The base of every code fix: it owns the register loop (the document's root, the node at each finding, the
/// finding's <see cref="FixContract.FixKind"/>), so a fix states only what it offers for one finding
/// (<see cref="Offer"/> or <see cref="OfferAsync"/>) and, when it needs more than the batch fixer, its Fix All.
/// Each fix keeps its own <c>[ExportCodeFixProvider(Name = nameof(...))]</c> and <c>[Shared]</c>.
/// </summary>
public abstract class AzSecCodeFix : CodeFixProvider
{
    protected AzSecCodeFix(params string[] ruleIds) => FixableDiagnosticIds = ImmutableArray.Create(ruleIds);

    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <summary>Whether <see cref="FixRequest.Model"/> is needed; when it is and the document has none, nothing is offered.</summary>
    protected virtual bool NeedsSemanticModel => false;

    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        SemanticModel? model = null;
        if (NeedsSemanticModel)
        {
            model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return;
            }
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            // A finding from an older version of the document may point past its end.
            if (diagnostic.Location.SourceSpan.End > root.FullSpan.End)
            {
                continue;
            }

            await OfferAsync(new FixRequest(context, root, model, diagnostic)).ConfigureAwait(false);
        }
    }

    /// <summary>Registers the actions this fix offers for one finding, if any.</summary>
    protected virtual void Offer(FixRequest request)
    {
    }

    /// <summary>As <see cref="Offer"/>, for fixes that must await to decide.</summary>
    protected virtual Task OfferAsync(FixRequest request)
    {
        Offer(request);
        return Task.CompletedTask;
    }
}

/// <summary>One finding a fix is asked about: where it is, what the analyzer said, and how to offer an action.</summary>
public sealed class FixRequest
{
    private readonly CodeFixContext _context;
    private SyntaxNode? _node;

    internal FixRequest(CodeFixContext context, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic)
    {
        _context = context;
        Root = root;
        Model = model;
        Diagnostic = diagnostic;
        diagnostic.Properties.TryGetValue(FixContract.FixKind, out var kind);
        Kind = kind;
    }

    public Document Document => _context.Document;

    public SyntaxNode Root { get; }

    /// <summary>The document's semantic model; set when the fix asks for it (<see cref="AzSecCodeFix.NeedsSemanticModel"/>).</summary>
    public SemanticModel? Model { get; }

    public Diagnostic Diagnostic { get; }

    /// <summary>The finding's <see cref="FixContract.FixKind"/>; null when the analyzer offered no fix.</summary>
    public string? Kind { get; }

    public CancellationToken CancellationToken => _context.CancellationToken;

    /// <summary>The innermost node at the finding's span.</summary>
    public SyntaxNode Node => _node ??= Root.FindNode(Diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);

    /// <summary>Offers an action with a stable, public equivalence key (<see cref="EquivalenceKeys"/>).</summary>
    public void Register(string title, Func<CancellationToken, Task<Document>> apply, string equivalenceKey)
        => _context.RegisterCodeFix(CodeAction.Create(title, apply, equivalenceKey), Diagnostic);
}

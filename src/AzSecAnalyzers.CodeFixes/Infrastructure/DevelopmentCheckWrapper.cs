using AzSecAnalyzers.Infrastructure.AspNetCore;
using Microsoft.CodeAnalysis.Formatting;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// Wraps a statement in <c>if (app.Environment.IsDevelopment()) { … }</c>, using the app, host
/// environment or builder variable in scope (AZSEC408, AZSEC413). No variable, no fix.
/// </summary>
internal static class DevelopmentCheckWrapper
{
    private const string WebApplication = "Microsoft.AspNetCore.Builder.WebApplication";
    private const string WebApplicationBuilder = "Microsoft.AspNetCore.Builder.WebApplicationBuilder";
    private const string HostEnvironment = "Microsoft.Extensions.Hosting.IHostEnvironment";
    private const string LegacyHostingEnvironment = "Microsoft.AspNetCore.Hosting.IHostingEnvironment";

    /// <summary>
    /// Offers "Run only when env.IsDevelopment()" for a finding the analyzer marked as wrappable. The statements at the
    /// finding's additional locations (AZSEC413: the other documentation calls of the block) are wrapped with it, each
    /// run of adjacent statements in one <c>if</c>.
    /// </summary>
    public static void Offer(FixRequest request, string equivalenceKey)
    {
        if (request.Kind == DevelopmentOnly.FixWrap
            && FindStatement(request.Root, request.Diagnostic) is { } statement
            && FindEnvironment(request.Model!, statement, request.CancellationToken) is { } environment)
        {
            var group = Group(request.Root, request.Diagnostic, statement);
            request.Register(
                $"Run only when {environment}.IsDevelopment()",
                cancellationToken => WrapAsync(request.Document, new List<(List<StatementSyntax>, string)> { (group, environment) }, cancellationToken),
                equivalenceKey);
        }
    }

    /// <summary>The statement the diagnostic is on, when it is a whole statement of a block or a top-level statement.</summary>
    public static StatementSyntax? FindStatement(SyntaxNode root, Diagnostic diagnostic) => FindStatement(root, diagnostic.Location);

    private static StatementSyntax? FindStatement(SyntaxNode root, Location location)
    {
        if (location.SourceTree != root.SyntaxTree)
        {
            return null;
        }

        var node = root.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } statement ? statement : null;
    }

    /// <summary>The finding's statement and those of its additional locations that sit beside it (same block).</summary>
    private static List<StatementSyntax> Group(SyntaxNode root, Diagnostic diagnostic, StatementSyntax statement)
    {
        var group = new List<StatementSyntax> { statement };
        foreach (var location in diagnostic.AdditionalLocations)
        {
            if (FindStatement(root, location) is { } other && !group.Contains(other) && Container(other) == Container(statement))
            {
                group.Add(other);
            }
        }

        group.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
        return group;
    }

    /// <summary>The list a statement belongs to: its block, or the compilation unit for a top-level statement.</summary>
    private static SyntaxNode? Container(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global.Parent : statement.Parent;

    /// <summary>The statement (or top-level member) that follows, in the same list.</summary>
    private static StatementSyntax? Next(StatementSyntax statement)
    {
        switch (statement.Parent)
        {
            case BlockSyntax block:
                var index = block.Statements.IndexOf(statement);
                return index >= 0 && index + 1 < block.Statements.Count ? block.Statements[index + 1] : null;
            case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit } global:
                var member = unit.Members.IndexOf(global);
                return member >= 0 && member + 1 < unit.Members.Count ? (unit.Members[member + 1] as GlobalStatementSyntax)?.Statement : null;
            default:
                return null;
        }
    }

    /// <summary>The expression that gives the environment at the statement, e.g. <c>app.Environment</c> or <c>env</c>; null when none is in scope.</summary>
    public static string? FindEnvironment(SemanticModel model, StatementSyntax statement, CancellationToken cancellationToken)
    {
        string? fromBuilder = null;
        string? fromEnvironment = null;
        foreach (var symbol in model.LookupSymbols(statement.SpanStart))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var type = symbol switch
            {
                ILocalSymbol local when DeclaredBefore(local, statement) => local.Type,
                IParameterSymbol parameter => parameter.Type,
                IFieldSymbol field when !field.IsImplicitlyDeclared => field.Type,
                IPropertySymbol property when !property.IsIndexer => property.Type,
                _ => null,
            };

            if (type is null || !SyntaxFacts.IsValidIdentifier(symbol.Name))
            {
                continue;
            }

            if (Named(type, WebApplication))
            {
                return symbol.Name + ".Environment";
            }

            if (fromEnvironment is null && (Implements(type, HostEnvironment) || Implements(type, LegacyHostingEnvironment)))
            {
                fromEnvironment = symbol.Name;
            }
            else if (fromBuilder is null && Named(type, WebApplicationBuilder))
            {
                fromBuilder = symbol.Name + ".Environment";
            }
        }

        return fromEnvironment ?? fromBuilder;
    }

    /// <summary>A Fix All provider that wraps every wrappable finding of a document in one pass (and adds the <c>using</c> once).</summary>
    public static FixAllProvider FixAll { get; } = FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var groups = new List<(List<StatementSyntax>, string)>();
        var taken = new HashSet<StatementSyntax>();
        foreach (var diagnostic in diagnostics)
        {
            if (Wrappable(diagnostic)
                && FindStatement(root, diagnostic) is { } statement
                && !taken.Contains(statement)
                && FindEnvironment(model, statement, context.CancellationToken) is { } environment)
            {
                var group = Group(root, diagnostic, statement);
                group.RemoveAll(other => !taken.Add(other));
                groups.Add((group, environment));
            }
        }

        return await WrapAsync(document, groups, context.CancellationToken).ConfigureAwait(false);
    });

    public static Task<Document> WrapAsync(Document document, StatementSyntax statement, string environment, CancellationToken cancellationToken)
        => WrapAsync(document, new List<(List<StatementSyntax>, string)> { (new List<StatementSyntax> { statement }, environment) }, cancellationToken);

    private static async Task<Document> WrapAsync(Document document, List<(List<StatementSyntax> Statements, string Environment)> groups, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || groups.Count == 0)
        {
            return document;
        }

        // Each group splits into runs of adjacent statements; a run becomes one if, in place of its first statement.
        var runs = new List<(List<StatementSyntax> Run, string Environment)>();
        foreach (var (statements, environment) in groups)
        {
            List<StatementSyntax>? run = null;
            foreach (var statement in statements)
            {
                if (run is null || Next(run[run.Count - 1]) != statement)
                {
                    run = new List<StatementSyntax>();
                    runs.Add((run, environment));
                }

                run.Add(statement);
            }
        }

        var all = runs.SelectMany(r => r.Run).ToList();
        var newRoot = root.TrackNodes(all);
        foreach (var (run, environment) in runs)
        {
            var condition = SyntaxFactory.ParseExpression(environment + ".IsDevelopment()");
            var inner = run.Select((statement, i) =>
            {
                var copy = statement;
                if (i == 0)
                {
                    copy = copy.WithoutLeadingTrivia();
                }

                return i == run.Count - 1 ? copy.WithoutTrailingTrivia() : copy;
            });
            var wrapped = SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(inner))
                .WithLeadingTrivia(run[0].GetLeadingTrivia())
                .WithTrailingTrivia(run[run.Count - 1].GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);

            var rest = run.Skip(1).Select(statement => (SyntaxNode)(newRoot.GetCurrentNode(statement) is { Parent: GlobalStatementSyntax global } ? global : newRoot.GetCurrentNode(statement)!)).ToList();
            if (rest.Count > 0)
            {
                newRoot = newRoot.RemoveNodes(rest, SyntaxRemoveOptions.KeepNoTrivia)!;
            }

            newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(run[0])!, wrapped);
        }

        newRoot = UsingDirectives.Ensure(newRoot, "Microsoft.Extensions.Hosting");
        return document.WithSyntaxRoot(newRoot);
    }

    private static bool Wrappable(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(FixContract.FixKind, out var kind) && kind == DevelopmentOnly.FixWrap;

    private static bool DeclaredBefore(ILocalSymbol local, SyntaxNode statement)
    {
        foreach (var reference in local.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == statement.SyntaxTree && reference.Span.End <= statement.SpanStart)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Named(ITypeSymbol type, string fullName)
        => type.ContainingNamespace is { } ns && ns.ToDisplayString() + "." + type.MetadataName == fullName;

    private static bool Implements(ITypeSymbol type, string fullName)
    {
        if (Named(type, fullName))
        {
            return true;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (Named(implemented, fullName))
            {
                return true;
            }
        }

        return false;
    }
}

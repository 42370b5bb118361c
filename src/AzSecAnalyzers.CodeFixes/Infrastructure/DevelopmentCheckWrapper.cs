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

    /// <summary>Offers "Run only when env.IsDevelopment()" for a finding the analyzer marked as wrappable.</summary>
    public static void Offer(FixRequest request, string equivalenceKey)
    {
        if (request.Kind == DevelopmentOnly.FixWrap
            && FindStatement(request.Root, request.Diagnostic) is { } statement
            && FindEnvironment(request.Model!, statement, request.CancellationToken) is { } environment)
        {
            request.Register(
                $"Run only when {environment}.IsDevelopment()",
                cancellationToken => WrapAsync(request.Document, statement, environment, cancellationToken),
                equivalenceKey);
        }
    }

    /// <summary>The statement the diagnostic is on, when it is a whole statement of a block or a top-level statement.</summary>
    public static StatementSyntax? FindStatement(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax or GlobalStatementSyntax } statement ? statement : null;
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

        var environments = new Dictionary<StatementSyntax, string>();
        foreach (var diagnostic in diagnostics)
        {
            if (Wrappable(diagnostic)
                && FindStatement(root, diagnostic) is { } statement
                && FindEnvironment(model, statement, context.CancellationToken) is { } environment)
            {
                environments[statement] = environment;
            }
        }

        return await WrapAsync(document, environments, context.CancellationToken).ConfigureAwait(false);
    });

    public static Task<Document> WrapAsync(Document document, StatementSyntax statement, string environment, CancellationToken cancellationToken)
        => WrapAsync(document, new Dictionary<StatementSyntax, string> { [statement] = environment }, cancellationToken);

    private static async Task<Document> WrapAsync(Document document, Dictionary<StatementSyntax, string> environments, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || environments.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(environments.Keys, (original, rewritten) =>
        {
            var condition = SyntaxFactory.ParseExpression(environments[original] + ".IsDevelopment()");
            var inner = rewritten.WithoutLeadingTrivia().WithoutTrailingTrivia();
            return SyntaxFactory.IfStatement(condition, SyntaxFactory.Block(inner))
                .WithLeadingTrivia(rewritten.GetLeadingTrivia())
                .WithTrailingTrivia(rewritten.GetTrailingTrivia())
                .WithAdditionalAnnotations(Formatter.Annotation);
        });
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

using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Rules.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC411: replaces a <c>TypeNameHandling</c> value with <c>TypeNameHandling.None</c>. Formatter and
/// type-resolver findings get no action: replacing a serializer changes the wire format, which only
/// the developer can migrate.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsafeDeserializationCodeFix))]
[Shared]
public sealed class UnsafeDeserializationCodeFix : CodeFixProvider
{
    private const string NewtonsoftNamespace = "Newtonsoft.Json";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UnsafeDeserialization);

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
            if (diagnostic.Properties.TryGetValue(FixContract.FixKind, out var kind)
                && kind == UnsafeDeserializationAnalyzer.FixTypeNameHandlingNone
                && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax value
                && value.Span == diagnostic.Location.SourceSpan)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Use TypeNameHandling.None", ct => UseNoneAsync(context.Document, value, ct), EquivalenceKeys.UseTypeNameHandlingNone),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> UseNoneAsync(Document document, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        // TypeNameHandling.All (however qualified) keeps its qualification; anything else (a local, a cast) becomes TypeNameHandling.None.
        if (value is MemberAccessExpressionSyntax member
            && model.GetSymbolInfo(member, cancellationToken).Symbol is IFieldSymbol { ContainingType.TypeKind: TypeKind.Enum })
        {
            return document.WithSyntaxRoot(root.ReplaceNode(value, member.WithName(SyntaxFactory.IdentifierName("None").WithTriviaFrom(member.Name))));
        }

        var none = SyntaxFactory.ParseExpression("TypeNameHandling.None").WithTriviaFrom(value);
        var handling = model.GetTypeInfo(value, cancellationToken).ConvertedType as INamedTypeSymbol;
        var newRoot = root.ReplaceNode(value, none);
        if (handling is not null && !UsingDirectives.IsInScope(model, value.SpanStart, handling))
        {
            newRoot = UsingDirectives.Ensure(newRoot, NewtonsoftNamespace);
        }

        return document.WithSyntaxRoot(newRoot);
    }
}

using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC411: replaces a <c>TypeNameHandling</c> value with <c>TypeNameHandling.None</c>. Formatter and
/// type-resolver findings get no action: replacing a serializer changes the wire format, which only
/// the developer can migrate.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsafeDeserializationCodeFix))]
[Shared]
public sealed class UnsafeDeserializationCodeFix() : AzSecCodeFix(RuleIds.UnsafeDeserialization)
{
    private const string NewtonsoftNamespace = "Newtonsoft.Json";

    protected override void Offer(FixRequest request)
    {
        if (request.Kind == UnsafeDeserializationAnalyzer.FixTypeNameHandlingNone
            && request.Node is ExpressionSyntax value
            && value.Span == request.Diagnostic.Location.SourceSpan)
        {
            request.Register("Use TypeNameHandling.None", ct => UseNoneAsync(request.Document, value, ct), EquivalenceKeys.UseTypeNameHandlingNone);
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

using Microsoft.CodeAnalysis.Editing;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>The two edits the Data fixes make: an enum value replaced by a safe member, a number replaced by a safe one.</summary>
internal static class DataFixEdits
{
    /// <summary>
    /// Replaces <paramref name="value"/> with <c>EnumType.member</c>: renames the member of a written-out
    /// <c>EnumType.X</c>, otherwise writes the member with its type, simplified and imported.
    /// </summary>
    public static async Task<Document> ReplaceWithEnumMemberAsync(Document document, ExpressionSyntax value, string member, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || model.GetTypeInfo(value, cancellationToken).ConvertedType is not INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return document;
        }

        if (value is MemberAccessExpressionSyntax access
            && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(access.Expression, cancellationToken).Symbol, enumType))
        {
            return document.WithSyntaxRoot(root.ReplaceToken(access.Name.Identifier, SyntaxFactory.Identifier(member).WithTriviaFrom(access.Name.Identifier)));
        }

        var generator = SyntaxGenerator.GetGenerator(document);
        var replacement = UsingDirectives.SimplifyAndImport(generator.MemberAccessExpression(generator.TypeExpression(enumType), member).WithTriviaFrom(value));
        return document.WithSyntaxRoot(root.ReplaceNode(value, replacement));
    }

    /// <summary>Replaces a constant number with <paramref name="number"/>.</summary>
    public static async Task<Document> ReplaceWithNumberAsync(Document document, ExpressionSyntax value, int number, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var literal = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(number)).WithTriviaFrom(value);
        return document.WithSyntaxRoot(root.ReplaceNode(value, literal));
    }
}

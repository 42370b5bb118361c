namespace AzSecAnalyzers.CodeFixes;

/// <summary>Replaces the right-hand side of the assignment a diagnostic points at (its target), keeping trivia.</summary>
internal static class AssignedValue
{
    /// <summary>The assignment around the node a finding is on.</summary>
    public static AssignmentExpressionSyntax? Find(SyntaxNode node) => node.FirstAncestorOrSelf<AssignmentExpressionSyntax>();

    public static async Task<Document> ReplaceAsync(Document document, AssignmentExpressionSyntax assignment, ExpressionSyntax value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return root is null
            ? document
            : document.WithSyntaxRoot(root.ReplaceNode(assignment.Right, value.WithTriviaFrom(assignment.Right)));
    }

    public static ExpressionSyntax True => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
}

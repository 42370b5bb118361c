namespace AzSecAnalyzers.CodeFixes;

/// <summary>Deletes a whole statement the way a developer would: its line goes, comments and directives above it stay.</summary>
internal static class StatementRemoval
{
    public static SyntaxNode Remove(SyntaxNode root, SyntaxNode statement)
    {
        var leading = statement.GetLeadingTrivia();

        // Keep everything up to the end of the last line that holds a comment or a directive;
        // drop the statement's own indentation and its trailing end of line.
        var lastLineEnd = -1;
        var hasContent = false;
        for (var i = 0; i < leading.Count; i++)
        {
            var trivia = leading[i];
            if (trivia.IsDirective || IsComment(trivia))
            {
                hasContent = true;
            }

            if (trivia.IsDirective || trivia.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastLineEnd = i;
            }
        }

        if (!hasContent || lastLineEnd < 0)
        {
            return root.RemoveNode(statement, SyntaxRemoveOptions.KeepUnbalancedDirectives)!;
        }

        var kept = leading.Take(lastLineEnd + 1).ToList();
        var next = statement.GetLastToken().GetNextToken(includeZeroWidth: true);
        var marker = new SyntaxAnnotation();
        var annotated = root.ReplaceSyntax(
            nodes: new[] { statement },
            computeReplacementNode: (_, node) => node.WithAdditionalAnnotations(marker),
            tokens: new[] { next },
            computeReplacementToken: (_, token) => token.WithLeadingTrivia(kept.Concat(token.LeadingTrivia)),
            trivia: null,
            computeReplacementTrivia: null);

        return annotated.RemoveNode(annotated.GetAnnotatedNodes(marker).Single(), SyntaxRemoveOptions.KeepNoTrivia)!;
    }

    private static bool IsComment(SyntaxTrivia trivia)
        => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia)
           || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
           || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia)
           || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);
}

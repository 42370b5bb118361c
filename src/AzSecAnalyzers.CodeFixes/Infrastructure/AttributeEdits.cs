namespace AzSecAnalyzers.CodeFixes;

/// <summary>Adds or removes a method attribute on its own line, the way a developer would write it.</summary>
internal static class AttributeEdits
{
    /// <summary>Adds <c>[attribute]</c> on its own line after the method's last attribute list (or first, when it has none).</summary>
    public static MethodDeclarationSyntax Add(MethodDeclarationSyntax method, AttributeSyntax attribute)
    {
        var list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(attribute));
        if (method.AttributeLists.Count > 0)
        {
            var last = method.AttributeLists[method.AttributeLists.Count - 1];
            return method.WithAttributeLists(method.AttributeLists.Add(
                list.WithLeadingTrivia(Indentation(last.GetLeadingTrivia())).WithTrailingTrivia(last.GetTrailingTrivia())));
        }

        var leading = method.GetLeadingTrivia();
        var indentation = Indentation(leading);
        var withoutTrivia = method.WithoutLeadingTrivia();
        var firstToken = withoutTrivia.GetFirstToken();
        withoutTrivia = withoutTrivia.ReplaceToken(firstToken, firstToken.WithLeadingTrivia(indentation));
        return withoutTrivia.WithAttributeLists(SyntaxFactory.SingletonList(list.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"))));
    }

    /// <summary>Removes one attribute; a list left empty goes with its line.</summary>
    public static MethodDeclarationSyntax Remove(MethodDeclarationSyntax method, AttributeSyntax attribute)
    {
        if (attribute.Parent is not AttributeListSyntax list || method.AttributeLists.IndexOf(list) < 0)
        {
            return method;
        }

        if (list.Attributes.Count > 1)
        {
            var remaining = list.Attributes.Remove(attribute);
            return method.ReplaceNode(list, list.WithAttributes(remaining));
        }

        var index = method.AttributeLists.IndexOf(list);
        var lists = method.AttributeLists.RemoveAt(index);
        if (index == 0)
        {
            // The removed list carried the method's leading trivia (comments, indentation): hand it on.
            var leading = list.GetLeadingTrivia();
            if (lists.Count > 0)
            {
                lists = lists.Replace(lists[0], lists[0].WithLeadingTrivia(leading));
                return method.WithAttributeLists(lists);
            }

            var updated = method.WithAttributeLists(lists);
            var first = updated.GetFirstToken();
            return updated.ReplaceToken(first, first.WithLeadingTrivia(leading));
        }

        return method.WithAttributeLists(lists);
    }

    private static SyntaxTriviaList Indentation(SyntaxTriviaList leading)
    {
        var result = SyntaxTriviaList.Empty;
        for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
        {
            result = result.Insert(0, leading[i]);
        }

        return result;
    }
}

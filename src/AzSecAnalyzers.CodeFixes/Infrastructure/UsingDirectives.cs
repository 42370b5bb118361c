using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>Adds a <c>using</c> directive a fix needs, unless the file already has it.</summary>
internal static class UsingDirectives
{
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName)
    {
        if (root is not CompilationUnitSyntax unit
            || unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName)
            || unit.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax)
                .OfType<BaseNamespaceDeclarationSyntax>()
                .Any(ns => ns.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName)))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName))
            .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);

        // Keep the usings sorted the way the file has them: System first, then alphabetical.
        var usings = unit.Usings;
        var index = 0;
        while (index < usings.Count && Compare(usings[index].Name?.ToString() ?? string.Empty, namespaceName) < 0)
        {
            index++;
        }

        if (usings.Count == 0)
        {
            var first = unit.GetFirstToken(includeZeroWidth: true);
            var leading = first.LeadingTrivia;
            var newUnit = unit.ReplaceToken(first, first.WithLeadingTrivia(SyntaxTriviaList.Empty));
            return newUnit.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(leading)
                .WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))));
        }

        var endOfLine = usings[0].GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        directive = directive.WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n"));
        if (index == 0)
        {
            // Take over the file's leading trivia (a header comment) from the old first using.
            var oldFirst = usings[0];
            directive = directive.WithLeadingTrivia(oldFirst.GetLeadingTrivia());
            usings = usings.Replace(oldFirst, oldFirst.WithLeadingTrivia(SyntaxTriviaList.Empty));
        }

        return unit.WithUsings(usings.Insert(index, directive));
    }

    private static int Compare(string left, string right)
    {
        var leftSystem = left == "System" || left.StartsWith("System.", System.StringComparison.Ordinal);
        var rightSystem = right == "System" || right.StartsWith("System.", System.StringComparison.Ordinal);
        if (leftSystem != rightSystem)
        {
            return leftSystem ? -1 : 1;
        }

        return string.CompareOrdinal(left, right);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Secrets;

/// <summary>
/// Adds the <c>using</c> directives that the simple type names of an inserted expression need
/// (names marked with <see cref="KeyVaultSecretRead.NamespaceAnnotationKind"/>), keeping System first
/// and the rest in order, and skipping namespaces already imported (also by global usings).
/// </summary>
internal static class UsingDirectives
{
    public static SyntaxNode AddMissing(SyntaxNode root, SemanticModel originalModel, int position, SyntaxNode inserted)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        var needed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var annotated in inserted.GetAnnotatedNodes(KeyVaultSecretRead.NamespaceAnnotationKind))
        {
            foreach (var annotation in annotated.GetAnnotations(KeyVaultSecretRead.NamespaceAnnotationKind))
            {
                if (annotation.Data is { } ns && !IsImported(originalModel, position, ns, ((IdentifierNameSyntax)annotated).Identifier.ValueText))
                {
                    needed.Add(ns);
                }
            }
        }

        var endOfLine = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            endOfLine = SyntaxFactory.LineFeed;
        }

        var usings = unit.Usings;
        foreach (var ns in needed)
        {
            if (usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == ns))
            {
                continue;
            }

            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithTrailingTrivia(endOfLine);
            var index = 0;
            while (index < usings.Count && Compare(usings[index], ns) < 0)
            {
                index++;
            }

            if (index == 0 && usings.Count > 0)
            {
                // Take over the leading trivia (file header, comments) of the first directive.
                directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
                usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia(SyntaxTriviaList.Empty));
            }

            usings = usings.Insert(index, directive);
        }

        if (unit.Usings.Count == 0 && usings.Count > 0)
        {
            var last = usings[usings.Count - 1];
            usings = usings.Replace(last, last.WithTrailingTrivia(SyntaxFactory.TriviaList(endOfLine, endOfLine)));
        }

        return unit.WithUsings(usings);
    }

    private static int Compare(UsingDirectiveSyntax existing, string ns)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null)
        {
            return 1;
        }

        var name = existing.Name.ToString();
        var existingSystem = name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
        var newSystem = ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);
        if (existingSystem != newSystem)
        {
            return existingSystem ? -1 : 1;
        }

        return string.CompareOrdinal(name, ns);
    }

    /// <summary>True when <paramref name="typeName"/> already binds at <paramref name="position"/> to the type in <paramref name="ns"/>.</summary>
    private static bool IsImported(SemanticModel model, int position, string ns, string typeName)
        => model.LookupNamespacesAndTypes(position, name: typeName)
            .OfType<INamedTypeSymbol>()
            .Any(type => type.ContainingNamespace.ToDisplayString() == ns);
}

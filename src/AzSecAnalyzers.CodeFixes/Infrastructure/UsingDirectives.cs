using Microsoft.CodeAnalysis.Simplification;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// The one home for the <c>using</c> directives a fix needs. A fix that writes a namespace it knows adds the directive
/// once, in sorted position, the way a developer would (<see cref="Ensure"/>, <see cref="Add"/>,
/// <see cref="AddForAnnotatedNames"/>); a fix that writes a type from a symbol (<c>SyntaxGenerator.TypeExpression</c>,
/// fully qualified) marks it with <see cref="SimplifyAndImport{TNode}"/>, and the workspace shortens the name and adds the
/// directive when the action is applied.
/// </summary>
internal static class UsingDirectives
{
    /// <summary>Marks a generated node so its qualified type names are shortened and their namespaces imported.</summary>
    public static TNode SimplifyAndImport<TNode>(TNode node)
        where TNode : SyntaxNode
        => node.WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>True when <paramref name="type"/> can be written by its simple name at <paramref name="position"/>.</summary>
    public static bool IsInScope(SemanticModel model, int position, INamedTypeSymbol type)
        => model.LookupNamespacesAndTypes(position, name: type.Name).Any(symbol => SymbolEqualityComparer.Default.Equals(symbol, type));

    /// <summary>
    /// Adds the directives that the simple type names of an inserted expression need: names carrying
    /// an annotation of <paramref name="annotationKind"/> whose data is their namespace, unless that
    /// type already binds by its simple name at <paramref name="position"/> (global usings included).
    /// </summary>
    public static SyntaxNode AddForAnnotatedNames(SyntaxNode root, SemanticModel originalModel, int position, SyntaxNode inserted, string annotationKind)
    {
        if (root is not CompilationUnitSyntax unit)
        {
            return root;
        }

        foreach (var annotated in inserted.GetAnnotatedNodes(annotationKind).OfType<SimpleNameSyntax>())
        {
            foreach (var annotation in annotated.GetAnnotations(annotationKind))
            {
                var typeName = annotated.Identifier.ValueText;
                if (annotation.Data is { } ns
                    && !originalModel.LookupNamespacesAndTypes(position, name: typeName).OfType<INamedTypeSymbol>().Any(t => t.ContainingNamespace.ToDisplayString() == ns))
                {
                    unit = Add(unit, ns);
                }
            }
        }

        return unit;
    }

    /// <summary><see cref="Add"/> for a root that may not be a compilation unit (then unchanged).</summary>
    public static SyntaxNode Ensure(SyntaxNode root, string namespaceName)
        => root is CompilationUnitSyntax unit ? Add(unit, namespaceName) : root;

    public static CompilationUnitSyntax Add(CompilationUnitSyntax root, string namespaceName)
    {
        if (root.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == namespaceName)
            || root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<BaseNamespaceDeclarationSyntax>()
                .Any(ns => ns.Usings.Any(u => u.Alias is null && u.Name?.ToString() == namespaceName)))
        {
            return root;
        }

        var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(namespaceName)).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed);
        var usings = root.Usings;
        var index = 0;
        while (index < usings.Count && Compare(usings[index], namespaceName) < 0)
        {
            index++;
        }

        if (usings.Count == 0)
        {
            // Keep a file header comment above the new directive.
            var first = root.GetLeadingTrivia();
            var newRoot = root.WithoutLeadingTrivia();
            newRoot = newRoot.WithUsings(newRoot.Usings.Add(directive.WithLeadingTrivia(first).WithTrailingTrivia(SyntaxFactory.EndOfLine("\n"), SyntaxFactory.EndOfLine("\n"))));
            return newRoot;
        }

        var endOfLine = usings[0].GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        directive = directive.WithTrailingTrivia(endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.EndOfLine("\n"));
        if (index == 0)
        {
            // Move the file header from the old first directive to the new one.
            var header = usings[0].GetLeadingTrivia();
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
            directive = directive.WithLeadingTrivia(header);
        }

        return root.WithUsings(usings.Insert(index, directive));
    }

    // System first, then ordinal, as dotnet_sort_system_directives_first does.
    private static int Compare(UsingDirectiveSyntax existing, string namespaceName)
    {
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword))
        {
            return existing.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword) ? -1 : 1;
        }

        var name = existing.Name?.ToString() ?? string.Empty;
        var existingIsSystem = name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
        var newIsSystem = namespaceName == "System" || namespaceName.StartsWith("System.", StringComparison.Ordinal);
        if (existingIsSystem != newIsSystem)
        {
            return existingIsSystem ? -1 : 1;
        }

        return string.Compare(name, namespaceName, StringComparison.OrdinalIgnoreCase);
    }
}

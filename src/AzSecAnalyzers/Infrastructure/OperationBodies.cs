using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>Finds the operation tree of a method's body, for rules that judge a method passed as a method group.</summary>
internal static class OperationBodies
{
    /// <summary>
    /// The body of <paramref name="method"/> when it is declared in source in this compilation;
    /// null for metadata methods, abstract or partial declarations without a body.
    /// </summary>
    public static IBlockOperation? TryGetBody(IMethodSymbol method, IOperation usage, Compilation compilation)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            if (declaration is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax))
            {
                continue;
            }

            var model = usage.SemanticModel is { } current && current.SyntaxTree == declaration.SyntaxTree
                ? current
#pragma warning disable RS0030, RS1030 // Rare path (a method group declared in another file): one extra model, only when a callback needs judging.
                : compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS0030, RS1030

            switch (model.GetOperation(declaration))
            {
                case IMethodBodyBaseOperation body when (body.BlockBody ?? body.ExpressionBody) is { } block:
                    return block;
                case ILocalFunctionOperation { Body: { } localBody }:
                    return localBody;
            }
        }

        return null;
    }

    /// <summary>
    /// A semantic model of <paramref name="tree"/>, for the compilation-wide questions that must not depend on the order files
    /// are analysed in (which methods are minimal-API handlers, <see cref="AspNetCore.MethodGroupHandlers"/>): asked once per
    /// compilation, for the few trees that hold a candidate.
    /// </summary>
    public static SemanticModel ModelFor(SyntaxTree tree, Compilation compilation)
#pragma warning disable RS0030, RS1030 // The sanctioned exception: see the summary.
        => compilation.GetSemanticModel(tree);
#pragma warning restore RS0030, RS1030

    /// <summary>
    /// The root operation of <paramref name="method"/>'s body (an <see cref="IMethodBodyOperation"/> or
    /// <see cref="IConstructorBodyOperation"/>, whose <c>Parent</c> is null) when it is an ordinary method or
    /// constructor declared in source in this compilation, so a control-flow graph can be built from it; null otherwise.
    /// </summary>
    public static IMethodBodyBaseOperation? TryGetMethodBodyRoot(IMethodSymbol method, IOperation usage, Compilation compilation)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            if (declaration is not BaseMethodDeclarationSyntax)
            {
                continue;
            }

            var model = usage.SemanticModel is { } current && current.SyntaxTree == declaration.SyntaxTree
                ? current
#pragma warning disable RS0030, RS1030 // Rare path (a called helper declared in another file): one extra model per summarised method.
                : compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS0030, RS1030

            if (model.GetOperation(declaration) is IMethodBodyBaseOperation { Parent: null } body && (body.BlockBody ?? body.ExpressionBody) is not null)
            {
                return body;
            }
        }

        return null;
    }

    /// <summary>
    /// The operation of a field's initializer value when the field is declared in source in this compilation with one;
    /// null otherwise. For rules that judge a <c>readonly</c> field by the value it is declared with.
    /// </summary>
    public static IOperation? TryGetInitializerValue(IFieldSymbol field, IOperation usage, Compilation compilation)
    {
        foreach (var reference in field.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer: { } initializer } declaration)
            {
                continue;
            }

            var model = usage.SemanticModel is { } current && current.SyntaxTree == declaration.SyntaxTree
                ? current
#pragma warning disable RS0030, RS1030 // Rare path (a readonly field declared in another file): one extra model, only when its value decides a finding.
                : compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS0030, RS1030

            if (model.GetOperation(initializer) is IFieldInitializerOperation { Value: { } value })
            {
                return value;
            }
        }

        return null;
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
}

using System.Threading;
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

    /// <summary>
    /// Every call of <paramref name="method"/> (declared in source) in the compilation, as invocation operations; null when
    /// the method is used in another way too (a method group, a reference in a <c>nameof</c> is fine) or has no call at all.
    /// Walks every syntax tree: only for questions asked when a finding is about to be reported, and cached by the caller.
    /// </summary>
    public static List<IInvocationOperation>? FindCalls(IMethodSymbol method, IOperation usage, Compilation compilation, CancellationToken cancellationToken)
    {
        var definition = method.OriginalDefinition;
        var name = definition.Name;
        List<IInvocationOperation>? calls = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not SimpleNameSyntax { Identifier.ValueText: var text } simpleName || text != name)
                {
                    continue;
                }

                model ??= usage.SemanticModel is { } current && current.SyntaxTree == tree
                    ? current
#pragma warning disable RS0030, RS1030 // Rare path (a finding in a helper method): one model per tree that names the helper.
                    : compilation.GetSemanticModel(tree);
#pragma warning restore RS0030, RS1030

                var expression = simpleName.Parent is MemberAccessExpressionSyntax access && access.Name == simpleName ? access : (ExpressionSyntax)simpleName;
                if (expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
                {
                    if (model.GetOperation(invocation, cancellationToken) is IInvocationOperation call
                        && SymbolEqualityComparer.Default.Equals((call.TargetMethod.ReducedFrom ?? call.TargetMethod).OriginalDefinition, definition))
                    {
                        (calls ??= new()).Add(call);
                    }

                    continue;
                }

                var referenced = model.GetSymbolInfo(simpleName, cancellationToken).Symbol as IMethodSymbol;
                if (referenced is not null
                    && SymbolEqualityComparer.Default.Equals((referenced.ReducedFrom ?? referenced).OriginalDefinition, definition)
                    && simpleName.FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } })
                {
                    return null;
                }
            }
        }

        return calls;
    }
}

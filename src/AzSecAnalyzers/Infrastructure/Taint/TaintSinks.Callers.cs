using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure.Taint;

internal static partial class TaintSinks
{
    /// <summary>Call sites of one helper examined for taint its callers pass in: a helper called from more places is judged by the first ones.</summary>
    private const int MaxCallSites = 16;

    /// <summary>
    /// Request input that reaches a sink inside a helper through the helper's parameters (a private method taking the header value and
    /// running a regex): for sinks the helper's own analysis found clean, one parameter-flow run of the helper says which parameters reach
    /// them, and the helper's callers in its own type (found by name in the type's declarations, bound only when the name matches) are
    /// analysed for the arguments they pass. One level of callers; a helper without a call site in its type costs one syntax walk of it.
    /// </summary>
    private static void TaintFromCallers<TTag>(TaintSpec spec, ControlFlowGraph graph, TaintFunction function, IReadOnlyList<TaintSink<TTag>> sinks, List<int> indices, TaintValue[] values, CancellationToken cancellationToken)
    {
        var method = function.Method;
        if (spec.SummaryDepth == 0 || function.Declaration is not null || method.MethodKind != MethodKind.Ordinary || method.Parameters.IsEmpty)
        {
            return;
        }

        List<IOperation>? clean = null;
        foreach (var index in indices)
        {
            if (!values[index].IsTainted)
            {
                (clean ??= new List<IOperation>()).Add(sinks[index].Value);
            }
        }

        if (clean is null || CallSitesInType(method, cancellationToken) is not { Count: > 0 } callSites)
        {
            return;
        }

        var flow = TaintEngine.AnalyzeParameterFlow(spec, graph, function, clean, cancellationToken);
        var needed = 0UL;
        foreach (var value in clean)
        {
            needed |= flow.ParameterDependencies(value);
        }

        if (needed == 0)
        {
            return;
        }

        var definition = method.OriginalDefinition;
        foreach (var syntax in callSites)
        {
            var model = OperationBodies.ModelFor(syntax.SyntaxTree, spec.Compilation);
            if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation call
                || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, definition)
                || CallerGraph(call, model, out var caller, cancellationToken) is not { } callerGraph)
            {
                continue;
            }

            var arguments = new List<IOperation>();
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter is { Ordinal: < 64 } parameter && (needed & (1UL << parameter.Ordinal)) != 0)
                {
                    arguments.Add(argument.Value);
                }
            }

            if (arguments.Count == 0)
            {
                continue;
            }

            var passed = TaintEngine.Analyze(spec, callerGraph, caller, arguments, cancellationToken);
            foreach (var index in indices)
            {
                var sinkValue = sinks[index].Value;
                var deps = flow.ParameterDependencies(sinkValue);
                if (values[index].IsTainted || deps == 0)
                {
                    continue;
                }

                foreach (var argument in call.Arguments)
                {
                    if (argument.Parameter is not { Ordinal: < 64 } parameter || (deps & (1UL << parameter.Ordinal)) == 0)
                    {
                        continue;
                    }

                    var input = passed.Get(argument.Value);
                    if (input.IsTainted)
                    {
                        var shape = (uint)(flow.Get(sinkValue).Labels & (TaintLabels.Shapes | TaintLabels.PinnedPrefix));
                        values[index] = new TaintValue((TaintLabels)TaintEngine.MapShape((uint)input.Labels, shape), input.Origin);
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Invocations written with the helper's name in the declarations of its containing type (syntax only, at most <see cref="MaxCallSites"/>).</summary>
    private static List<InvocationExpressionSyntax>? CallSitesInType(IMethodSymbol method, CancellationToken cancellationToken)
    {
        List<InvocationExpressionSyntax>? found = null;
        foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in reference.GetSyntax(cancellationToken).DescendantNodes())
            {
                if (node is InvocationExpressionSyntax invocation && InvokedName(invocation.Expression) == method.Name)
                {
                    (found ??= new List<InvocationExpressionSyntax>()).Add(invocation);
                    if (found.Count >= MaxCallSites)
                    {
                        return found;
                    }
                }
            }
        }

        return found;
    }

    private static string? InvokedName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The graph of the function (method, lambda or local function) a call site sits in, built outside any analysis context.</summary>
    private static ControlFlowGraph? CallerGraph(IOperation callSite, SemanticModel model, out TaintFunction function, CancellationToken cancellationToken)
    {
        function = default;
        var enclosing = EnclosingFunction(callSite);
        return enclosing is null ? null : CallerGraphOf(enclosing, model, out function, 0, cancellationToken);
    }

    private static ControlFlowGraph? CallerGraphOf(IOperation enclosing, SemanticModel model, out TaintFunction function, int nesting, CancellationToken cancellationToken)
    {
        function = default;
        if (nesting > MaxFunctionNesting)
        {
            return null;
        }

        try
        {
            if (enclosing.Parent is null)
            {
                if (enclosing is not IMethodBodyBaseOperation body || model.GetDeclaredSymbol(body.Syntax, cancellationToken) is not IMethodSymbol method)
                {
                    return null;
                }

                function = new TaintFunction(method, null);
                return body switch
                {
                    IMethodBodyOperation methodBody => ControlFlowGraph.Create(methodBody, cancellationToken),
                    IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, cancellationToken),
                    _ => null,
                };
            }

            if (EnclosingFunction(enclosing.Parent) is not { } parentFunction
                || CallerGraphOf(parentFunction, model, out _, nesting + 1, cancellationToken) is not { } parentGraph)
            {
                return null;
            }

            switch (enclosing)
            {
                case ILocalFunctionOperation local when local.Symbol is { } symbol:
                    for (var graph = parentGraph; graph is not null; graph = graph.Parent)
                    {
                        if (graph.LocalFunctions.Contains(symbol))
                        {
                            function = new TaintFunction(symbol, local);
                            return graph.GetLocalFunctionControlFlowGraph(symbol, cancellationToken);
                        }
                    }

                    return null;
                case IAnonymousFunctionOperation lambda when FindFlowFunction(parentGraph, lambda.Symbol) is { } flow:
                    function = new TaintFunction(lambda.Symbol, lambda);
                    return parentGraph.GetAnonymousFunctionControlFlowGraph(flow, cancellationToken);
                default:
                    return null;
            }
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

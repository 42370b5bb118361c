using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>
/// A candidate sink a rule found: the value whose taint matters (e.g. a URL argument), the sink operation and the
/// rule's own data, typed by the rule (<typeparamref name="TTag"/>: the sink's API name, a record of what to report).
/// </summary>
internal sealed class TaintSink<TTag>
{
    public TaintSink(IOperation value, IOperation sink, TTag tag)
    {
        Value = value;
        Sink = sink;
        Tag = tag;
    }

    /// <summary>The operation (original tree) whose taint the engine computes: an argument's value, an assigned value.</summary>
    public IOperation Value { get; }

    /// <summary>The sink itself (the invocation, the creation, the assignment): where a rule usually reports.</summary>
    public IOperation Sink { get; }

    /// <summary>What the rule wants back in its report callback.</summary>
    public TTag Tag { get; }
}

/// <summary>Collects the candidate sinks of one operation block (called from a rule's cheap operation action).</summary>
internal sealed class TaintSinkCollector<TTag>
{
    private readonly object _gate = new();
    private List<TaintSink<TTag>>? _sinks;

    public void Add(IOperation value, IOperation sink, TTag tag)
    {
        lock (_gate)
        {
            (_sinks ??= new List<TaintSink<TTag>>()).Add(new TaintSink<TTag>(value, sink, tag));
        }
    }

    internal List<TaintSink<TTag>>? Sinks => _sinks;
}

/// <summary>The tag of sinks that carry no data back to the report callback.</summary>
internal readonly struct NoTag
{
}

/// <summary>Finds a rule's candidate sinks in an operation; adds them to the collector. Must be cheap: it runs for every operation of its kinds.</summary>
internal delegate void TaintSinkFinder<TTag>(IOperation operation, TaintSinkCollector<TTag> sinks);

/// <summary>Receives one sink whose value the engine computed (tainted or not: the rule decides from the labels).</summary>
internal delegate void TaintSinkReporter<TTag>(OperationBlockAnalysisContext context, TaintSink<TTag> sink, TaintValue value);

/// <summary>
/// How a rule wires the engine: candidate sinks are collected by cheap operation actions inside an operation block;
/// at the block's end, and only when it has a sink, the control-flow graph (the context's cached one) is built and the
/// functions containing sinks (the method, or the lambda / local function a sink sits in) are analysed once each.
/// </summary>
internal static partial class TaintSinks
{
    /// <summary>Lambdas nested deeper than this (machine-made code) are not analysed: climbing to each enclosing graph costs a frame per level.</summary>
    private const int MaxFunctionNesting = 64;

    /// <summary>As <see cref="Register{TTag}"/>, for sinks that carry no data back.</summary>
    public static void Register(CompilationStartAnalysisContext context, TaintSpec spec, TaintSinkFinder<NoTag> find, TaintSinkReporter<NoTag> report, params OperationKind[] kinds)
        => Register<NoTag>(context, spec, find, report, kinds);

    /// <summary>Adds a sink that carries no data back.</summary>
    public static void Add(this TaintSinkCollector<NoTag> sinks, IOperation value, IOperation sink) => sinks.Add(value, sink, default);

    /// <summary>Registers the sink finder for <paramref name="kinds"/> and the analysis at each operation block's end.</summary>
    public static void Register<TTag>(CompilationStartAnalysisContext context, TaintSpec spec, TaintSinkFinder<TTag> find, TaintSinkReporter<TTag> report, params OperationKind[] kinds)
    {
        var operationKinds = ImmutableArray.Create(kinds);
        context.RegisterOperationBlockStartAction(start =>
        {
            if (start.OwningSymbol is not IMethodSymbol)
            {
                return;
            }

            var collector = new TaintSinkCollector<TTag>();
            start.RegisterOperationAction(operation => find(operation.Operation, collector), operationKinds);
            start.RegisterOperationBlockEndAction(end =>
            {
                if (collector.Sinks is not { Count: > 0 } sinks || !MayHaveSource(end.OperationBlocks, spec))
                {
                    return;
                }

                var values = Query(end, spec, sinks);
                for (var i = 0; i < sinks.Count; i++)
                {
                    report(end, sinks[i], values[i]);
                }
            });
        });
    }

    private static bool MayHaveSource(ImmutableArray<IOperation> blocks, TaintSpec spec)
    {
        if (spec.BlockMayHaveSource is not { } mayHaveSource)
        {
            return true;
        }

        foreach (var block in blocks)
        {
            foreach (var operation in block.DescendantsAndSelf())
            {
                if (mayHaveSource(operation))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The taint of each sink's value, analysing each function that contains a sink once. Sinks outside a method body
    /// (field initializers, attributes) and functions too big to analyse answer clean.
    /// </summary>
    public static TaintValue[] Query<TTag>(OperationBlockAnalysisContext context, TaintSpec spec, IReadOnlyList<TaintSink<TTag>> sinks)
    {
        var values = new TaintValue[sinks.Count];
        var groups = new Dictionary<IOperation, List<int>>();
        for (var i = 0; i < sinks.Count; i++)
        {
            var function = EnclosingFunction(sinks[i].Value);
            if (function is null)
            {
                continue;
            }

            if (!groups.TryGetValue(function, out var list))
            {
                groups.Add(function, list = new List<int>());
            }

            list.Add(i);
        }

        foreach (var group in groups)
        {
            if (GraphFor(context, group.Key, out var function, 0) is not { } graph)
            {
                continue;
            }

            var queries = new List<IOperation>(group.Value.Count);
            foreach (var index in group.Value)
            {
                queries.Add(sinks[index].Value);
            }

            var results = TaintEngine.Analyze(spec, graph, function, queries, context.CancellationToken);
            foreach (var index in group.Value)
            {
                values[index] = results.Get(sinks[index].Value);
            }

            if (results.Completed)
            {
                TaintFromCallers(spec, graph, function, sinks, group.Value, values, context.CancellationToken);
            }
        }

        return values;
    }

    /// <summary>The innermost lambda or local function containing <paramref name="operation"/>, or the root of its operation block.</summary>
    private static IOperation? EnclosingFunction(IOperation operation)
    {
        var current = operation;
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return parent;
            }

            current = parent;
        }

        return current;
    }

    /// <param name="nesting">How many enclosing functions were already climbed: lambdas nested beyond <see cref="MaxFunctionNesting"/> are not analysed (one frame per level).</param>
    private static ControlFlowGraph? GraphFor(OperationBlockAnalysisContext context, IOperation function, out TaintFunction taintFunction, int nesting)
    {
        taintFunction = default;
        if (nesting > MaxFunctionNesting)
        {
            return null;
        }

        if (function.Parent is null)
        {
            if (context.OwningSymbol is not IMethodSymbol method || OperationBlockOf(context, function) is not { } block)
            {
                return null;
            }

            taintFunction = new TaintFunction(method, null);
            return TryGetGraph(context, block);
        }

        var parentFunction = EnclosingFunction(function.Parent);
        if (parentFunction is null || GraphFor(context, parentFunction, out _, nesting + 1) is not { } parentGraph)
        {
            return null;
        }

        try
        {
            switch (function)
            {
                case ILocalFunctionOperation local when local.Symbol is { } symbol:
                    for (var graph = parentGraph; graph is not null; graph = graph.Parent)
                    {
                        if (graph.LocalFunctions.Contains(symbol))
                        {
                            taintFunction = new TaintFunction(symbol, local);
                            return graph.GetLocalFunctionControlFlowGraph(symbol, context.CancellationToken);
                        }
                    }

                    return null;
                case IAnonymousFunctionOperation lambda:
                    if (FindFlowFunction(parentGraph, lambda.Symbol) is { } flow)
                    {
                        taintFunction = new TaintFunction(lambda.Symbol, lambda);
                        return parentGraph.GetAnonymousFunctionControlFlowGraph(flow, context.CancellationToken);
                    }

                    return null;
                default:
                    return null;
            }
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The context's operation block that is <paramref name="root"/> or one of its direct children (the driver may hand out either).</summary>
    private static IOperation? OperationBlockOf(OperationBlockAnalysisContext context, IOperation root)
    {
        foreach (var block in context.OperationBlocks)
        {
            if (block == root)
            {
                return block;
            }
        }

        foreach (var block in context.OperationBlocks)
        {
            for (var current = block.Parent; current is not null; current = current.Parent)
            {
                if (current == root)
                {
                    return block is IMethodBodyBaseOperation or IBlockOperation ? block : null;
                }
            }
        }

        return null;
    }

    private static ControlFlowGraph? TryGetGraph(OperationBlockAnalysisContext context, IOperation root)
    {
        try
        {
            return context.GetControlFlowGraph(root);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static IFlowAnonymousFunctionOperation? FindFlowFunction(ControlFlowGraph graph, IMethodSymbol symbol)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (Find(operation, symbol, 0) is { } found)
                {
                    return found;
                }
            }

            if (block.BranchValue is { } branch && Find(branch, symbol, 0) is { } inBranch)
            {
                return inBranch;
            }
        }

        return null;

        static IFlowAnonymousFunctionOperation? Find(IOperation operation, IMethodSymbol symbol, int depth)
        {
            if (operation is IFlowAnonymousFunctionOperation flow && SymbolEqualityComparer.Default.Equals(flow.Symbol, symbol))
            {
                return flow;
            }

            if (depth > 64)
            {
                return null;
            }

            foreach (var child in operation.ChildOperations)
            {
                if (Find(child, symbol, depth + 1) is { } found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}

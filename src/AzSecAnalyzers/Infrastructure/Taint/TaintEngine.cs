// The taint engine: forward data-flow over Roslyn's ControlFlowGraph, one function at a time.
//
// * State: one bit set (TaintLabels) plus the first origin per slot; slots are the function's locals, parameters,
//   flow captures, and the fields/properties of `this` (and static members) it reads or writes.
// * Transfer: each block's operations are evaluated bottom-up (TaintEngine.Eval); assignments to slots kill, writes
//   through a slot (dto.Url = x, list.Add(x), sb.Append(x)) add. Blocks are joined with OR over a worklist.
// * Branches: a block's conditional successors get the state the spec's guard (and the built-in membership test)
//   says: `if (!allowed.Contains(host)) return;` sanitizes `host` on the fall-through path.
// * Calls to methods of the same compilation use summaries (TaintSummary, cached per spec, depth-limited,
//   recursion-guarded); known library methods propagate; unknown external methods are clean (or the spec's UnknownValue).
// * Bounds: a function with more than TaintSpec.MaxOperations operations, too many cells, too deep an expression or
//   too many block visits is skipped (no findings); nothing is allocated per operation (pooled argument stack).
//
// Rules do not call the data-flow directly: they register sinks with TaintSinks.Register (cheap operation actions;
// the CFG is only built for blocks with a sink) or ask TaintEngine.Query for values found in an operation block.
using System.Diagnostics;
using System.Threading;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>
/// Intra-procedural taint analysis over <see cref="ControlFlowGraph"/> with summaries for calls to methods of the
/// same compilation. See the comment at the top of this file for the design; see <c>docs/taint-engine.md</c> for
/// how a rule writes a <see cref="TaintSpec"/>.
/// </summary>
internal sealed partial class TaintEngine
{
    private const int MaxCells = 600_000;
    private const int MaxDepth = 400;

    private readonly TaintSpec _spec;
    private readonly ControlFlowGraph _graph;
    private readonly TaintFunction _function;
    private readonly bool _summaryMode;
    private readonly int _depth;
    private readonly MethodStack? _callers;
    private readonly CancellationToken _cancellationToken;

    private readonly Dictionary<ISymbol, int> _symbolSlots = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<CaptureId, int> _captureSlots = new();
    private readonly List<TaintOrigin> _origins = new();
    private HashSet<SyntaxNode>? _queries;
    private Dictionary<SyntaxNode, QueryValue>? _results;

    private int _slotCount;
    private uint[] _inLabels = Array.Empty<uint>();
    private int[] _inOrigins = Array.Empty<int>();
    private ulong[]? _inDeps;
    private bool[] _reached = Array.Empty<bool>();
    private uint[] _labels = Array.Empty<uint>();
    private int[] _originsOf = Array.Empty<int>();
    private ulong[]? _deps;
    private uint[] _branchLabels = Array.Empty<uint>();
    private int[] _branchOrigins = Array.Empty<int>();
    private ulong[]? _branchDeps;
    private int[] _alias = Array.Empty<int>();
    private Val[] _stack = new Val[16];
    private int _stackTop;
    private int _evalDepth;
    private bool _abandoned;
    private bool _recording;
    private Val _returned;

    private TaintEngine(TaintSpec spec, ControlFlowGraph graph, TaintFunction function, bool summaryMode, int depth, MethodStack? callers, CancellationToken cancellationToken)
    {
        _spec = spec;
        _graph = graph;
        _function = function;
        _summaryMode = summaryMode;
        _depth = depth;
        _callers = callers;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Runs the analysis of one function's graph and returns the taint of each queried value (matched by syntax:
    /// pass operations of the original tree, e.g. a sink's argument value). A value the analysis did not reach,
    /// or a function skipped for size, answers clean.
    /// </summary>
    public static TaintResults Analyze(TaintSpec spec, ControlFlowGraph graph, TaintFunction function, IEnumerable<IOperation> queries, CancellationToken cancellationToken)
    {
        var engine = new TaintEngine(spec, graph, function, summaryMode: false, depth: 0, callers: null, cancellationToken);
        engine._queries = new HashSet<SyntaxNode>();
        foreach (var query in queries)
        {
            engine._queries.Add(query.Syntax);
        }

        engine._results = new Dictionary<SyntaxNode, QueryValue>();
        var started = Stopwatch.GetTimestamp();
        var completed = engine.Run();
        Interlocked.Add(ref ElapsedTicks, Stopwatch.GetTimestamp() - started);
        return new TaintResults(completed ? engine._results : null, engine._origins);
    }

    /// <summary>
    /// Runs the analysis of one function's graph with its parameters as the inputs (as for a summary): each queried value answers
    /// which parameters reach it (<see cref="TaintResults.ParameterDependencies"/>) and with which shape. Sources inside the function
    /// count too; the caller asks only about values the ordinary run found clean.
    /// </summary>
    public static TaintResults AnalyzeParameterFlow(TaintSpec spec, ControlFlowGraph graph, TaintFunction function, IEnumerable<IOperation> queries, CancellationToken cancellationToken)
    {
        var engine = new TaintEngine(spec, graph, function, summaryMode: true, depth: 0, callers: null, cancellationToken);
        engine._queries = new HashSet<SyntaxNode>();
        foreach (var query in queries)
        {
            engine._queries.Add(query.Syntax);
        }

        engine._results = new Dictionary<SyntaxNode, QueryValue>();
        var started = Stopwatch.GetTimestamp();
        var completed = engine.Run();
        Interlocked.Add(ref ElapsedTicks, Stopwatch.GetTimestamp() - started);
        return new TaintResults(completed ? engine._results : null, engine._origins);
    }

    /// <summary>How many functions (and summaries) were skipped for size since the process started: for tests and the benchmark.</summary>
    internal static int SkippedFunctions;

    /// <summary>Why the last skipped function was skipped (prepare: too big; budget: too many block visits; abandoned: too deep).</summary>
    internal static string? LastSkipReason;

    /// <summary><see cref="Stopwatch"/> ticks spent in <see cref="Analyze"/> (summaries included, graph construction excluded) since the process started: for the benchmark.</summary>
    internal static long ElapsedTicks;

    /// <summary>How many functions (and summaries) were analysed since the process started: for tests and the benchmark.</summary>
    internal static int AnalyzedFunctions;

    /// <summary>A queried value's result: labels and origin index.</summary>
    internal readonly struct QueryValue
    {
        public QueryValue(TaintLabels labels, int origin, ulong deps)
        {
            Labels = labels;
            Origin = origin;
            Deps = deps;
        }

        public TaintLabels Labels { get; }

        public int Origin { get; }

        /// <summary>In a parameter-flow run (<see cref="AnalyzeParameterFlow"/>): bit i, the value derives from parameter i.</summary>
        public ulong Deps { get; }
    }

    private bool Run()
    {
        Interlocked.Increment(ref AnalyzedFunctions);
        if (!Prepare())
        {
            LastSkipReason = "prepare";
            Interlocked.Increment(ref SkippedFunctions);
            return false;
        }

        Seed();
        if (!Fixpoint())
        {
            LastSkipReason = _abandoned ? "abandoned" : "budget";
            Interlocked.Increment(ref SkippedFunctions);
            return false;
        }

        // Final pass: evaluate every reached block once more with the fixpoint's in-states, recording queries and returns.
        _recording = true;
        var blocks = _graph.Blocks;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (_reached[i])
            {
                Load(i);
                Transfer(blocks[i]);
                if (_abandoned)
                {
                    return false;
                }
            }
        }

        return true;
    }

    // ---- Slots -------------------------------------------------------------------------------

    private bool Prepare()
    {
        var count = 0;
        foreach (var block in _graph.Blocks)
        {
            foreach (var operation in block.Operations)
            {
                if (!Collect(operation, ref count, 0))
                {
                    return false;
                }
            }

            if (block.BranchValue is { } branch && !Collect(branch, ref count, 0))
            {
                return false;
            }
        }

        foreach (var parameter in _function.Method.Parameters)
        {
            SlotFor(parameter, create: true);
        }

        _slotCount = Math.Max(_slotCount, 1);
        var cells = (long)_slotCount * _graph.Blocks.Length;
        if (cells > MaxCells)
        {
            return false;
        }

        _inLabels = new uint[cells];
        _inOrigins = new int[cells];
        for (var i = 0; i < _inOrigins.Length; i++)
        {
            _inOrigins[i] = -1;
        }

        _reached = new bool[_graph.Blocks.Length];
        _labels = new uint[_slotCount];
        _originsOf = new int[_slotCount];
        _branchLabels = new uint[_slotCount];
        _branchOrigins = new int[_slotCount];
        _alias = new int[_slotCount];
        for (var i = 0; i < _alias.Length; i++)
        {
            _alias[i] = -1;
        }

        if (_summaryMode)
        {
            _inDeps = new ulong[cells];
            _deps = new ulong[_slotCount];
            _branchDeps = new ulong[_slotCount];
        }

        return true;
    }

    private bool Collect(IOperation operation, ref int count, int depth)
    {
        if (++count > _spec.MaxOperations || depth > MaxDepth)
        {
            return false;
        }

        switch (operation)
        {
            case ILocalReferenceOperation local:
                SlotFor(local.Local, create: true);
                break;
            case IParameterReferenceOperation parameter:
                SlotFor(parameter.Parameter, create: true);
                break;
            case IFlowCaptureOperation capture:
                CaptureSlot(capture.Id, create: true);
                break;
            case IFlowCaptureReferenceOperation captureReference:
                CaptureSlot(captureReference.Id, create: true);
                break;
            case IFieldReferenceOperation field when IsOwnMember(field.Instance, field.Field):
                SlotFor(field.Field, create: true);
                break;
            case IPropertyReferenceOperation { Arguments.Length: 0 } property when IsOwnMember(property.Instance, property.Property):
                SlotFor(property.Property, create: true);
                break;
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol declared }:
                SlotFor(declared, create: true);
                break;
        }

        foreach (var child in operation.ChildOperations)
        {
            if (!Collect(child, ref count, depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsOwnMember(IOperation? instance, ISymbol member)
        => instance is null ? member.IsStatic : instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    private int SlotFor(ISymbol symbol, bool create)
    {
        if (_symbolSlots.TryGetValue(symbol, out var slot))
        {
            return slot;
        }

        if (!create)
        {
            return -1;
        }

        slot = _slotCount++;
        _symbolSlots.Add(symbol, slot);
        return slot;
    }

    private int CaptureSlot(CaptureId id, bool create)
    {
        if (_captureSlots.TryGetValue(id, out var slot))
        {
            return slot;
        }

        if (!create)
        {
            return -1;
        }

        slot = _slotCount++;
        _captureSlots.Add(id, slot);
        return slot;
    }

    /// <summary>The slot an operation reads or writes directly: a local, parameter, capture or own member.</summary>
    private int DirectSlot(IOperation operation)
    {
        switch (operation)
        {
            case ILocalReferenceOperation local:
                return SlotFor(local.Local, create: false);
            case IParameterReferenceOperation parameter:
                return SlotFor(parameter.Parameter, create: false);
            case IFlowCaptureReferenceOperation capture:
                return CaptureSlot(capture.Id, create: false);
            case IFieldReferenceOperation field when IsOwnMember(field.Instance, field.Field):
                return SlotFor(field.Field, create: false);
            case IPropertyReferenceOperation { Arguments.Length: 0 } property when IsOwnMember(property.Instance, property.Property):
                return SlotFor(property.Property, create: false);
            default:
                return -1;
        }
    }

    /// <summary>The slot whose object an operation reaches into: <c>dto</c> in <c>dto.Url</c>, <c>sb</c> in <c>sb.Append(a).Append(b)</c>.</summary>
    private int RootSlot(IOperation? operation)
    {
        for (var guard = 0; operation is not null && guard < 32; guard++)
        {
            var direct = DirectSlot(operation);
            if (direct >= 0)
            {
                return direct;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                case IMemberReferenceOperation member:
                    operation = member.Instance;
                    break;
                case IArrayElementReferenceOperation element:
                    operation = element.ArrayReference;
                    break;
                case IInvocationOperation { Instance: { } instance } invocation when ReturnsReceiver(invocation):
                    operation = instance;
                    break;
                case IInvocationOperation { Instance: null, Arguments.Length: > 0 } extension when extension.TargetMethod.IsExtensionMethod && ReturnsReceiver(extension):
                    operation = extension.Arguments[0].Value;
                    break;
                default:
                    return -1;
            }
        }

        return -1;
    }

    /// <summary>A fluent call that returns its receiver's object (<c>StringBuilder.Append</c>), or an instance method of a type returning that type (<c>Trim</c>).</summary>
    private static bool ReturnsReceiver(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return method.IsExtensionMethod
            ? method.Parameters.Length > 0 && SymbolEqualityComparer.Default.Equals(method.ReturnType, method.Parameters[0].Type)
            : !method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ReturnType, method.ContainingType);
    }

    // ---- Fixpoint ---------------------------------------------------------------------------

    private void Seed()
    {
        for (var i = 0; i < _slotCount; i++)
        {
            _labels[i] = 0;
            _originsOf[i] = -1;
            if (_deps is not null)
            {
                _deps[i] = 0;
            }
        }

        var parameters = _function.Method.Parameters;
        for (var p = 0; p < parameters.Length; p++)
        {
            var parameter = parameters[p];
            var slot = SlotFor(parameter, create: false);
            if (slot < 0)
            {
                continue;
            }

            if (_summaryMode)
            {
                _labels[slot] = (uint)ScalarShape(TaintLabels.Parameter | TaintLabels.Full, parameter.Type);
                if (_deps is not null && p < 64)
                {
                    _deps[slot] = 1UL << p;
                }
            }
            else if (_spec.ParameterSource is { } predicate && predicate(parameter, _function, out var source) && !source.IsDefault)
            {
                var location = parameter.Locations.Length > 0 ? parameter.Locations[0] : Location.None;
                _origins.Add(new TaintOrigin(location, source.Description, source.Labels));
                _labels[slot] = (uint)ScalarShape(source.Labels, parameter.Type);
                _originsOf[slot] = _origins.Count - 1;
            }
        }

        // Entry block gets the seeded state.
        for (var i = 0; i < _slotCount; i++)
        {
            _inLabels[i] = _labels[i];
            _inOrigins[i] = _originsOf[i];
            if (_inDeps is not null)
            {
                _inDeps[i] = _deps![i];
            }
        }

        _reached[0] = true;
    }

    private bool Fixpoint()
    {
        var blocks = _graph.Blocks;
        var dirty = new bool[blocks.Length];
        dirty[0] = true;
        var budget = (blocks.Length * 24) + 64;
        var handlers = HandlerEntries();
        var any = true;
        while (any)
        {
            any = false;
            for (var i = 0; i < blocks.Length; i++)
            {
                if (!dirty[i])
                {
                    continue;
                }

                dirty[i] = false;
                any = true;
                if (--budget < 0)
                {
                    return false;
                }

                _cancellationToken.ThrowIfCancellationRequested();
                var block = blocks[i];
                Load(i);
                Transfer(block);
                if (_abandoned)
                {
                    return false;
                }

                Propagate(block, dirty);

                // An exception may leave the block at any point: its handlers see both its in-state and its out-state.
                if (handlers?[i] is { } entries)
                {
                    foreach (var entry in entries)
                    {
                        if (JoinBlockIntoBlock(i, entry))
                        {
                            dirty[entry] = true;
                        }

                        JoinInto(blocks[entry], _labels, _originsOf, _deps, dirty);
                    }
                }
            }
        }

        return true;
    }

    /// <summary>For each block inside a try region: the first blocks of the catch, filter and finally handlers that guard it.</summary>
    private List<int>[]? HandlerEntries()
    {
        List<int>[]? handlers = null;
        foreach (var block in _graph.Blocks)
        {
            if (block.Ordinal == 0 || !block.Predecessors.IsEmpty)
            {
                continue;
            }

            for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Finally or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler
                    && region.FirstBlockOrdinal == block.Ordinal
                    && region.EnclosingRegion is { } pair
                    && pair.NestedRegions.Length > 0
                    && pair.NestedRegions[0].Kind == ControlFlowRegionKind.Try)
                {
                    var tryRegion = pair.NestedRegions[0];
                    handlers ??= new List<int>[_graph.Blocks.Length];
                    for (var b = tryRegion.FirstBlockOrdinal; b <= tryRegion.LastBlockOrdinal && b < handlers.Length; b++)
                    {
                        (handlers[b] ??= new List<int>()).Add(block.Ordinal);
                    }

                    break;
                }
            }
        }

        return handlers;
    }

    private void Load(int block)
    {
        var offset = block * _slotCount;
        Array.Copy(_inLabels, offset, _labels, 0, _slotCount);
        Array.Copy(_inOrigins, offset, _originsOf, 0, _slotCount);
        if (_inDeps is not null)
        {
            Array.Copy(_inDeps, offset, _deps!, 0, _slotCount);
        }
    }

    private void Propagate(BasicBlock block, bool[] dirty)
    {
        var conditional = block.ConditionalSuccessor;
        var fallThrough = block.FallThroughSuccessor;
        if (conditional?.Destination is null || block.BranchValue is null || block.ConditionKind == ControlFlowConditionKind.None)
        {
            JoinInto(fallThrough?.Destination, _labels, _originsOf, _deps, dirty);
            JoinInto(conditional?.Destination, _labels, _originsOf, _deps, dirty);
            return;
        }

        // The conditional successor is taken when the branch value equals (ConditionKind == WhenTrue).
        var takenWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
        SendGuarded(block.BranchValue, takenWhen, conditional.Destination, dirty);
        SendGuarded(block.BranchValue, !takenWhen, fallThrough?.Destination, dirty);
    }

    private void SendGuarded(IOperation condition, bool conditionValue, BasicBlock? destination, bool[] dirty)
    {
        if (destination is null)
        {
            return;
        }

        Array.Copy(_labels, _branchLabels, _slotCount);
        Array.Copy(_originsOf, _branchOrigins, _slotCount);
        if (_deps is not null)
        {
            Array.Copy(_deps, _branchDeps!, _slotCount);
        }

        ApplyGuards(condition, conditionValue, 0);
        JoinInto(destination, _branchLabels, _branchOrigins, _branchDeps, dirty);
    }

    private void ApplyGuards(IOperation condition, bool conditionValue, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                ApplyGuards(not.Operand, !conditionValue, depth + 1);
                return;
            case IConversionOperation conversion:
                ApplyGuards(conversion.Operand, conditionValue, depth + 1);
                return;
            case IParenthesizedOperation parenthesized:
                ApplyGuards(parenthesized.Operand, conditionValue, depth + 1);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary
                when binary.RightOperand.ConstantValue is { HasValue: true, Value: bool constant } && binary.LeftOperand.Type?.SpecialType == SpecialType.System_Boolean:
                ApplyGuards(binary.LeftOperand, (binary.OperatorKind == BinaryOperatorKind.Equals) == constant ? conditionValue : !conditionValue, depth + 1);
                return;
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool patternValue } } } isPattern:
                ApplyGuards(isPattern.Value, patternValue ? conditionValue : !conditionValue, depth + 1);
                return;
        }

        if (_spec.Guard is { } guard && guard(condition, out var guarded, out var whenTrue) && whenTrue == conditionValue)
        {
            SanitizeBranch(guarded);
        }

        if (_spec.MembershipSanitizes && conditionValue && TaintGuards.IsMembershipTest(condition, out var member))
        {
            SanitizeBranch(member);
        }
    }

    private void SanitizeBranch(IOperation guarded)
    {
        var slot = RootSlot(guarded);
        if (slot < 0)
        {
            return;
        }

        Clear(slot);
        if (_alias[slot] >= 0)
        {
            Clear(_alias[slot]);
        }

        void Clear(int s)
        {
            _branchLabels[s] &= (uint)(TaintLabels.PinnedPrefix | TaintLabels.Written);
            _branchOrigins[s] = -1;
            if (_branchDeps is not null)
            {
                _branchDeps[s] = 0;
            }
        }
    }

    private void JoinInto(BasicBlock? destination, uint[] labels, int[] origins, ulong[]? deps, bool[] dirty)
    {
        if (destination is null)
        {
            return;
        }

        var target = destination.Ordinal;
        var offset = target * _slotCount;
        var changed = !_reached[target];
        _reached[target] = true;
        for (var i = 0; i < _slotCount; i++)
        {
            var merged = _inLabels[offset + i] | labels[i];
            if (merged != _inLabels[offset + i])
            {
                _inLabels[offset + i] = merged;
                changed = true;
            }

            if (_inOrigins[offset + i] < 0 && origins[i] >= 0)
            {
                _inOrigins[offset + i] = origins[i];
                changed = true;
            }

            if (deps is not null)
            {
                var mergedDeps = _inDeps![offset + i] | deps[i];
                if (mergedDeps != _inDeps[offset + i])
                {
                    _inDeps[offset + i] = mergedDeps;
                    changed = true;
                }
            }
        }

        if (changed)
        {
            dirty[target] = true;
        }
    }

    private bool JoinBlockIntoBlock(int source, int target)
    {
        var from = source * _slotCount;
        var to = target * _slotCount;
        var changed = !_reached[target];
        _reached[target] = true;
        for (var i = 0; i < _slotCount; i++)
        {
            var merged = _inLabels[to + i] | _inLabels[from + i];
            if (merged != _inLabels[to + i])
            {
                _inLabels[to + i] = merged;
                changed = true;
            }

            if (_inOrigins[to + i] < 0 && _inOrigins[from + i] >= 0)
            {
                _inOrigins[to + i] = _inOrigins[from + i];
                changed = true;
            }

            if (_inDeps is not null && (_inDeps[to + i] | _inDeps[from + i]) != _inDeps[to + i])
            {
                _inDeps[to + i] |= _inDeps[from + i];
                changed = true;
            }
        }

        return changed;
    }

    // ---- Transfer ---------------------------------------------------------------------------

    private void Transfer(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            Eval(operation);
            if (_abandoned)
            {
                return;
            }
        }

        if (block.BranchValue is { } branch)
        {
            var value = Eval(branch);
            if (_recording && block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return } && block.ConditionKind == ControlFlowConditionKind.None)
            {
                _returned = Val.Join(_returned, value);
            }
        }
    }
}

using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure.Taint;

internal sealed partial class TaintEngine
{
    /// <summary>A value's taint during the analysis: labels, the index of its first origin (-1: none), the parameters it derives from (summaries).</summary>
    private readonly struct Val
    {
        public static readonly Val None = new(0, -1, 0);

        public Val(uint labels, int origin, ulong deps)
        {
            Labels = labels;
            Origin = origin;
            Deps = deps;
        }

        public uint Labels { get; }

        public int Origin { get; }

        public ulong Deps { get; }

        public bool IsTainted => (Labels & (uint)TaintLabels.Shapes) != 0;

        public bool IsPinned => (Labels & (uint)TaintLabels.PinnedPrefix) != 0;

        public static Val Join(Val a, Val b)
            => new(
                (a.Labels | b.Labels) & ~(uint)TaintLabels.PinnedPrefix | (a.Labels & b.Labels & (uint)TaintLabels.PinnedPrefix),
                a.Origin >= 0 ? a.Origin : b.Origin,
                a.Deps | b.Deps);

        /// <summary>Joins taint, keeping <paramref name="a"/>'s pinned prefix (b is appended after a).</summary>
        public static Val Append(Val a, Val b)
        {
            var labels = b.Labels & ~(uint)TaintLabels.PinnedPrefix;
            if (a.IsPinned && (labels & (uint)TaintLabels.Full) != 0)
            {
                labels = (labels & ~(uint)TaintLabels.Full) | (uint)TaintLabels.AfterPrefix;
            }

            return new(a.Labels | labels, a.Origin >= 0 ? a.Origin : b.Origin, a.Deps | b.Deps);
        }

        public Val With(uint labels) => new(labels, Origin, Deps);

        public Val Unpinned() => new(Labels & ~(uint)TaintLabels.PinnedPrefix, Origin, Deps);
    }

    private Val Eval(IOperation? operation)
    {
        if (operation is null || _abandoned)
        {
            return Val.None;
        }

        if (++_evalDepth > MaxDepth)
        {
            _abandoned = true;
            _evalDepth--;
            return Val.None;
        }

        var value = EvalCore(operation);
        _evalDepth--;

        if ((value.Labels & (uint)(TaintLabels.Full | TaintLabels.AfterPrefix)) != 0 && ScalarTypes.IsScalar(operation.Type))
        {
            value = value.With((value.Labels & ~(uint)(TaintLabels.Full | TaintLabels.AfterPrefix | TaintLabels.PinnedPrefix)) | (uint)TaintLabels.Typed);
        }

        if (_recording && _queries is not null && _queries.Contains(operation.Syntax))
        {
            var labels = (TaintLabels)(value.Labels & ~(uint)(TaintLabels.Parameter | TaintLabels.Written));
            _results![operation.Syntax] = _results.TryGetValue(operation.Syntax, out var previous)
                ? new QueryValue(previous.Labels | labels, previous.Origin >= 0 ? previous.Origin : value.Origin, previous.Deps | value.Deps)
                : new QueryValue(labels, value.Origin, value.Deps);
        }

        return value;
    }

    private Val EvalCore(IOperation operation)
    {
        if (operation.ConstantValue.HasValue)
        {
            // Constants are clean, unless the spec calls some constant text a source (AZSEC105: a hard-coded credential).
            return _spec.ConstantSource is not null && operation.ConstantValue.Value is string && TrySource(_spec.ConstantSource, operation, out var constant)
                ? constant
                : Val.None;
        }

        switch (operation)
        {
            case ILocalReferenceOperation { IsDeclaration: true }:
                return Val.None;
            case ILocalReferenceOperation or IParameterReferenceOperation or IFlowCaptureReferenceOperation:
                return Read(DirectSlot(operation));
            case IInstanceReferenceOperation or ILiteralOperation or IDefaultValueOperation or ITypeOfOperation or ISizeOfOperation or INameOfOperation
                or IDelegateCreationOperation or IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                return Val.None;
            case IExpressionStatementOperation statement:
                return Eval(statement.Operation);
            case IFlowCaptureOperation capture:
                {
                    var value = Eval(capture.Value);
                    Write(CaptureSlot(capture.Id, create: false), value, capture.Value);
                    return value;
                }

            case IConversionOperation conversion:
                return Eval(conversion.Operand);
            case IParenthesizedOperation parenthesized:
                return Eval(parenthesized.Operand);
            case IAwaitOperation awaited:
                return Eval(awaited.Operation);
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return EvalMember((IMemberReferenceOperation)operation);
            case IArrayElementReferenceOperation element:
                {
                    var array = Eval(element.ArrayReference);
                    foreach (var index in element.Indices)
                    {
                        Eval(index);
                    }

                    return array.Unpinned();
                }

            case IBinaryOperation binary:
                {
                    var left = Eval(binary.LeftOperand);
                    var right = Eval(binary.RightOperand);
                    if (binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String)
                    {
                        return Val.Append(PinnedIfConstant(binary.LeftOperand, left), right);
                    }

                    return Val.Join(left, right).Unpinned();
                }

            case IUnaryOperation unary:
                return Eval(unary.Operand).Unpinned();
            case IInterpolatedStringOperation interpolated:
                return EvalInterpolation(interpolated);
            case IInterpolatedStringHandlerCreationOperation handler:
                return Eval(handler.Content);
            case IInvocationOperation invocation:
                return EvalInvocation(invocation);
            case IObjectCreationOperation creation:
                return EvalCreation(creation);
            case ISimpleAssignmentOperation assignment:
                {
                    var value = Eval(assignment.Value);
                    Assign(assignment.Target, value, assignment.Value);
                    return value;
                }

            case ICompoundAssignmentOperation compound:
                {
                    var target = Eval(compound.Target);
                    var value = Eval(compound.Value);
                    var result = compound.OperatorKind == BinaryOperatorKind.Add && compound.Type?.SpecialType == SpecialType.System_String
                        ? Val.Append(target, value)
                        : Val.Join(target, value).Unpinned();
                    Assign(compound.Target, result, null);
                    return result;
                }

            case ICoalesceAssignmentOperation coalesceAssignment:
                {
                    var target = Eval(coalesceAssignment.Target);
                    var value = Eval(coalesceAssignment.Value);
                    var result = Val.Join(target, value);
                    Assign(coalesceAssignment.Target, result, null);
                    return result;
                }

            case IDeconstructionAssignmentOperation deconstruction:
                {
                    var value = Eval(deconstruction.Value);
                    AssignDeconstruction(deconstruction.Target, deconstruction.Value, value, 0);
                    return value;
                }

            case IIncrementOrDecrementOperation increment:
                return Eval(increment.Target).Unpinned();
            case IIsPatternOperation isPattern:
                {
                    var value = Eval(isPattern.Value);
                    AssignPattern(isPattern.Pattern, value);
                    return Val.None;
                }

            case IIsNullOperation isNull:
                Eval(isNull.Operand);
                return Val.None;
            case ITupleOperation tuple:
                return JoinAll(tuple.Elements);
            case IArrayCreationOperation arrayCreation:
                {
                    foreach (var size in arrayCreation.DimensionSizes)
                    {
                        Eval(size);
                    }

                    return arrayCreation.Initializer is { } initializer ? JoinAll(initializer.ElementValues) : Val.None;
                }

            case IArrayInitializerOperation arrayInitializer:
                return JoinAll(arrayInitializer.ElementValues);
            case IAnonymousObjectCreationOperation anonymous:
                return JoinAll(anonymous.Initializers);
            case ITypeParameterObjectCreationOperation:
                return Val.None;
            case IConditionalOperation conditional:
                Eval(conditional.Condition);
                return Val.Join(Eval(conditional.WhenTrue), Eval(conditional.WhenFalse));
            case ICoalesceOperation coalesce:
                return Val.Join(Eval(coalesce.Value), Eval(coalesce.WhenNull));
            case IThrowOperation thrown:
                Eval(thrown.Exception);
                return Val.None;
            case IReturnOperation returned:
                return Eval(returned.ReturnedValue);
            default:
                {
                    var result = Val.None;
                    foreach (var child in operation.ChildOperations)
                    {
                        result = Val.Join(result, Eval(child));
                    }

                    return result.Unpinned();
                }
        }
    }

    private Val JoinAll(System.Collections.Immutable.ImmutableArray<IOperation> operations)
    {
        var result = Val.None;
        foreach (var operation in operations)
        {
            result = Val.Join(result, Eval(operation));
        }

        return result.Unpinned();
    }

    // ---- Slots ------------------------------------------------------------------------------

    private Val Read(int slot)
        => slot < 0 ? Val.None : new Val(_labels[slot] & ~(uint)TaintLabels.Written, _originsOf[slot], _deps is null ? 0 : _deps[slot]);

    private void Write(int slot, Val value, IOperation? source)
    {
        if (slot < 0)
        {
            return;
        }

        var labels = value.Labels;
        if (source is not null && source.ConstantValue is { HasValue: true, Value: string text } && _spec.IsPinningPrefix is { } pinning && pinning(text))
        {
            labels |= (uint)TaintLabels.PinnedPrefix;
        }

        _labels[slot] = labels | (_labels[slot] & (uint)TaintLabels.Written);
        _originsOf[slot] = value.Origin;
        if (_deps is not null)
        {
            _deps[slot] = value.Deps;
        }

        // Remember the value a Uri (or copy) was made from, so an allow-list check on one sanitizes the other.
        if (source is not null)
        {
            var from = SourceSlot(source);
            if (from >= 0 && from != slot)
            {
                _alias[slot] = from;
            }
        }
    }

    private void WriteThrough(int slot, Val value)
    {
        if (slot < 0)
        {
            return;
        }

        var current = Read(slot);
        var merged = Val.Append(current, value);
        _labels[slot] = merged.Labels | (_labels[slot] & (uint)TaintLabels.Written);
        _originsOf[slot] = merged.Origin;
        if (_deps is not null)
        {
            _deps[slot] = merged.Deps;
        }
    }

    private int SourceSlot(IOperation source)
    {
        while (source is IConversionOperation conversion)
        {
            source = conversion.Operand;
        }

        switch (source)
        {
            case IObjectCreationOperation { Arguments.Length: > 0 } creation when IsUriType(creation.Type):
                return DirectSlot(creation.Arguments[creation.Arguments.Length > 1 && IsUriType(creation.Arguments[0].Value.Type) ? 1 : 0].Value.WalkDownConversionsAndDelegates());
            default:
                return DirectSlot(source);
        }
    }

    private void Assign(IOperation target, Val value, IOperation? source)
    {
        var value2 = (value.Labels & (uint)(TaintLabels.Full | TaintLabels.AfterPrefix)) != 0 && ScalarTypes.IsScalar(target.Type)
            ? value.With((value.Labels & ~(uint)(TaintLabels.Full | TaintLabels.AfterPrefix)) | (uint)TaintLabels.Typed)
            : value;
        var direct = DirectSlot(target);
        if (direct >= 0)
        {
            if (target is IFieldReferenceOperation or IPropertyReferenceOperation)
            {
                _labels[direct] |= (uint)TaintLabels.Written;
            }

            Write(direct, value2, source);
            return;
        }

        switch (target)
        {
            case IMemberReferenceOperation member:
                EvalArguments(member);
                WriteThrough(RootSlot(member.Instance), IsUriBuilderTail(member) ? AfterPrefix(value2) : value2.Unpinned());
                return;
            case IArrayElementReferenceOperation element:
                foreach (var index in element.Indices)
                {
                    Eval(index);
                }

                WriteThrough(RootSlot(element.ArrayReference), value2.Unpinned());
                return;
        }
    }

    private void EvalArguments(IMemberReferenceOperation member)
    {
        if (member is IPropertyReferenceOperation property)
        {
            foreach (var argument in property.Arguments)
            {
                Eval(argument.Value);
            }
        }
    }

    private void AssignDeconstruction(IOperation target, IOperation? source, Val value, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        if (target is ITupleOperation targets)
        {
            var sources = source?.WalkDownConversionsAndDelegates() is ITupleOperation tuple && tuple.Elements.Length == targets.Elements.Length ? tuple : null;
            for (var i = 0; i < targets.Elements.Length; i++)
            {
                var element = targets.Elements[i];
                var elementSource = sources?.Elements[i];
                var elementValue = elementSource is null ? value : Eval(elementSource);
                AssignDeconstruction(element, elementSource, elementValue, depth + 1);
            }

            return;
        }

        if (target is IDeclarationExpressionOperation declaration)
        {
            AssignDeconstruction(declaration.Expression, source, value, depth + 1);
            return;
        }

        Assign(target, value, source);
    }

    private void AssignPattern(IPatternOperation pattern, Val value)
    {
        switch (pattern)
        {
            case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol local }:
                Write(SlotFor(local, create: false), value, null);
                break;
            case IRecursivePatternOperation { DeclaredSymbol: ILocalSymbol local }:
                Write(SlotFor(local, create: false), value, null);
                break;
        }
    }

    // ---- Members ----------------------------------------------------------------------------

    private Val EvalMember(IMemberReferenceOperation member)
    {
        if (TrySource(member, out var source))
        {
            EvalArguments(member);
            return source;
        }

        if (_spec.Sanitizer is { } sanitizer && sanitizer(member))
        {
            EvalArguments(member);
            return Val.None;
        }

        var direct = DirectSlot(member);
        if (direct >= 0 && (_labels[direct] & (uint)TaintLabels.Written) != 0)
        {
            return Read(direct);
        }

        EvalArguments(member);
        if (member.Instance is { } instance && instance is not IInstanceReferenceOperation)
        {
            var value = Eval(instance);
            if (value.Labels != 0)
            {
                return value.Unpinned();
            }
        }

        return Unknown(member);
    }

    private Val Unknown(IOperation operation)
    {
        if (_spec.UnknownValue is { } unknown)
        {
            var labels = unknown(operation);
            if (labels != TaintLabels.None)
            {
                return new Val((uint)labels, -1, 0);
            }
        }

        return Val.None;
    }

    private bool TrySource(IOperation operation, out Val value)
    {
        if (_spec.Source is { } predicate && predicate(operation, out var source) && !source.IsDefault)
        {
            value = new Val((uint)source.Labels, OriginIndex(operation, source), 0);
            return true;
        }

        value = Val.None;
        return false;
    }

    private bool TrySource(TaintSourcePredicate predicate, IOperation operation, out Val value)
    {
        if (predicate(operation, out var source) && !source.IsDefault)
        {
            value = new Val((uint)source.Labels, OriginIndex(operation, source), 0);
            return true;
        }

        value = Val.None;
        return false;
    }

    private int OriginIndex(IOperation operation, TaintSource source)
    {
        var location = operation.Syntax.GetLocation();
        for (var i = 0; i < _origins.Count; i++)
        {
            if (_origins[i].Location == location)
            {
                return i;
            }
        }

        _origins.Add(new TaintOrigin(location, source.Description, source.Labels));
        return _origins.Count - 1;
    }

    private int OriginIndex(TaintOrigin? origin)
    {
        if (origin is null)
        {
            return -1;
        }

        var index = _origins.IndexOf(origin);
        if (index >= 0)
        {
            return index;
        }

        _origins.Add(origin);
        return _origins.Count - 1;
    }

    private Val PinnedIfConstant(IOperation operation, Val value)
        => operation.ConstantValue is { HasValue: true, Value: string text } && _spec.IsPinningPrefix is { } pinning && pinning(text)
            ? value.With(value.Labels | (uint)TaintLabels.PinnedPrefix)
            : value;

    private Val EvalInterpolation(IInterpolatedStringOperation interpolated)
    {
        var result = Val.None;
        var first = true;
        foreach (var part in interpolated.Parts)
        {
            Val value;
            IOperation? constant = null;
            switch (part)
            {
                case IInterpolatedStringTextOperation text:
                    constant = text.Text;
                    value = Val.None;
                    break;
                case IInterpolationOperation hole:
                    value = Eval(hole.Expression);
                    Eval(hole.Alignment);
                    constant = hole.Expression;
                    break;
                case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments.Length: > 0 } call }:
                    constant = call.Arguments[0].Value;
                    value = Eval(constant);
                    break;
                default:
                    value = Eval(part);
                    break;
            }

            if (first)
            {
                result = constant is null ? value : PinnedIfConstant(constant, value);
                first = false;
            }
            else
            {
                result = Val.Append(result, value);
            }
        }

        return result;
    }

    // ---- Types ------------------------------------------------------------------------------

    private static TaintLabels ScalarShape(TaintLabels labels, ITypeSymbol type)
        => ScalarTypes.IsScalar(type) && (labels & (TaintLabels.Full | TaintLabels.AfterPrefix)) != 0
            ? (labels & ~(TaintLabels.Full | TaintLabels.AfterPrefix)) | TaintLabels.Typed
            : labels;

    /// <summary>A <c>UriBuilder</c> member that comes after the host (<c>Path</c>, <c>Query</c>, <c>Fragment</c>): it never decides where the request goes.</summary>
    private static bool IsUriBuilderTail(IMemberReferenceOperation member)
        => member is IPropertyReferenceOperation { Property.Name: "Path" or "Query" or "Fragment" } property
           && property.Property.ContainingType is { Name: "UriBuilder" } type && IsUriType(type);

    private static Val AfterPrefix(Val value)
        => (value.Labels & (uint)TaintLabels.Full) == 0
            ? value.Unpinned()
            : value.With((value.Labels & ~(uint)(TaintLabels.Full | TaintLabels.PinnedPrefix)) | (uint)TaintLabels.AfterPrefix);

    private static bool IsUriType(ITypeSymbol? type)
        => type is { Name: "Uri" or "UriBuilder", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}

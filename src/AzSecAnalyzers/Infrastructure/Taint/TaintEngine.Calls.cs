using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure.Taint;

internal sealed partial class TaintEngine
{
    private Val EvalInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var receiver = invocation.Instance is { } instance && instance is not IInstanceReferenceOperation ? Eval(instance) : Val.None;
        var arguments = invocation.Arguments;
        var start = Reserve(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = Eval(arguments[i].Value);
            _stack[start + i] = value;
        }

        var result = Invoke(invocation, method, receiver, start, arguments.Length);
        _stackTop = start;
        return result;
    }

    private int Reserve(int count)
    {
        var start = _stackTop;
        _stackTop += count;
        if (_stackTop > _stack.Length)
        {
            Array.Resize(ref _stack, Math.Max(_stack.Length * 2, _stackTop));
        }

        return start;
    }

    private Val JoinArguments(int start, int count, int skip = -1)
    {
        var result = Val.None;
        for (var i = 0; i < count; i++)
        {
            if (i != skip)
            {
                result = Val.Join(result, _stack[start + i]);
            }
        }

        return result.Unpinned();
    }

    private Val Invoke(IInvocationOperation invocation, IMethodSymbol method, Val receiver, int start, int count)
    {
        if (TrySource(invocation, out var source))
        {
            return source;
        }

        if (_spec.Sanitizer is { } sanitizer && sanitizer(invocation))
        {
            return Val.None;
        }

        var arguments = invocation.Arguments;
        if (_spec.Propagator is { } propagator && propagator(invocation))
        {
            var flowing = Val.Join(receiver, JoinArguments(start, count)).Unpinned();
            if (flowing.IsTainted && invocation.Instance is { } target)
            {
                WriteThrough(RootSlot(target), flowing);
            }

            return flowing;
        }

        var type = method.ContainingType;
        var ns = type?.ContainingNamespace;
        var name = method.Name;

        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            return JoinArguments(start, count);
        }

        if (IsSystemNamespace(ns))
        {
            return InvokeLibrary(invocation, method, receiver, start, count);
        }

        if (type is not null && SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _spec.Compilation.Assembly))
        {
            return InvokeSource(invocation, method, receiver, start, count);
        }

        if (name == "TryGetValue")
        {
            AssignOutArguments(arguments, receiver);
            return Val.None;
        }

        var root = ns;
        while (root is { ContainingNamespace.IsGlobalNamespace: false })
        {
            root = root.ContainingNamespace;
        }

        if (root?.Name == "Newtonsoft"
            || (type?.Name == "QueryHelpers" && ns?.Name == "WebUtilities")
            || (type?.Name == "StringValues" && ns?.Name == "Primitives"))
        {
            if (type?.Name == "QueryHelpers" && count > 0)
            {
                var result = _stack[start];
                for (var i = 1; i < count; i++)
                {
                    result = Val.Append(result, _stack[start + i]);
                }

                return result;
            }

            return Val.Join(receiver, JoinArguments(start, count)).Unpinned();
        }

        if (name == "ToString")
        {
            return receiver.Unpinned();
        }

        return Unknown(invocation);
    }

    private static bool IsSystemNamespace(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (!ns.ContainingNamespace.IsGlobalNamespace)
        {
            ns = ns.ContainingNamespace;
        }

        return ns.Name == "System";
    }

    private Val InvokeLibrary(IInvocationOperation invocation, IMethodSymbol method, Val receiver, int start, int count)
    {
        var type = method.ContainingType;
        var name = method.Name;
        var arguments = invocation.Arguments;

        switch (type.SpecialType)
        {
            case SpecialType.System_String when method.IsStatic:
                switch (name)
                {
                    case "Concat":
                        {
                            if (count == 0)
                            {
                                return Val.None;
                            }

                            var result = PinnedIfConstant(arguments[0].Value, _stack[start]);
                            for (var i = 1; i < count; i++)
                            {
                                result = Val.Append(result, _stack[start + i]);
                            }

                            return result;
                        }

                    case "Format":
                        {
                            var formatIndex = -1;
                            for (var i = 0; i < count; i++)
                            {
                                if (arguments[i].Parameter?.Name == "format")
                                {
                                    formatIndex = i;
                                    break;
                                }
                            }

                            if (formatIndex < 0)
                            {
                                return JoinArguments(start, count);
                            }

                            var format = _stack[start + formatIndex];
                            if (arguments[formatIndex].Value.ConstantValue is { HasValue: true, Value: string text } && _spec.IsPinningPrefix is { } pinning)
                            {
                                var brace = text.IndexOf('{');
                                if (pinning(brace < 0 ? text : text.Substring(0, brace)))
                                {
                                    format = format.With(format.Labels | (uint)TaintLabels.PinnedPrefix);
                                }
                            }

                            return Val.Append(format, JoinArguments(start, count, skip: formatIndex));
                        }

                    default:
                        return JoinArguments(start, count);
                }

            case SpecialType.System_String:
                return Val.Join(receiver, JoinArguments(start, count)).Unpinned();
        }

        var ns = type.ContainingNamespace;
        if (type.Name == "Math" && IsNamespace(ns, "System", null))
        {
            return name is "Clamp" or "Min" ? Val.None : JoinArguments(start, count);
        }

        if (type.Name == "StringBuilder" && IsNamespace(ns, "Text", "System"))
        {
            return InvokeStringBuilder(invocation, receiver, start, count);
        }

        if (IsUriType(type))
        {
            if (name is "EscapeDataString" or "EscapeUriString")
            {
                return _spec.UrlEncodingSanitizes ? Val.None : JoinArguments(start, count);
            }

            if (name == "TryCreate")
            {
                var joined = Val.None;
                for (var i = 0; i < count; i++)
                {
                    if (arguments[i].Parameter?.RefKind != RefKind.Out)
                    {
                        joined = i == 0 ? _stack[start] : Val.Append(joined, _stack[start + i]);
                    }
                }

                AssignOutArguments(arguments, joined);
                return Val.None;
            }

            return method.IsStatic ? JoinArguments(start, count) : Val.Join(receiver, JoinArguments(start, count)).Unpinned();
        }

        if (name is "UrlEncode" or "UrlPathEncode" or "HtmlEncode" && type.Name is "WebUtility" or "HttpUtility" && _spec.UrlEncodingSanitizes)
        {
            return Val.None;
        }

        if (IsCollectionsNamespace(ns))
        {
            return InvokeCollection(invocation, receiver, start, count);
        }

        if (name == "ToString")
        {
            return receiver.Unpinned();
        }

        // Any other BCL method (Path.Combine, Convert, Enumerable, JsonSerializer, BinaryData, Task.FromResult, HttpClient.GetStringAsync…):
        // the result carries what flows in; Try* methods pass it to their out arguments.
        var all = Val.Join(receiver, JoinArguments(start, count)).Unpinned();
        if (name.StartsWith("Try", StringComparison.Ordinal))
        {
            AssignOutArguments(arguments, all);
        }

        return method.ReturnsVoid ? Val.None : all;
    }

    private static bool IsNamespace(INamespaceSymbol? ns, string name, string? parent)
        => ns is not null
           && ns.Name == name
           && (parent is null ? ns.ContainingNamespace?.IsGlobalNamespace == true : ns.ContainingNamespace is { } p && p.Name == parent && p.ContainingNamespace?.IsGlobalNamespace == true);

    private static bool IsCollectionsNamespace(INamespaceSymbol? ns)
    {
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            if (IsNamespace(current, "Collections", "System"))
            {
                return true;
            }
        }

        return false;
    }

    private Val InvokeStringBuilder(IInvocationOperation invocation, Val receiver, int start, int count)
    {
        var name = invocation.TargetMethod.Name;
        var root = RootSlot(invocation.Instance);
        if (name == "Clear")
        {
            Write(root, Val.None, null);
            return Val.None;
        }

        if (name.StartsWith("Append", StringComparison.Ordinal) || name is "Insert" or "Replace")
        {
            var appended = JoinArguments(start, count);
            if (root >= 0)
            {
                var current = Read(root);
                if (current.Labels == 0 && count > 0 && name == "Append")
                {
                    appended = PinnedIfConstant(invocation.Arguments[0].Value, _stack[start]);
                    Write(root, appended, null);
                }
                else
                {
                    WriteThrough(root, appended);
                }

                return Read(root);
            }

            return Val.Append(receiver, appended);
        }

        return receiver;
    }

    private Val InvokeCollection(IInvocationOperation invocation, Val receiver, int start, int count)
    {
        var name = invocation.TargetMethod.Name;
        var arguments = JoinArguments(start, count);
        switch (name)
        {
            case "Add" or "AddRange" or "Insert" or "InsertRange" or "Push" or "Enqueue" or "TryAdd" or "AddOrUpdate" or "GetOrAdd" or "Set" or "SetItem" or "Prepend" or "Append" or "Union" or "Concat":
                if (arguments.IsTainted && invocation.Instance is { } target)
                {
                    WriteThrough(RootSlot(target), arguments);
                }

                return invocation.TargetMethod.ReturnsVoid ? Val.None : Val.Join(receiver, arguments).Unpinned();
            case "TryGetValue" or "TryPeek" or "TryPop" or "TryDequeue" or "TryTake" or "TryRemove":
                AssignOutArguments(invocation.Arguments, receiver.Unpinned());
                return Val.None;
            case "Clear":
                Write(RootSlot(invocation.Instance), Val.None, null);
                return Val.None;
            default:
                return invocation.TargetMethod.ReturnsVoid ? Val.None : receiver.Unpinned();
        }
    }

    private void AssignOutArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, Val value)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.RefKind == RefKind.Out || (argument.Parameter?.RefKind == RefKind.Ref && argument.Value is not IInstanceReferenceOperation))
            {
                var target = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                Assign(target, value, null);
            }
        }
    }

    // ---- Methods of this compilation ----------------------------------------------------------

    private Val InvokeSource(IInvocationOperation invocation, IMethodSymbol method, Val receiver, int start, int count)
    {
        var summary = method.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction && !method.IsAbstract && !method.IsExtern
            ? GetSummary(method, invocation)
            : null;
        if (summary is null)
        {
            // Unknown body (interface, virtual call through a base, too deep, recursive): text-like results carry their inputs.
            var returnType = method.ReturnType;
            if (IsTextLike(returnType))
            {
                return Val.Join(receiver, JoinArguments(start, count)).Unpinned();
            }

            return Unknown(invocation);
        }

        var result = summary.OwnLabels == TaintLabels.None
            ? Val.None
            : new Val((uint)summary.OwnLabels, OriginIndex(summary.OwnOrigin), 0);
        var flow = summary.ParameterFlow;
        if (flow != 0)
        {
            var arguments = invocation.Arguments;
            for (var i = 0; i < count; i++)
            {
                var ordinal = arguments[i].Parameter?.Ordinal ?? -1;
                if (ordinal < 0 || ordinal >= 64 || (flow & (1UL << ordinal)) == 0)
                {
                    continue;
                }

                var argument = _stack[start + i];
                if (!argument.IsTainted)
                {
                    continue;
                }

                result = Val.Join(result, argument.With(MapShape(argument.Labels, (uint)summary.ReturnShape)));
            }
        }

        if ((summary.ReturnShape & TaintLabels.PinnedPrefix) != 0)
        {
            result = result.With(result.Labels | (uint)TaintLabels.PinnedPrefix);
        }

        return result;
    }

    /// <summary>The labels an input with <paramref name="labels"/> has after a function that gives its parameters <paramref name="returnShape"/>.</summary>
    internal static uint MapShape(uint labels, uint returnShape)
    {
        var kinds = labels & ~(uint)(TaintLabels.Shapes | TaintLabels.PinnedPrefix);
        var shapes = labels & (uint)TaintLabels.Shapes;
        if ((returnShape & (uint)TaintLabels.Full) != 0)
        {
            return kinds | shapes;
        }

        if ((returnShape & (uint)TaintLabels.AfterPrefix) != 0)
        {
            return kinds | (shapes & (uint)TaintLabels.Typed) | ((shapes & (uint)(TaintLabels.Full | TaintLabels.AfterPrefix)) != 0 ? (uint)TaintLabels.AfterPrefix : 0);
        }

        return (returnShape & (uint)TaintLabels.Typed) != 0 ? kinds | (uint)TaintLabels.Typed : kinds | shapes;
    }

    private static bool IsTextLike(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Task" or "ValueTask" } task)
        {
            type = task.TypeArguments[0];
        }

        return type.SpecialType is SpecialType.System_String or SpecialType.System_Object
            || IsUriType(type)
            || type is { Name: "StringBuilder", ContainingNamespace.Name: "Text" };
    }

    private TaintSummary? GetSummary(IMethodSymbol method, IOperation usage)
    {
        if (_depth >= _spec.SummaryDepth)
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(definition, _function.Method.OriginalDefinition) || MethodStack.Contains(_callers, definition))
        {
            return null;
        }

        if (definition.MethodKind == MethodKind.LocalFunction)
        {
            // A local function's graph belongs to its containing graph: find it in scope and do not cache across graphs.
            for (var graph = _graph; graph is not null; graph = graph.Parent)
            {
                if (graph.LocalFunctions.Contains(definition))
                {
                    return ComputeSummary(graph.GetLocalFunctionControlFlowGraph(definition, _cancellationToken), definition);
                }
            }

            return null;
        }

        return _spec.GetOrAddSummary(definition, _depth + 1, () =>
        {
            if (OperationBodies.TryGetMethodBodyRoot(definition, usage, _spec.Compilation) is not { } root)
            {
                return null;
            }

            ControlFlowGraph graph;
            try
            {
                graph = root switch
                {
                    IMethodBodyOperation body => ControlFlowGraph.Create(body, _cancellationToken),
                    IConstructorBodyOperation constructor => ControlFlowGraph.Create(constructor, _cancellationToken),
                    _ => null!,
                };
            }
            catch (ArgumentException)
            {
                return null;
            }

            return graph is null ? null : ComputeSummary(graph, definition);
        });
    }

    private TaintSummary? ComputeSummary(ControlFlowGraph graph, IMethodSymbol method)
    {
        var engine = new TaintEngine(_spec, graph, new TaintFunction(method, null), summaryMode: true, _depth + 1, new MethodStack(_function.Method.OriginalDefinition, _callers), _cancellationToken);
        if (!engine.Run())
        {
            return null;
        }

        var returned = engine._returned;
        var labels = (TaintLabels)returned.Labels;
        var shape = labels & (TaintLabels.Shapes | TaintLabels.PinnedPrefix);
        var own = (labels & TaintLabels.Kinds) != 0 ? labels & (TaintLabels.Kinds | TaintLabels.Shapes) : TaintLabels.None;
        var origin = returned.Origin >= 0 && returned.Origin < engine._origins.Count ? engine._origins[returned.Origin] : null;
        return new TaintSummary(returned.Deps, returned.Deps != 0 ? shape : shape & TaintLabels.PinnedPrefix, own, origin);
    }

    private Val EvalCreation(IObjectCreationOperation creation)
    {
        var arguments = creation.Arguments;
        var start = Reserve(arguments.Length);
        for (var i = 0; i < arguments.Length; i++)
        {
            var value = Eval(arguments[i].Value);
            _stack[start + i] = value;
        }

        var initializer = creation.Initializer is { } init ? Eval(init) : Val.None;
        Val result;
        if (TrySource(creation, out var source))
        {
            result = source;
        }
        else if (_spec.Sanitizer is { } sanitizer && sanitizer(creation))
        {
            result = Val.None;
        }
        else if (arguments.Length > 0 && (IsUriType(creation.Type) || creation.Type is { Name: "StringBuilder", ContainingNamespace.Name: "Text" }))
        {
            // new Uri(text), new Uri(text, kind), new Uri(baseUri, relative): the result is pinned when the text that decides the host is.
            var hostIndex = arguments.Length > 1 && IsUriType(arguments[0].Value.Type) && arguments[1].Value.Type?.SpecialType == SpecialType.System_String ? 1 : 0;
            result = hostIndex == 0 ? PinnedIfConstant(arguments[0].Value, _stack[start]) : Val.Join(_stack[start], _stack[start + 1]).Unpinned();
            if (hostIndex == 1 && _stack[start + 1].IsPinned)
            {
                result = result.With(result.Labels | (uint)TaintLabels.PinnedPrefix);
            }

            for (var i = hostIndex + 1; i < arguments.Length; i++)
            {
                result = creation.Type?.Name == "UriBuilder" ? Val.Join(result, _stack[start + i]).Unpinned() : Val.Append(result, _stack[start + i]);
            }
        }
        else
        {
            result = Val.Join(JoinArguments(start, arguments.Length), initializer).Unpinned();
        }

        _stackTop = start;
        return result;
    }

    private sealed class MethodStack
    {
        public MethodStack(IMethodSymbol method, MethodStack? next)
        {
            Method = method;
            Next = next;
        }

        public IMethodSymbol Method { get; }

        public MethodStack? Next { get; }

        public static bool Contains(MethodStack? stack, IMethodSymbol method)
        {
            for (var current = stack; current is not null; current = current.Next)
            {
                if (SymbolEqualityComparer.Default.Equals(current.Method, method))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

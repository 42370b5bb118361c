namespace AzSecAnalyzers.Infrastructure;

/// <summary>Judges what a callback (lambda, anonymous method or method group) does, for rules about validators and predicates.</summary>
internal static class CallbackBodies
{
    /// <summary>The callback's method and body, when the value is a lambda or a method group declared in source.</summary>
    public static bool TryGetBody(IOperation value, Compilation compilation, out IMethodSymbol? method, out IBlockOperation? body)
    {
        switch (value.WalkDownConversionsAndDelegates())
        {
            case IAnonymousFunctionOperation lambda:
                method = lambda.Symbol;
                body = lambda.Body;
                return true;
            case IMethodReferenceOperation reference when OperationBodies.TryGetBody(reference.Method, reference, compilation) is { } found:
                method = reference.Method;
                body = found;
                return true;
            default:
                method = null;
                body = null;
                return false;
        }
    }

    /// <summary>
    /// What the callback's own body does, in one walk: its returns, throws, calls and reads of its own
    /// parameters. False when the value is not a callback with a body in source, or the body does not
    /// parse yet (code still being typed is not judged).
    /// </summary>
    public static bool TrySummarize(IOperation value, Compilation compilation, out IMethodSymbol? method, out CallbackSummary summary)
    {
        summary = default;
        if (!TryGetBody(value, compilation, out method, out var body) || body is null || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        var returns = 0;
        var onlyTrue = true;
        var onlyFalse = true;
        var throws = false;
        var calls = false;
        var readsParameter = false;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation:
                    throws = true;
                    break;
                case IInvocationOperation:
                    calls = true;
                    break;
                case IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method):
                    readsParameter = true;
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when IsOwn(operation, body):
                    returns++;
                    onlyTrue &= returned.ConstantValue is { HasValue: true, Value: true };
                    onlyFalse &= returned.ConstantValue is { HasValue: true, Value: false };
                    break;
            }
        }

        summary = new CallbackSummary(returns, onlyTrue, onlyFalse, throws, calls, readsParameter);
        return true;
    }

    /// <summary>True when the callback returns the constant <c>true</c> on every return and never throws.</summary>
    public static bool ReturnsOnlyTrue(IOperation value, Compilation compilation)
        => TrySummarize(value, compilation, out _, out var summary) && summary.ReturnCount > 0 && summary.ReturnsOnlyTrue && !summary.Throws;

    /// <summary>True when the callback calls no method at all (it can only construct, convert and return).</summary>
    public static bool CallsNothing(IOperation value, Compilation compilation)
        => TrySummarize(value, compilation, out _, out var summary) && !summary.Calls && !summary.Throws;

    /// <summary>A return belongs to the callback itself, not to a lambda or local function nested in it.</summary>
    private static bool IsOwn(IOperation returnOperation, IOperation body)
    {
        for (var parent = returnOperation.Parent; parent is not null && parent != body; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>What a callback's own body does (returns of nested lambdas and local functions are not its own).</summary>
internal readonly struct CallbackSummary
{
    public CallbackSummary(int returnCount, bool returnsOnlyTrue, bool returnsOnlyFalse, bool throws, bool calls, bool readsParameter)
    {
        ReturnCount = returnCount;
        ReturnsOnlyTrue = returnsOnlyTrue;
        ReturnsOnlyFalse = returnsOnlyFalse;
        Throws = throws;
        Calls = calls;
        ReadsParameter = readsParameter;
    }

    public int ReturnCount { get; }

    /// <summary>Every own return is the constant <c>true</c> (vacuously true without returns).</summary>
    public bool ReturnsOnlyTrue { get; }

    /// <summary>Every own return is the constant <c>false</c> (vacuously true without returns).</summary>
    public bool ReturnsOnlyFalse { get; }

    public bool Throws { get; }

    /// <summary>Calls a method anywhere in the body.</summary>
    public bool Calls { get; }

    /// <summary>Reads one of the callback's own parameters.</summary>
    public bool ReadsParameter { get; }
}

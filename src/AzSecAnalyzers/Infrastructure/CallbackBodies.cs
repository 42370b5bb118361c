using AzSecAnalyzers.Infrastructure.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

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

    /// <summary>True when the callback returns the constant <c>true</c> on every return and never throws (code still being typed is not judged).</summary>
    public static bool ReturnsOnlyTrue(IOperation value, Compilation compilation)
    {
        if (!TryGetBody(value, compilation, out _, out var body) || body is null || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        var returns = 0;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation:
                    return false;
                case IReturnOperation { ReturnedValue: { } returned } when IsOwn(operation, body):
                    if (returned.ConstantValue is not { HasValue: true, Value: true })
                    {
                        return false;
                    }

                    returns++;
                    break;
            }
        }

        return returns > 0;
    }

    /// <summary>True when the callback calls no method at all (it can only construct, convert and return).</summary>
    public static bool CallsNothing(IOperation value, Compilation compilation)
    {
        if (!TryGetBody(value, compilation, out _, out var body) || body is null || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            if (operation is IInvocationOperation or IThrowOperation)
            {
                return false;
            }
        }

        return true;
    }

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

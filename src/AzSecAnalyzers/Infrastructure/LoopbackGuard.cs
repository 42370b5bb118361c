namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Tells whether code only runs when the target is this machine: inside <c>if (uri.IsLoopback)</c>,
/// <c>if (host is "localhost" or "127.0.0.1")</c>, <c>if (endpoint.Contains("localhost"))</c>,
/// <c>IPAddress.IsLoopback(…)</c>, or the matching branch of <c>?:</c> (or the <c>else</c> of the negation).
/// That is how apps talk to a local emulator (the Cosmos DB emulator's self-signed certificate): such code
/// is exempt like development-only code. Queried only when a finding is about to be reported.
/// </summary>
internal static class LoopbackGuard
{
    // As DevelopmentGuard: a guard is a test under a few !, && and ||; deeper conditions are not read.
    private const int MaxConditionDepth = 32;

    public static bool IsGuarded(IOperation operation)
    {
        IOperation child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child:
                    var polarity = Polarity(conditional.Condition, 0);
                    if ((polarity > 0 && child == conditional.WhenTrue) || (polarity < 0 && child == conditional.WhenFalse))
                    {
                        return true;
                    }

                    break;
                case ILocalFunctionOperation or IMethodBodyBaseOperation:
                    return false;
            }
        }

        return false;
    }

    /// <summary>+1 when the condition being true means the host is local, -1 when its being false does, 0 otherwise.</summary>
    private static int Polarity(IOperation condition, int depth)
    {
        if (depth > MaxConditionDepth)
        {
            return 0;
        }

        switch (condition)
        {
            case IConversionOperation conversion:
                return Polarity(conversion.Operand, depth + 1);
            case IParenthesizedOperation parenthesized:
                return Polarity(parenthesized.Operand, depth + 1);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return -Polarity(not.Operand, depth + 1);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                // Local when either side says local; "not local" only when both do.
                var (leftAnd, rightAnd) = (Polarity(and.LeftOperand, depth + 1), Polarity(and.RightOperand, depth + 1));
                return leftAnd > 0 || rightAnd > 0 ? 1 : leftAnd < 0 && rightAnd < 0 ? -1 : 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                var (leftOr, rightOr) = (Polarity(or.LeftOperand, depth + 1), Polarity(or.RightOperand, depth + 1));
                return leftOr > 0 && rightOr > 0 ? 1 : leftOr < 0 || rightOr < 0 ? -1 : 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when IsLocalText(comparison.LeftOperand) || IsLocalText(comparison.RightOperand):
                return comparison.OperatorKind == BinaryOperatorKind.Equals ? 1 : -1;
            case IIsPatternOperation pattern:
                return PatternPolarity(pattern.Pattern, depth + 1);
            case IPropertyReferenceOperation { Property.Name: "IsLoopback" }:
                return 1;
            case IInvocationOperation { TargetMethod.Name: "IsLoopback" }:
                return 1;
            case IInvocationOperation { TargetMethod.Name: "Equals" or "Contains" or "StartsWith" } invocation
                when (invocation.Instance is { } instance && IsLocalText(instance)) || HasLocalTextArgument(invocation):
                return 1;
            default:
                return 0;
        }
    }

    private static int PatternPolarity(IPatternOperation pattern, int depth)
    {
        if (depth > MaxConditionDepth)
        {
            return 0;
        }

        return pattern switch
        {
            IConstantPatternOperation constant => IsLocalText(constant.Value) ? 1 : 0,
            INegatedPatternOperation negated => -PatternPolarity(negated.Pattern, depth + 1),
            IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } or
                => PatternPolarity(or.LeftPattern, depth + 1) > 0 && PatternPolarity(or.RightPattern, depth + 1) > 0 ? 1 : 0,
            _ => 0,
        };
    }

    private static bool HasLocalTextArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (IsLocalText(argument.Value))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLocalText(IOperation value)
        => value.ConstantValue is { HasValue: true, Value: string text } && AzureEndpoints.IsLocalHost(text);
}

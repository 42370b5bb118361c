namespace AzSecAnalyzers.Infrastructure.Operations;

internal static class OperationExtensions
{
    /// <summary>
    /// True when every operand of a flags expression <c>A | B | …</c>, through conversions and parentheses, is one
    /// <paramref name="isFlag"/> accepts (a named constant, say): the flags are written out rather than computed.
    /// Walked with a stack, as such a chain may be very long.
    /// </summary>
    public static bool AllFlagOperands(this IOperation value, Func<IOperation, bool> isFlag)
    {
        var pending = new Stack<IOperation>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case IConversionOperation conversion:
                    pending.Push(conversion.Operand);
                    break;
                case IParenthesizedOperation parenthesized:
                    pending.Push(parenthesized.Operand);
                    break;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } or:
                    pending.Push(or.RightOperand);
                    pending.Push(or.LeftOperand);
                    break;
                case var operand when isFlag(operand):
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>Strips conversions and parentheses to reach the value as written.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>Strips conversions, delegate creations and parentheses to reach the value as written.</summary>
    public static IOperation WalkDownConversionsAndDelegates(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation delegateCreation:
                    operation = delegateCreation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The value as its user sees it: climbs through the conversions and parentheses that wrap
    /// <paramref name="operation"/>, so that the result's <c>Parent</c> is what uses the value
    /// (an argument, an assignment, an initializer…).
    /// </summary>
    public static IOperation WalkUpConversions(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>As <see cref="WalkUpConversions"/>, also through the delegate creation that wraps a lambda or method group.</summary>
    public static IOperation WalkUpConversionsAndDelegates(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation or IDelegateCreationOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The top of the operation tree holding <paramref name="operation"/> (a method body, a field initializer…).</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The local, field or parameter a value is stored into when it is the initializer or right-hand side of one; otherwise null.</summary>
    public static ISymbol? StoredInto(this IOperation value)
    {
        var current = value.WalkUpConversions();
        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                return fieldInitializer.InitializedFields[0];
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return ReferencedSymbol(assignment.Target);
            default:
                return null;
        }
    }

    /// <summary>The local, parameter or field (of <c>this</c> or static) a reference names; otherwise null.</summary>
    public static ISymbol? ReferencedSymbol(this IOperation operation)
        => operation.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };
}

using System.Collections.Generic;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>
/// The values written to a local inside one operation tree (its initializer and simple assignments),
/// for the AZSEC411 checks that look one step through a local (a constant, a settings object, a
/// message body). Not a data-flow analysis: order and branches are ignored.
/// </summary>
internal static class LocalValues
{
    /// <summary>The top of the operation tree holding <paramref name="operation"/> (a method body, a field initializer…).</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    public static IEnumerable<IOperation> Of(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        yield return initializer.Value;
                    }

                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment
                    when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    yield return assignment.Value;
                    break;
            }
        }
    }

    /// <summary>The local, field or parameter a value is stored into when it is the initializer or right-hand side of one; otherwise null.</summary>
    public static ISymbol? StoredInto(IOperation value)
    {
        var current = value;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

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
    public static ISymbol? ReferencedSymbol(IOperation operation)
        => operation.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };
}

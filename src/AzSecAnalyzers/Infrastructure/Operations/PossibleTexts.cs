using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>
/// The one answer to "which constant strings can this value be, and nothing else": a constant, both arms of a
/// conditional, a local whose every write is one, or a constant, read-only or private field or get-only property
/// whose every write in its type is a string literal. False as soon as one write or arm is not a constant string
/// (a parameter, configuration, a call, a compound assignment), so a caller that asks "is every value an X"
/// never decides on part of the values. Bounded: at most <see cref="MaxSymbols"/> symbols are followed.
/// </summary>
internal static class PossibleTexts
{
    private const int MaxSymbols = 4;

    /// <summary>True when the value can only be constant strings and <paramref name="predicate"/> holds for each.</summary>
    public static bool All(IOperation value, Func<string, bool> predicate)
    {
        var budget = MaxSymbols;
        return All(value, predicate, ref budget);
    }

    private static bool All(IOperation value, Func<string, bool> predicate, ref int budget)
    {
        value = value.WalkDownConversions();
        if (value.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is string text && predicate(text);
        }

        switch (value)
        {
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return All(conditional.WhenTrue, predicate, ref budget) && All(whenFalse, predicate, ref budget);

            case ILocalReferenceOperation reference when budget-- > 0 && !reference.Local.IsRef:
                var any = false;
                foreach (var write in SymbolWrites.Of(reference.Local, reference.Root()))
                {
                    if (write.Kind is not (WriteKind.Initializer or WriteKind.Assignment) || write.Value is null || !All(write.Value, predicate, ref budget))
                    {
                        return false;
                    }

                    any = true;
                }

                return any;

            // Writes are only searched in the declaring type: a field others can write, or a property configuration
            // binding can set, may hold anything.
            case IFieldReferenceOperation { Field: var field } when budget-- > 0 && (field.IsConst || field.IsReadOnly || field.DeclaredAccessibility == Accessibility.Private):
                return field.IsConst ? field.ConstantValue is string text && predicate(text) : AllWritesAreLiterals(field, predicate);

            case IPropertyReferenceOperation { Property: { Parameters.Length: 0, SetMethod: null } property } when budget-- > 0:
                return AllWritesAreLiterals(property, predicate);

            default:
                return false;
        }
    }

    // Fields and properties are written in syntax across the type: only plain string literals count.
    private static bool AllWritesAreLiterals(ISymbol fieldOrProperty, Func<string, bool> predicate)
    {
        var any = false;
        foreach (var write in SymbolWrites.Of(fieldOrProperty))
        {
            if (write.Kind is not (WriteKind.Initializer or WriteKind.Assignment)
                || write.Syntax is not LiteralExpressionSyntax literal
                || literal.Token.Value is not string text
                || !predicate(text))
            {
                return false;
            }

            any = true;
        }

        return any;
    }
}

using System.Text;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>
/// The text of a string built by concatenation (<c>"a" + b</c>) or interpolation (<c>$"a{b}"</c>), with every
/// part that is not a constant replaced by a marker: the constant parts are read as written, so a rule can parse
/// the shape (<c>Server=tcp:{name}.database.windows.net;User ID={user};Password={password}</c>) without
/// knowing the runtime values. Iterative and bounded, so a concatenation of thousands of terms costs nothing.
/// </summary>
internal static class ComposedText
{
    private const int MaxParts = 512;
    private const int MaxLength = 64 * 1024;

    /// <summary>
    /// True when <paramref name="value"/> is a string concatenation or interpolation with at least one part that is
    /// not constant; <paramref name="text"/> is then its text with <paramref name="hole"/> for each such part.
    /// </summary>
    public static bool TryRender(IOperation value, string hole, out string text)
    {
        text = string.Empty;
        value = value.WalkDownConversions();
        if (!IsComposition(value))
        {
            return false;
        }

        var builder = new StringBuilder();
        var holes = 0;
        var parts = 0;
        var pending = new Stack<IOperation>();
        pending.Push(value);
        while (pending.Count > 0)
        {
            if (++parts > MaxParts || builder.Length > MaxLength)
            {
                return false;
            }

            var operation = pending.Pop().WalkDownConversions();
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String && !binary.ConstantValue.HasValue:
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                    break;
                case IInterpolatedStringOperation interpolated when !interpolated.ConstantValue.HasValue:
                    for (var i = interpolated.Parts.Length - 1; i >= 0; i--)
                    {
                        pending.Push(interpolated.Parts[i]);
                    }

                    break;
                case IInterpolatedStringTextOperation part:
                    builder.Append(part.Text.ConstantValue.Value as string);
                    break;
                case IInterpolationOperation { Alignment: null, FormatString: null, Expression.ConstantValue: { HasValue: true, Value: var constant } }:
                    builder.Append(constant?.ToString());
                    break;
                case IInterpolationOperation:
                    builder.Append(hole);
                    holes++;
                    break;
                case { ConstantValue: { HasValue: true, Value: var constant } }:
                    builder.Append(constant?.ToString());
                    break;
                default:
                    builder.Append(hole);
                    holes++;
                    break;
            }
        }

        text = builder.ToString();
        return holes > 0;
    }

    private static bool IsComposition(IOperation value) => value switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => binary.Type?.SpecialType == SpecialType.System_String && !binary.ConstantValue.HasValue,
        IInterpolatedStringOperation interpolated => !interpolated.ConstantValue.HasValue,
        _ => false,
    };
}

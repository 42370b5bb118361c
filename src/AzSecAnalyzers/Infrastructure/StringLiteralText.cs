using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Maps offsets in a string literal's value to positions in source, for rules that squiggle (or fix)
/// one part of a literal. Only possible when the literal spells its value character for character:
/// a regular or verbatim literal without escape sequences, or a single-line raw literal; <see cref="SourceSpan"/>
/// also reads through the escape sequences of regular and verbatim literals.
/// </summary>
internal static class StringLiteralText
{
    /// <summary>
    /// The source position of the value's first character, or -1 when the token's text does not hold the
    /// value verbatim (escape sequences, <c>""</c> in a verbatim literal, multi-line raw literals, UTF-8 suffixes).
    /// </summary>
    public static int ValueStart(SyntaxToken token, string value)
    {
        int prefix;
        switch ((SyntaxKind)token.RawKind)
        {
            case SyntaxKind.StringLiteralToken:
                prefix = token.Text.StartsWith("@", System.StringComparison.Ordinal) ? 2 : 1;
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
                prefix = 0;
                while (prefix < token.Text.Length && token.Text[prefix] == '"')
                {
                    prefix++;
                }

                break;
            default:
                return -1;
        }

        var text = token.Text;
        if (text.Length < prefix + value.Length
            || string.CompareOrdinal(text, prefix, value, 0, value.Length) != 0)
        {
            return -1;
        }

        // The value must end where the closing quote starts, or the match was a coincidence.
        var closing = text.Length - prefix - value.Length;
        var expectedClosing = (SyntaxKind)token.RawKind == SyntaxKind.StringLiteralToken ? 1 : prefix;
        return closing == expectedClosing ? token.SpanStart + prefix : -1;
    }

    /// <summary>
    /// The source span of the value's characters [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>)
    /// in a regular, verbatim or single-line raw literal, reading through escape sequences (<c>\t</c>, <c>\u0041</c>,
    /// <c>""</c>); null when the range does not map (it splits an escape's surrogate pair, or the literal is multi-line raw).
    /// </summary>
    public static TextSpan? SourceSpan(SyntaxToken token, string value, int start, int length)
    {
        if (start < 0 || length < 0 || start + length > value.Length)
        {
            return null;
        }

        var valueStart = ValueStart(token, value);
        if (valueStart >= 0)
        {
            return new TextSpan(valueStart + start, length);
        }

        if (!token.IsKind(SyntaxKind.StringLiteralToken))
        {
            return null;
        }

        var text = token.Text;
        var verbatim = text.StartsWith("@", System.StringComparison.Ordinal);
        var i = verbatim ? 2 : 1;
        var close = text.Length - 1;
        var produced = 0;
        int? from = null;
        int? to = null;
        while (true)
        {
            if (produced == start)
            {
                from ??= i;
            }

            if (produced == start + length)
            {
                to ??= i;
            }

            if (i >= close)
            {
                break;
            }

            int width;
            var chars = 1;
            if (verbatim)
            {
                width = text[i] == '"' ? 2 : 1;
            }
            else if (text[i] == '\\')
            {
                width = EscapeWidth(text, i, close, out chars);
                if (width <= 0)
                {
                    return null;
                }
            }
            else
            {
                width = 1;
            }

            i += width;
            produced += chars;
        }

        // The decoded length must be the value's, or the reading went wrong: map nothing rather than a wrong span.
        return produced == value.Length && from is { } f && to is { } t
            ? TextSpan.FromBounds(token.SpanStart + f, token.SpanStart + t)
            : null;
    }

    /// <summary>How many source characters the escape at <paramref name="i"/> takes, and how many value characters it stands for.</summary>
    private static int EscapeWidth(string text, int i, int close, out int chars)
    {
        chars = 1;
        if (i + 1 >= close)
        {
            return -1;
        }

        switch (text[i + 1])
        {
            case 'u':
                return i + 6 <= close ? 6 : -1;
            case 'U':
                if (i + 10 > close || !uint.TryParse(text.Substring(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var codePoint))
                {
                    return -1;
                }

                chars = codePoint > 0xFFFF ? 2 : 1;
                return 10;
            case 'x':
                var digits = 0;
                while (digits < 4 && i + 2 + digits < close && Uri.IsHexDigit(text[i + 2 + digits]))
                {
                    digits++;
                }

                return digits == 0 ? -1 : 2 + digits;
            default:
                return 2;
        }
    }
}

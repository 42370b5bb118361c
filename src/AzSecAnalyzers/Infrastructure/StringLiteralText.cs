using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Maps offsets in a string literal's value to positions in source, for rules that squiggle (or fix)
/// one part of a literal. Only possible when the literal spells its value character for character:
/// a regular or verbatim literal without escape sequences, or a single-line raw literal.
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
}

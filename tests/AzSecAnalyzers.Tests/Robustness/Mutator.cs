using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>
/// Turns valid C# into the code a user has on screen while typing, or code no one should write:
/// cut at an offset, a token deleted or duplicated, an unterminated string or interpolation, a lone
/// surrogate, a line removed. Deterministic for a given seed.
/// </summary>
internal sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public (string Kind, string Text) Mutate(string text)
    {
        if (text.Length == 0)
        {
            return ("empty", text);
        }

        var tokens = CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        switch (_random.Next(7))
        {
            case 0:
                return ("cut", text[.._random.Next(text.Length)]);
            case 1 when tokens.Count > 0:
                var deleted = tokens[_random.Next(tokens.Count)];
                return ($"delete '{Short(deleted)}'", text.Remove(deleted.SpanStart, deleted.Span.Length));
            case 2 when tokens.Count > 0:
                var duplicated = tokens[_random.Next(tokens.Count)];
                return ($"duplicate '{Short(duplicated)}'", text.Insert(duplicated.SpanStart, duplicated.Text + " "));
            case 3:
                var insertion = new[] { "\"", "$\"{", "$\"\"\"{", "@\"", "/*", "'", "u8\"" }[_random.Next(7)];
                return ($"insert {insertion}", text.Insert(_random.Next(text.Length), insertion));
            case 4:
                return ("lone surrogate", text.Insert(_random.Next(text.Length), "\uD800"));
            case 5:
                var lines = text.Split('\n').ToList();
                lines.RemoveAt(_random.Next(lines.Count));
                return ("delete line", string.Join('\n', lines));
            default:
                // Swap two tokens: keeps most structure, breaks binding.
                if (tokens.Count < 2)
                {
                    return ("cut", text[.._random.Next(text.Length)]);
                }

                var a = tokens[_random.Next(tokens.Count)];
                var b = tokens[_random.Next(tokens.Count)];
                if (a.SpanStart > b.SpanStart)
                {
                    (a, b) = (b, a);
                }

                if (a.Span.OverlapsWith(b.Span) || a == b)
                {
                    return ("cut", text[.._random.Next(text.Length)]);
                }

                var builder = new StringBuilder(text);
                builder.Remove(b.SpanStart, b.Span.Length).Insert(b.SpanStart, a.Text);
                builder.Remove(a.SpanStart, a.Span.Length).Insert(a.SpanStart, b.Text);
                return ($"swap '{Short(a)}' '{Short(b)}'", builder.ToString());
        }
    }

    private static string Short(SyntaxToken token) => token.Text.Length > 20 ? token.Text[..20] : token.Text;
}

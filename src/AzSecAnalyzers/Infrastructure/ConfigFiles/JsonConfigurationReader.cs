using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure.ConfigFiles;

/// <summary>
/// A tolerant, dependency-free reader of JSON configuration files with the leniency .NET's JSON
/// configuration provider has: <c>//</c> and <c>/* */</c> comments, trailing commas, a byte order
/// mark. It yields every string value with its configuration path and exact span. One pass, no
/// recursion (an explicit stack, capped at <see cref="MaxDepth"/>), so any input costs linear time and
/// bounded stack; at the first syntax error it stops and returns what it read so far.
/// </summary>
internal static class JsonConfigurationReader
{
    /// <summary>Deeper nesting is not configuration; the reader stops there.</summary>
    public const int MaxDepth = 64;

    private enum State
    {
        Value,
        KeyOrObjectEnd,
        ValueOrArrayEnd,
        AfterValue,
    }

    private struct Frame
    {
        public bool IsArray;
        public string? Segment;
        public string Key;
        public int NextIndex;
    }

    /// <param name="text">The file's text.</param>
    /// <param name="includeNames">Also yield every member name as an entry of its own (<see cref="ConfigurationEntry.IsName"/>).</param>
    public static List<ConfigurationEntry> Read(string text, bool includeNames = false)
    {
        var entries = new List<ConfigurationEntry>();
        var frames = new List<Frame>();
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        string? segment = null;
        var key = string.Empty;
        var state = State.Value;
        var rootRead = false;

        while (SkipTrivia(text, ref position))
        {
            var c = text[position];
            switch (state)
            {
                case State.Value:
                    if (rootRead && frames.Count == 0)
                    {
                        return entries;
                    }

                    if (c is '{' or '[')
                    {
                        if (frames.Count >= MaxDepth)
                        {
                            return entries;
                        }

                        frames.Add(new Frame { IsArray = c == '[', Segment = segment, Key = key });
                        position++;
                        state = c == '[' ? State.ValueOrArrayEnd : State.KeyOrObjectEnd;
                    }
                    else if (c == '"')
                    {
                        if (!TryReadString(text, ref position, out var value, out var start))
                        {
                            return entries;
                        }

                        entries.Add(new ConfigurationEntry(PathOf(frames, segment), key, value, TextSpan.FromBounds(start, position - 1)));
                        state = State.AfterValue;
                    }
                    else if (IsLiteralChar(c))
                    {
                        while (position < text.Length && IsLiteralChar(text[position]))
                        {
                            position++;
                        }

                        state = State.AfterValue;
                    }
                    else
                    {
                        return entries;
                    }

                    rootRead |= frames.Count == 0;
                    break;

                case State.KeyOrObjectEnd:
                    if (c == '}')
                    {
                        position++;
                        frames.RemoveAt(frames.Count - 1);
                        state = State.AfterValue;
                        rootRead |= frames.Count == 0;
                    }
                    else if (c == '"' && TryReadString(text, ref position, out var name, out var nameStart))
                    {
                        var nameSpan = TextSpan.FromBounds(nameStart, position - 1);
                        if (!SkipTrivia(text, ref position) || text[position] != ':')
                        {
                            return entries;
                        }

                        position++;
                        if (includeNames)
                        {
                            entries.Add(new ConfigurationEntry(PathOf(frames, name), name, name, nameSpan, isName: true));
                        }

                        segment = name;
                        key = name;
                        state = State.Value;
                    }
                    else
                    {
                        return entries;
                    }

                    break;

                case State.ValueOrArrayEnd:
                    if (c == ']')
                    {
                        position++;
                        frames.RemoveAt(frames.Count - 1);
                        state = State.AfterValue;
                        rootRead |= frames.Count == 0;
                    }
                    else
                    {
                        var top = frames[frames.Count - 1];
                        segment = top.NextIndex.ToString(CultureInfo.InvariantCulture);
                        key = top.Key;
                        top.NextIndex++;
                        frames[frames.Count - 1] = top;
                        state = State.Value;
                    }

                    break;

                default:
                    if (frames.Count == 0)
                    {
                        return entries;
                    }

                    var frame = frames[frames.Count - 1];
                    if (c == ',')
                    {
                        position++;
                        state = frame.IsArray ? State.ValueOrArrayEnd : State.KeyOrObjectEnd;
                    }
                    else if (c == (frame.IsArray ? ']' : '}'))
                    {
                        position++;
                        frames.RemoveAt(frames.Count - 1);
                    }
                    else
                    {
                        return entries;
                    }

                    break;
            }
        }

        return entries;
    }

    private static string PathOf(List<Frame> frames, string? segment)
    {
        var builder = new StringBuilder();
        foreach (var frame in frames)
        {
            Append(builder, frame.Segment);
        }

        Append(builder, segment);
        return builder.ToString();

        static void Append(StringBuilder builder, string? part)
        {
            if (part is null)
            {
                return;
            }

            if (builder.Length > 0)
            {
                builder.Append(':');
            }

            builder.Append(part);
        }
    }

    private static bool IsLiteralChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '+' or '.';

    /// <summary>Skips whitespace and comments; false at the end of the text or in an unterminated comment.</summary>
    private static bool SkipTrivia(string text, ref int position)
    {
        while (position < text.Length)
        {
            var c = text[position];
            if (c is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            {
                position++;
            }
            else if (c == '/' && position + 1 < text.Length && text[position + 1] == '/')
            {
                while (position < text.Length && text[position] is not ('\n' or '\r'))
                {
                    position++;
                }
            }
            else if (c == '/' && position + 1 < text.Length && text[position + 1] == '*')
            {
                var end = text.IndexOf("*/", position + 2, System.StringComparison.Ordinal);
                if (end < 0)
                {
                    position = text.Length;
                    return false;
                }

                position = end + 2;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a string starting at the opening quote; <paramref name="position"/> ends after the closing quote.</summary>
    private static bool TryReadString(string text, ref int position, out string value, out int contentStart)
    {
        value = string.Empty;
        contentStart = position + 1;
        StringBuilder? decoded = null;
        var runStart = contentStart;
        for (var i = contentStart; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                if (decoded is null)
                {
                    value = text.Substring(contentStart, i - contentStart);
                }
                else
                {
                    decoded.Append(text, runStart, i - runStart);
                    value = decoded.ToString();
                }

                position = i + 1;
                return true;
            }

            if (c is '\r' or '\n')
            {
                return false;
            }

            if (c != '\\')
            {
                continue;
            }

            if (i + 1 >= text.Length)
            {
                return false;
            }

            decoded ??= new StringBuilder();
            decoded.Append(text, runStart, i - runStart);
            var escape = text[i + 1];
            switch (escape)
            {
                case '"': decoded.Append('"'); break;
                case '\\': decoded.Append('\\'); break;
                case '/': decoded.Append('/'); break;
                case 'b': decoded.Append('\b'); break;
                case 'f': decoded.Append('\f'); break;
                case 'n': decoded.Append('\n'); break;
                case 'r': decoded.Append('\r'); break;
                case 't': decoded.Append('\t'); break;
                case 'u':
                    if (i + 6 > text.Length
                        || !int.TryParse(text.Substring(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        return false;
                    }

                    decoded.Append((char)code);
                    i += 4;
                    break;
                default:
                    return false;
            }

            i++;
            runStart = i + 1;
        }

        return false;
    }
}

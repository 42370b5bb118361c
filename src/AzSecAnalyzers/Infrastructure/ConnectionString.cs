using System.Text;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>One <c>key=value</c> pair of a connection string, with offsets into the original text.</summary>
internal readonly struct ConnectionStringPart
{
    public ConnectionStringPart(string key, string value, int keyStart, int valueStart, int valueLength)
    {
        Key = key;
        Value = value;
        KeyStart = keyStart;
        ValueStart = valueStart;
        ValueLength = valueLength;
    }

    /// <summary>The key, trimmed, with <c>==</c> unescaped; case is kept, comparisons ignore it.</summary>
    public string Key { get; }

    /// <summary>The value, trimmed and unquoted.</summary>
    public string Value { get; }

    public int KeyStart { get; }

    /// <summary>Offset of the value's first character in the text (inside the quotes for a quoted value).</summary>
    public int ValueStart { get; }

    /// <summary>Length of the value as written in the text (escaped quotes count twice).</summary>
    public int ValueLength { get; }
}

/// <summary>
/// A tolerant reader of ADO.NET-style connection strings (<c>Key=Value;Key2="quoted; value"</c>),
/// shared by every rule that looks inside one: storage, Service Bus, Event Hubs, Cosmos, SQL, Redis.
/// It never throws: malformed segments are skipped, an unterminated quote runs to the end, keys
/// compare case-insensitively and the last duplicate wins, as in <c>DbConnectionStringBuilder</c>.
/// </summary>
internal sealed class ConnectionString
{
    private static readonly ConnectionString EmptyInstance = new(Array.Empty<ConnectionStringPart>());

    private readonly ConnectionStringPart[] _parts;

    private ConnectionString(ConnectionStringPart[] parts) => _parts = parts;

    public IReadOnlyList<ConnectionStringPart> Parts => _parts;

    public bool IsEmpty => _parts.Length == 0;

    public static ConnectionString Parse(string? text)
    {
        if (text is null || text.Length == 0 || text.IndexOf('=') < 0)
        {
            return EmptyInstance;
        }

        var parts = new List<ConnectionStringPart>();
        var i = 0;
        while (i < text.Length)
        {
            i = SkipSeparators(text, i);
            if (i >= text.Length)
            {
                break;
            }

            var keyStart = i;
            if (!TryReadKey(text, ref i, out var key))
            {
                // No '=' before the next ';': not a pair. Skip the segment.
                i = IndexOfOrEnd(text, ';', i) + 1;
                continue;
            }

            i = SkipWhitespace(text, i);
            string value;
            int valueStart;
            int valueLength;
            if (i < text.Length && (text[i] == '"' || text[i] == '\''))
            {
                var quote = text[i];
                valueStart = i + 1;
                value = ReadQuoted(text, quote, valueStart, out var closingQuote);
                valueLength = closingQuote - valueStart;

                // Anything between the closing quote and the next ';' is junk; skip it.
                i = IndexOfOrEnd(text, ';', closingQuote + 1) + 1;
            }
            else
            {
                valueStart = i;
                var end = IndexOfOrEnd(text, ';', i);
                var trimmedEnd = end;
                while (trimmedEnd > valueStart && char.IsWhiteSpace(text[trimmedEnd - 1]))
                {
                    trimmedEnd--;
                }

                valueLength = trimmedEnd - valueStart;
                value = text.Substring(valueStart, valueLength);
                i = end + 1;
            }

            if (key.Length > 0)
            {
                parts.Add(new ConnectionStringPart(key, value, keyStart, valueStart, valueLength));
            }
        }

        return parts.Count == 0 ? EmptyInstance : new ConnectionString(parts.ToArray());
    }

    /// <summary>The value of <paramref name="key"/> (case-insensitive; the last occurrence wins).</summary>
    public bool TryGet(string key, out ConnectionStringPart part)
    {
        for (var i = _parts.Length - 1; i >= 0; i--)
        {
            if (string.Equals(_parts[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                part = _parts[i];
                return true;
            }
        }

        part = default;
        return false;
    }

    /// <summary>The value of the first of <paramref name="keys"/> present (synonyms such as <c>Password</c>/<c>Pwd</c>).</summary>
    public bool TryGetAny(out ConnectionStringPart part, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (TryGet(key, out part))
            {
                return true;
            }
        }

        part = default;
        return false;
    }

    public string? this[string key] => TryGet(key, out var part) ? part.Value : null;

    private static bool TryReadKey(string text, ref int i, out string key)
    {
        var builder = new StringBuilder();
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ';')
            {
                key = string.Empty;
                return false;
            }

            if (c == '=')
            {
                // "==" inside a key is an escaped '='.
                if (i + 1 < text.Length && text[i + 1] == '=')
                {
                    builder.Append('=');
                    i += 2;
                    continue;
                }

                i++;
                key = builder.ToString().Trim();
                return true;
            }

            builder.Append(c);
            i++;
        }

        key = string.Empty;
        return false;
    }

    /// <summary>Reads a quoted value whose first character is at <paramref name="start"/>; <paramref name="closingQuote"/> is the index of the closing quote, or the text's length when there is none.</summary>
    private static string ReadQuoted(string text, char quote, int start, out int closingQuote)
    {
        var builder = new StringBuilder();
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    builder.Append(quote);
                    i += 2;
                    continue;
                }

                closingQuote = i;
                return builder.ToString();
            }

            builder.Append(c);
            i++;
        }

        // Unterminated: the value runs to the end of the text.
        closingQuote = text.Length;
        return builder.ToString();
    }

    private static int SkipSeparators(string text, int i)
    {
        while (i < text.Length && (text[i] == ';' || char.IsWhiteSpace(text[i])))
        {
            i++;
        }

        return i;
    }

    private static int SkipWhitespace(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }

    private static int IndexOfOrEnd(string text, char c, int start)
    {
        if (start >= text.Length)
        {
            return text.Length;
        }

        var index = text.IndexOf(c, start);
        return index < 0 ? text.Length : index;
    }
}

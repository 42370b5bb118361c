namespace AzSecAnalyzers.Infrastructure;

/// <summary>One comma-separated element of a StackExchange.Redis configuration string, with offsets into the text.</summary>
internal readonly struct RedisConfigurationElement
{
    public RedisConfigurationElement(string? key, string value, int start, int length, int valueStart)
    {
        Key = key;
        Value = value;
        Start = start;
        Length = length;
        ValueStart = valueStart;
    }

    /// <summary>The option name (<c>ssl</c>, <c>password</c>, ...), or null for an endpoint (<c>host[:port]</c>).</summary>
    public string? Key { get; }

    /// <summary>The option value, or the endpoint text, trimmed.</summary>
    public string Value { get; }

    /// <summary>Offset of the element's first non-blank character.</summary>
    public int Start { get; }

    /// <summary>Length of the element, trimmed.</summary>
    public int Length { get; }

    /// <summary>Offset of <see cref="Value"/> in the text.</summary>
    public int ValueStart { get; }

    public bool IsEndpoint => Key is null;

    /// <summary>For an endpoint: the host without the port.</summary>
    public string Host
    {
        get
        {
            var colon = Value.LastIndexOf(':');
            return colon > 0 && Value.IndexOf(']') < colon ? Value.Substring(0, colon) : Value;
        }
    }

    /// <summary>For an endpoint: the port as written, or null when there is none.</summary>
    public string? Port
    {
        get
        {
            var colon = Value.LastIndexOf(':');
            return colon > 0 && Value.IndexOf(']') < colon ? Value.Substring(colon + 1) : null;
        }
    }
}

/// <summary>
/// A tolerant reader of StackExchange.Redis configuration strings
/// (<c>contoso.redis.cache.windows.net:6380,password=…,ssl=True,abortConnect=False</c>): elements are
/// separated by commas; an element with <c>=</c> is an option, any other is an endpoint. Never throws.
/// </summary>
internal static class RedisConfiguration
{
    public static IReadOnlyList<RedisConfigurationElement> Parse(string? text)
    {
        var elements = new List<RedisConfigurationElement>();
        if (text is null || text.Length == 0)
        {
            return elements;
        }

        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf(',', start);
            if (end < 0)
            {
                end = text.Length;
            }

            var first = start;
            while (first < end && char.IsWhiteSpace(text[first]))
            {
                first++;
            }

            var last = end;
            while (last > first && char.IsWhiteSpace(text[last - 1]))
            {
                last--;
            }

            if (last > first)
            {
                var element = text.Substring(first, last - first);
                var equals = element.IndexOf('=');
                if (equals < 0)
                {
                    elements.Add(new RedisConfigurationElement(null, element, first, last - first, first));
                }
                else
                {
                    var key = element.Substring(0, equals).Trim();
                    var valueOffset = equals + 1;
                    while (valueOffset < element.Length && char.IsWhiteSpace(element[valueOffset]))
                    {
                        valueOffset++;
                    }

                    elements.Add(new RedisConfigurationElement(key, element.Substring(valueOffset), first, last - first, first + valueOffset));
                }
            }

            start = end + 1;
        }

        return elements;
    }

    /// <summary>The option named <paramref name="key"/> (case-insensitive; the last one wins, as in StackExchange.Redis).</summary>
    public static bool TryGetOption(IReadOnlyList<RedisConfigurationElement> elements, string key, out RedisConfigurationElement option)
    {
        for (var i = elements.Count - 1; i >= 0; i--)
        {
            if (string.Equals(elements[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                option = elements[i];
                return true;
            }
        }

        option = default;
        return false;
    }
}

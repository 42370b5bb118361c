namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>
/// Finds Azure credentials in plain text (a literal's value, a configuration file line, a log
/// template), driven by <see cref="SecretShapes.All"/>. Cheap text checks run first, so the common
/// literal (a message, a name, a URL) costs a few <c>IndexOf</c> calls; parsing and checksums run
/// only on candidates. Never throws on malformed input.
/// </summary>
internal static class SecretScanner
{
    /// <summary>Shorter strings cannot hold any recognised secret.</summary>
    private const int MinimumLength = 8;

    private static readonly IReadOnlyList<SecretMatch> None = Array.Empty<SecretMatch>();

    private static readonly string[] ConnectionStringSecretKeys = { "accountkey", "sharedaccesskey", "sharedaccesssignature", "secret", "password", "pwd" };

    /// <summary>The first secret in <paramref name="text"/> (lowest offset), if any.</summary>
    public static bool TryFindFirst(string? text, out SecretMatch match, SecretScanOptions options = SecretScanOptions.None)
    {
        var all = FindAll(text, options);
        match = all.Count > 0 ? all[0] : default;
        return all.Count > 0;
    }

    /// <summary>Every secret in <paramref name="text"/>, by offset, without overlaps.</summary>
    public static IReadOnlyList<SecretMatch> FindAll(string? text, SecretScanOptions options = SecretScanOptions.None)
    {
        if (text is null || text.Length < MinimumLength)
        {
            return None;
        }

        List<SecretMatch>? found = null;
        FindIdentifiableKeys(text, ref found);
        FindPemPrivateKeys(text, ref found);
        FindInConnectionString(text, options, ref found);
        FindRedisPassword(text, ref found);
        FindSasTokens(text, ref found);
        FindEntraClientSecrets(text, ref found);
        if ((options & SecretScanOptions.KeyExpected) != 0)
        {
            FindBareKey(text, ref found);
        }

        if (found is null)
        {
            return None;
        }

        found.Sort(static (a, b) => a.Offset.CompareTo(b.Offset));
        return found;
    }

    private static void Add(ref List<SecretMatch>? found, SecretMatch match)
    {
        found ??= new List<SecretMatch>(1);
        foreach (var existing in found)
        {
            if (match.Offset < existing.End && existing.Offset < match.End)
            {
                return;
            }
        }

        found.Add(match);
    }

    private static void FindIdentifiableKeys(string text, ref List<SecretMatch>? found)
    {
        // The shortest identifiable key is 44 characters.
        var start = 0;
        while (text.Length - start >= 44 && IdentifiableKeys.TryFind(text, start, out var format, out var offset, out var length))
        {
            Add(ref found, new SecretMatch(SecretShapes.IdentifiableKey, format.Id, format.DisplayName, offset, length, SecretValues.Redact(text, offset, length)));
            start = offset + length;
        }
    }

    private static void FindPemPrivateKeys(string text, ref List<SecretMatch>? found)
    {
        var index = 0;
        while ((index = text.IndexOf("-----BEGIN ", index, StringComparison.Ordinal)) >= 0)
        {
            var headerEnd = text.IndexOf("-----", index + 11, StringComparison.Ordinal);
            if (headerEnd < 0)
            {
                return;
            }

            var label = text.Substring(index + 11, headerEnd - index - 11);
            var bodyStart = headerEnd + 5;
            if (label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && label.Length < 40)
            {
                var endMarker = text.IndexOf("-----END", bodyStart, StringComparison.Ordinal);
                var bodyEnd = endMarker < 0 ? text.Length : endMarker;
                if (CountBase64Characters(text, bodyStart, bodyEnd) >= 64)
                {
                    var end = endMarker < 0 ? text.Length : Math.Min(text.Length, (text.IndexOf("-----", endMarker + 8, StringComparison.Ordinal) is var close and >= 0 ? close + 5 : text.Length));
                    Add(ref found, new SecretMatch(SecretShapes.PemPrivateKey, SecretShapes.PemPrivateKey.Id, SecretShapes.PemPrivateKey.DisplayName, index, end - index, "-----BEGIN " + label + "-----"));
                }
            }

            index = bodyStart;
        }
    }

    private static int CountBase64Characters(string text, int start, int end)
    {
        var count = 0;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (Base64.IsStandardChar(c))
            {
                count++;
            }
            else if (c == '.' || c == '\u2026' || c == SecretValues.RuntimeValueMarker)
            {
                // "MIIE...": an elided sample body.
                return 0;
            }
        }

        return count;
    }

    private static void FindInConnectionString(string text, SecretScanOptions options, ref List<SecretMatch>? found)
    {
        if (text.IndexOf('=') < 0 || !ContainsAny(text, ConnectionStringSecretKeys))
        {
            return;
        }

        var parsed = ConnectionString.Parse(text);
        if (parsed.IsEmpty)
        {
            return;
        }

        // Local endpoints: only an emulator's (published) keys live there, but a local database's password is still a password.
        var local = DevelopmentEmulators.IsEmulatorConnectionString(parsed);
        if (local && ((options & SecretScanOptions.LocalServerPasswords) == 0 || DevelopmentEmulators.UsesPublishedEmulatorCredentials(parsed)))
        {
            return;
        }

        foreach (var shape in SecretShapes.All)
        {
            if (shape.Recognizer != SecretRecognizer.ConnectionStringValue || (local && shape != SecretShapes.ConnectionStringPassword))
            {
                continue;
            }

            foreach (var key in shape.Keys)
            {
                if (!parsed.TryGet(key, out var part)
                    || !HasAnyKey(parsed, shape.ContextKeys, whenEmpty: true)
                    || HasAnyKey(parsed, shape.ExcludedContextKeys, whenEmpty: false)
                    || !ValueQualifies(part.Value, shape.ValueCheck))
                {
                    continue;
                }

                Add(ref found, new SecretMatch(shape, shape.Id, shape.DisplayName, part.ValueStart, part.ValueLength, part.Key + "=" + SecretValues.Redact(part.Value, 0, part.Value.Length)));
            }
        }
    }

    private static bool HasAnyKey(ConnectionString parsed, System.Collections.Immutable.ImmutableArray<string> keys, bool whenEmpty)
    {
        if (keys.IsEmpty)
        {
            return whenEmpty;
        }

        foreach (var key in keys)
        {
            if (parsed.TryGet(key, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ValueQualifies(string value, SecretValueCheck check)
    {
        if (SecretValues.IsPlaceholder(value) || DevelopmentEmulators.IsWellKnownKey(value))
        {
            return false;
        }

        return check switch
        {
            SecretValueCheck.Base64Key => SecretValues.IsRandomBase64(value, 0, value.Length),
            SecretValueCheck.SasSignature => TryFindSasSignature(value, 0, out _, out _),
            _ => true,
        };
    }

    private static void FindRedisPassword(string text, ref List<SecretMatch>? found)
    {
        // StackExchange.Redis: "contoso.redis.cache.windows.net:6380,password=…,ssl=True,abortConnect=False"
        var index = text.IndexOf("password=", StringComparison.OrdinalIgnoreCase);
        if (index < 0 || text.IndexOf(',') < 0 || text.IndexOf(';') >= 0)
        {
            return;
        }

        if (index > 0 && text[index - 1] != ',' && !char.IsWhiteSpace(text[index - 1]))
        {
            return;
        }

        var valueStart = index + "password=".Length;
        var valueEnd = text.IndexOf(',', valueStart);
        if (valueEnd < 0)
        {
            valueEnd = text.Length;
        }

        var value = text.Substring(valueStart, valueEnd - valueStart).Trim();
        if (SecretValues.IsPlaceholder(value))
        {
            return;
        }

        var start = text.IndexOf(value, valueStart, StringComparison.Ordinal);
        Add(ref found, new SecretMatch(SecretShapes.RedisPassword, SecretShapes.RedisPassword.Id, SecretShapes.RedisPassword.DisplayName, start, value.Length, "password=" + SecretValues.Redact(value, 0, value.Length)));
    }

    private static void FindSasTokens(string text, ref List<SecretMatch>? found)
    {
        var from = 0;
        while (TryFindSasSignature(text, from, out var sigStart, out var sigLength))
        {
            Add(ref found, new SecretMatch(SecretShapes.SasToken, SecretShapes.SasToken.Id, SecretShapes.SasToken.DisplayName, sigStart, sigLength, "sig=" + SecretValues.Redact(text, sigStart, sigLength)));
            from = sigStart + sigLength;
        }
    }

    /// <summary>Finds <c>sig=</c> in a query string that also has <c>sv=</c>, <c>se=</c> or <c>sp=</c>; the out values locate the signature value.</summary>
    private static bool TryFindSasSignature(string text, int from, out int start, out int length)
    {
        start = length = 0;
        var index = from;
        while ((index = text.IndexOf("sig=", index, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            var valueStart = index + 4;
            if (IsQueryParameterStart(text, index))
            {
                var end = valueStart;
                while (end < text.Length && !IsQueryTerminator(text[end]))
                {
                    end++;
                }

                if (HasSasCompanion(text, index) && IsSignatureValue(text, valueStart, end))
                {
                    start = valueStart;
                    length = end - valueStart;
                    return true;
                }
            }

            index = valueStart;
        }

        return false;
    }

    private static bool IsQueryParameterStart(string text, int index)
        => index == 0 || text[index - 1] is '?' or '&' or ';' or '=' or ' ' or '"' or '\'';

    private static bool IsQueryTerminator(char c)
        => c is '&' or ';' or '"' or '\'' or '<' or '>' or ',' || char.IsWhiteSpace(c) || c == SecretValues.RuntimeValueMarker;

    private static bool HasSasCompanion(string text, int sigIndex)
    {
        // Look in the query around the signature (bounded by whitespace or quotes).
        var begin = sigIndex;
        while (begin > 0 && !char.IsWhiteSpace(text[begin - 1]) && text[begin - 1] is not ('"' or '\''))
        {
            begin--;
        }

        var end = sigIndex;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('"' or '\''))
        {
            end++;
        }

        foreach (var companion in new[] { "sv=", "se=", "sp=" })
        {
            var at = begin;
            while ((at = text.IndexOf(companion, at, end - at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                if (IsQueryParameterStart(text, at))
                {
                    return true;
                }

                at += companion.Length;
            }
        }

        return false;
    }

    /// <summary>An HMAC-SHA256 in base64, possibly URL-encoded: at least 20 key characters and nothing else.</summary>
    private static bool IsSignatureValue(string text, int start, int end)
    {
        var characters = 0;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c == '%' && i + 2 < end)
            {
                i += 2;
                characters++;
            }
            else if (Base64.IsStandardChar(c) || c is '=' or '-' or '_')
            {
                characters++;
            }
            else
            {
                return false;
            }
        }

        return characters >= 20 && !SecretValues.IsPlaceholder(text.Substring(start, end - start)) && SecretValues.Entropy(text, start, end - start) >= 3.5;
    }

    private static void FindEntraClientSecrets(string text, ref List<SecretMatch>? found)
    {
        // "abc8Q~" + 34 characters (current) or "abc7Q~" + 31 (older); the alphabet is [A-Za-z0-9._~-].
        var index = 0;
        while ((index = text.IndexOf("Q~", index, StringComparison.Ordinal)) >= 0)
        {
            var begin = index - 4;
            if (begin >= 0 && text[index - 1] is '7' or '8' && (begin == 0 || !IsEntraChar(text[begin - 1])))
            {
                var end = index + 2;
                while (end < text.Length && IsEntraChar(text[end]))
                {
                    end++;
                }

                var length = end - begin;
                if (length >= 34 && length <= 40 && AllEntraChars(text, begin, 4) && SecretValues.Entropy(text, begin, length) >= 4.0)
                {
                    Add(ref found, new SecretMatch(SecretShapes.EntraClientSecret, SecretShapes.EntraClientSecret.Id, SecretShapes.EntraClientSecret.DisplayName, begin, length, SecretValues.Redact(text, begin, length)));
                }
            }

            index += 2;
        }
    }

    private static bool AllEntraChars(string text, int start, int length)
    {
        for (var i = start; i < start + length; i++)
        {
            if (!IsEntraChar(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsEntraChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '_' or '~' or '-';

    private static void FindBareKey(string text, ref List<SecretMatch>? found)
    {
        var value = text.Trim();
        if (SecretValues.IsPlaceholder(value) || DevelopmentEmulators.IsWellKnownKey(value))
        {
            return;
        }

        var start = text.IndexOf(value, StringComparison.Ordinal);
        foreach (var shape in new[] { SecretShapes.BareAccountKey, SecretShapes.BareSharedKey })
        {
            if (value.Length == (shape.KeyBytes + 2) / 3 * 4
                && Base64.TryDecode(value, 0, value.Length, urlSafe: false) is { } bytes
                && bytes.Length == shape.KeyBytes
                && SecretValues.IsRandomBase64(value, 0, value.Length, minLength: 40))
            {
                Add(ref found, new SecretMatch(shape, shape.Id, shape.DisplayName, start, value.Length, SecretValues.Redact(value, 0, value.Length)));
                return;
            }
        }
    }

    private static bool ContainsAny(string text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}

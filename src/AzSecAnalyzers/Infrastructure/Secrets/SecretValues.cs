namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>Judgements on a candidate secret value: placeholder, runtime-built, random-looking.</summary>
internal static class SecretValues
{
    /// <summary>
    /// Stands for a part of a string that is only known at run time (an interpolation hole that is not a
    /// constant). A value containing it is built from runtime data and is never reported.
    /// </summary>
    public const char RuntimeValueMarker = '\u0001';

    /// <summary>
    /// True for values that are obviously not a real secret: empty, <c>&lt;…&gt;</c>, <c>{…}</c>, <c>${…}</c>,
    /// <c>$(…)</c>, <c>%…%</c>, <c>#{…}#</c>, <c>__…__</c>, <c>your-…</c>, <c>xxx…</c>, <c>***</c>, <c>…</c>,
    /// <c>TODO</c>, <c>REPLACE…</c>, <c>placeholder</c>, a Key Vault reference, one repeated character, an unclosed
    /// <c>&lt;name</c>, an elision starting with <c>..</c>, or a value built from runtime data. <c>changeme</c> is NOT a placeholder: it is a weak real password.
    /// </summary>
    public static bool IsPlaceholder(string? value)
    {
        if (value is null)
        {
            return true;
        }

        var text = value.Trim().Trim('"', '\'');
        if (text.Length == 0 || text.IndexOf(RuntimeValueMarker) >= 0)
        {
            return true;
        }

        var first = text[0];
        var last = text[text.Length - 1];
        if ((first == '<' && last == '>') || (first == '{' && last == '}') || (first == '[' && last == ']')
            || (first == '%' && last == '%' && text.Length > 2)
            || text.StartsWith("${", StringComparison.Ordinal) || text.StartsWith("$(", StringComparison.Ordinal)
            || text.StartsWith("#{", StringComparison.Ordinal) || text.StartsWith("{{", StringComparison.Ordinal)
            || (text.StartsWith("__", StringComparison.Ordinal) && text.EndsWith("__", StringComparison.Ordinal))
            || text.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // An unclosed angle-bracket name ("<storage-account-key", "account-key>") and an elision ("..", ".. see docs").
        if (IsUnclosedAngleName(text) || text.StartsWith("..", StringComparison.Ordinal))
        {
            return true;
        }

        if (text.StartsWith("your", StringComparison.OrdinalIgnoreCase)
            || HasWordMarker(text, "xxx")
            || text.IndexOf("***", StringComparison.Ordinal) >= 0
            || text.IndexOf("...", StringComparison.Ordinal) >= 0
            || text.IndexOf('\u2026') >= 0
            || HasWordMarker(text, "TODO")
            || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase)
            || text.IndexOf("_REPLACE", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("-REPLACE", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("placeholder", StringComparison.OrdinalIgnoreCase) >= 0
            || text.IndexOf("redacted", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return true;
        }

        return IsOneRepeatedCharacter(text);
    }

    /// <summary>
    /// <c>xxx</c> and <c>TODO</c> mark a placeholder (<c>sk-xxxxxxxx</c>, <c>TODO: set</c>) unless they are three or four
    /// letters inside random key material: about one real storage key in 400 contains <c>xxx</c> in some case.
    /// The value is judged as a whole: a marker at its start always counts, one inside a long high-entropy token
    /// does not. (<c>...</c>, <c>…</c> and <c>***</c> are not base64 characters, so no key holds them.)
    /// </summary>
    private static bool HasWordMarker(string text, string marker)
        => text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0
           && (text.StartsWith(marker, StringComparison.OrdinalIgnoreCase) || !IsHighEntropyToken(text));

    /// <summary>Shannon entropy of the characters, in bits per character.</summary>
    public static double Entropy(string text, int start, int length)
    {
        if (length <= 0)
        {
            return 0;
        }

        // Secrets are ASCII; anything else shares one bucket.
        var counts = new int[128];
        for (var i = start; i < start + length; i++)
        {
            counts[Math.Min(text[i], (char)127)]++;
        }

        double entropy = 0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / length;
                entropy -= p * Math.Log(p, 2);
            }
        }

        return entropy;
    }

    /// <summary>
    /// True when the span looks like a random base64 key: base64 characters only (either alphabet,
    /// padding at the end), at least <paramref name="minLength"/> of them, mixed character classes and
    /// enough entropy that it is not <c>AAAA…</c> or <c>abcabc…</c>.
    /// </summary>
    public static bool IsRandomBase64(string text, int start, int length, int minLength = 20)
    {
        var end = start + length;
        while (end > start && text[end - 1] == '=')
        {
            end--;
        }

        if (end - start < minLength || start + length - end > 2)
        {
            return false;
        }

        bool upper = false, lower = false, digit = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (c >= 'A' && c <= 'Z')
            {
                upper = true;
            }
            else if (c >= 'a' && c <= 'z')
            {
                lower = true;
            }
            else if (c >= '0' && c <= '9')
            {
                digit = true;
            }
            else if (c is not ('+' or '/' or '-' or '_'))
            {
                return false;
            }
        }

        var classes = (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
        return classes >= 2 && Entropy(text, start, end - start) >= 3.5;
    }

    /// <summary>
    /// True for a long random-looking token (an API key, a GUID, a hex or base64 key): 16 or more characters
    /// without whitespace, letters and at least two digits, and the entropy of random text. Key names such as
    /// <c>AzureWebJobsStorage</c> or <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> have no digits and are not tokens.
    /// </summary>
    public static bool IsHighEntropyToken(string text)
    {
        if (text.Length < 16)
        {
            return false;
        }

        int letters = 0, digits = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                return false;
            }

            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
            }
        }

        return letters > 0 && digits >= 2 && Entropy(text, 0, text.Length) >= 3.5;
    }

    /// <summary>A redacted preview: the first four characters of a long secret, nothing of a short one.</summary>
    public static string Redact(string text, int start, int length)
        => length >= 20 ? text.Substring(start, 4) + "\u2026" : "\u2026";

    /// <summary><c>&lt;storage-account-key</c> or <c>storage-account-key&gt;</c>: a name in half a pair of angle brackets.</summary>
    private static bool IsUnclosedAngleName(string text)
    {
        var opened = text[0] == '<';
        if (opened == (text[text.Length - 1] == '>') || text.Length < 3)
        {
            return false;
        }

        var hasLetter = false;
        for (var i = opened ? 1 : 0; i < (opened ? text.Length : text.Length - 1); i++)
        {
            var c = text[i];
            if (char.IsLetter(c))
            {
                hasLetter = true;
            }
            else if (!char.IsDigit(c) && c is not ('-' or '_' or ' ' or '.'))
            {
                return false;
            }
        }

        return hasLetter;
    }

    private static bool IsOneRepeatedCharacter(string text)
    {
        for (var i = 1; i < text.Length; i++)
        {
            if (text[i] != text[0])
            {
                return false;
            }
        }

        return text.Length > 1;
    }
}

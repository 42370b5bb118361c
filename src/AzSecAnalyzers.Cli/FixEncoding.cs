using System.Text;
using System.Text.Unicode;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// The bytes <c>--fix</c> writes for a fixed document, in the file's own encoding. A UTF-8 (with or without a
/// byte order mark), UTF-16 or UTF-32 file is rewritten whole in that encoding, which round-trips. Any other
/// file (a legacy code page such as Windows-1252) is patched in place: the bytes outside the changed spans are
/// copied as they are, and a change is applied only if it is plain ASCII and starts and ends on bytes that map
/// one-to-one onto the text the compiler saw; otherwise the file is not written and the caller says why.
/// </summary>
internal static class FixEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The new content of <paramref name="path"/>, or why it cannot be written.</summary>
    public static async Task<(byte[]? Bytes, string? Refusal)> EncodeAsync(string path, Document before, Document after, CancellationToken cancellationToken)
    {
        byte[] original;
        try
        {
            original = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, "cannot read it: " + e.Message);
        }

        var beforeText = (await before.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
        var afterText = await after.GetTextAsync(cancellationToken).ConfigureAwait(false);
        if (Unicode(original) is { } unicode)
        {
            var (encoding, preamble) = unicode;
            if (!string.Equals(encoding.GetString(original, preamble, original.Length - preamble), beforeText, StringComparison.Ordinal))
            {
                return (null, "it changed on disk after azsec read it");
            }

            try
            {
                return (original[..preamble].Concat(encoding.GetBytes(afterText.ToString())).ToArray(), null);
            }
            catch (EncoderFallbackException)
            {
                return (null, $"the fixed text cannot be written in its encoding ({encoding.WebName})");
            }
        }

        var map = ByteMap(original, beforeText);
        if (map is null)
        {
            return (null, "it is not UTF-8 and its encoding is unknown, so it is left as it is (convert it to UTF-8 to fix it with azsec)");
        }

        var changes = await after.GetTextChangesAsync(before, cancellationToken).ConfigureAwait(false);
        var patched = new List<byte>(original.Length + 256);
        var copied = 0;
        foreach (var change in changes.Select(c => Trim(c, beforeText)).Where(c => c.Span.Length > 0 || c.NewText!.Length > 0).OrderBy(c => c.Span.Start))
        {
            var start = map[change.Span.Start];
            var end = map[change.Span.End];
            if (start < 0 || end < 0 || start < copied || change.NewText!.Any(c => c > 0x7F))
            {
                return (null, "it is not UTF-8 (a legacy code page?) and the fix would change text azsec cannot map back to its bytes, so it is left as it is (convert it to UTF-8 to fix it with azsec)");
            }

            patched.AddRange(original.AsSpan(copied, start - copied).ToArray());
            patched.AddRange(change.NewText!.Select(c => (byte)c));
            copied = end;
        }

        patched.AddRange(original.AsSpan(copied).ToArray());
        return (patched.ToArray(), null);
    }

    /// <summary>The encoding and preamble length of a file the compiler reads losslessly, or <c>null</c>.</summary>
    private static (Encoding Encoding, int Preamble)? Unicode(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith((ReadOnlySpan<byte>)new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            return (StrictUtf8, 3);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)new byte[] { 0xFF, 0xFE, 0, 0 }))
        {
            return (new UTF32Encoding(bigEndian: false, byteOrderMark: true, throwOnInvalidCharacters: true), 4);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)new byte[] { 0xFF, 0xFE }))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: true, throwOnInvalidBytes: true), 2);
        }

        if (b.StartsWith((ReadOnlySpan<byte>)new byte[] { 0xFE, 0xFF }))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: true, throwOnInvalidBytes: true), 2);
        }

        return Utf8.IsValid(b) ? (StrictUtf8, 0) : null;
    }

    /// <summary>
    /// For each position in <paramref name="text"/>, the byte offset it starts at, or -1 inside a run of
    /// non-ASCII bytes; <c>null</c> when no known decoding of the bytes gives the text the compiler saw.
    /// ASCII bytes are single characters in every decoding tried, so runs of other bytes decode independently.
    /// </summary>
    private static int[]? ByteMap(byte[] bytes, string text)
    {
        foreach (var decoding in LegacyDecodings())
        {
            var map = new int[text.Length + 1];
            var c = 0;
            var i = 0;
            while (i < bytes.Length && c <= text.Length)
            {
                if (bytes[i] < 0x80)
                {
                    if (c >= text.Length || text[c] != (char)bytes[i])
                    {
                        break;
                    }

                    map[c++] = i++;
                    continue;
                }

                var j = i;
                while (j < bytes.Length && bytes[j] >= 0x80)
                {
                    j++;
                }

                var run = decoding.GetString(bytes, i, j - i);
                if (c + run.Length > text.Length || !text.AsSpan(c, run.Length).SequenceEqual(run))
                {
                    break;
                }

                map[c] = i;
                for (var k = 1; k < run.Length; k++)
                {
                    map[c + k] = -1;
                }

                c += run.Length;
                i = j;
            }

            if (i == bytes.Length && c == text.Length)
            {
                map[c] = i;
                return map;
            }
        }

        return null;
    }

    /// <summary>The decodings Roslyn falls back to for a file that is not UTF-8.</summary>
    private static IEnumerable<Encoding> LegacyDecodings()
    {
        yield return Encoding.UTF8; // invalid bytes become U+FFFD
        if (CodePagesEncodingProvider.Instance.GetEncoding(1252) is { } windows1252)
        {
            yield return windows1252;
        }

        yield return Encoding.Latin1;
    }

    /// <summary>A change narrowed to the characters that really differ.</summary>
    private static TextChange Trim(TextChange change, string before)
    {
        var oldText = before.AsSpan(change.Span.Start, change.Span.Length);
        var newText = change.NewText ?? string.Empty;
        var prefix = oldText.CommonPrefixLength(newText);
        var suffix = oldText[prefix..].EndsWithLength(newText.AsSpan(prefix));
        return new TextChange(
            new TextSpan(change.Span.Start + prefix, change.Span.Length - prefix - suffix),
            newText.Substring(prefix, newText.Length - prefix - suffix));
    }

    private static int EndsWithLength(this ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        var n = 0;
        while (n < a.Length && n < b.Length && a[a.Length - 1 - n] == b[b.Length - 1 - n])
        {
            n++;
        }

        return n;
    }
}

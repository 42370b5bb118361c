namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>Base64 helpers that never throw.</summary>
internal static class Base64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public static bool IsStandardChar(char c)
        => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '+' or '/';

    /// <summary>Decodes <paramref name="length"/> characters (padding optional) or returns null when they are not base64.</summary>
    public static byte[]? TryDecode(string text, int start, int length, bool urlSafe)
    {
        var unpadded = length;
        while (unpadded > 0 && text[start + unpadded - 1] == '=')
        {
            unpadded--;
        }

        if (unpadded % 4 == 1 || length - unpadded > 2)
        {
            return null;
        }

        var bytes = new byte[unpadded * 3 / 4];
        int buffer = 0, bits = 0, written = 0;
        for (var i = 0; i < unpadded; i++)
        {
            var value = ValueOf(text[start + i], urlSafe);
            if (value < 0)
            {
                return null;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                if (written < bytes.Length)
                {
                    bytes[written++] = (byte)(buffer >> bits);
                }

                buffer &= (1 << bits) - 1;
            }
        }

        return written == bytes.Length ? bytes : null;
    }

    /// <summary>The 4 characters that encode 3 bytes.</summary>
    public static string Encode3(int b0, int b1, int b2)
    {
        var triple = (b0 << 16) | (b1 << 8) | b2;
        return new string(new[] { Alphabet[(triple >> 18) & 63], Alphabet[(triple >> 12) & 63], Alphabet[(triple >> 6) & 63], Alphabet[triple & 63] });
    }

    private static int ValueOf(char c, bool urlSafe)
    {
        if (c >= 'A' && c <= 'Z')
        {
            return c - 'A';
        }

        if (c >= 'a' && c <= 'z')
        {
            return c - 'a' + 26;
        }

        if (c >= '0' && c <= '9')
        {
            return c - '0' + 52;
        }

        return (c, urlSafe) switch
        {
            ('+', false) or ('-', true) => 62,
            ('/', false) or ('_', true) => 63,
            _ => -1,
        };
    }
}

/// <summary>
/// The base62 form of a Marvin32 checksum that newer identifiable keys carry instead of its raw bytes: the four
/// checksum bytes (in memory order) read as one big-endian number in the alphabet <c>0-9A-Za-z</c>, a <c>0</c> for
/// each leading zero byte, padded with <c>0</c> to six characters; as the key stores it, the sixth character keeps
/// only the two high bits of its base64 value (six characters hold 36 bits, the key decodes 32).
/// </summary>
internal static class Base62Checksum
{
    private const string Digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>The six characters a key ends with (before any padding) for <paramref name="checksum"/>.</summary>
    public static string Encode(int checksum)
    {
        var bytes = (uint)checksum;
        var number = ((bytes & 0xFF) << 24) | (((bytes >> 8) & 0xFF) << 16) | (((bytes >> 16) & 0xFF) << 8) | (bytes >> 24);
        var leadingZeroBytes = 0;
        for (var shift = 24; shift >= 8 && ((number >> shift) & 0xFF) == 0; shift -= 8)
        {
            leadingZeroBytes++;
        }

        var digits = new char[13];
        var count = 0;
        do
        {
            digits[count++] = Digits[(int)(number % 62)];
            number /= 62;
        }
        while (number > 0);

        var text = new char[6];
        var length = 0;
        for (var i = 0; i < leadingZeroBytes && length < 6; i++)
        {
            text[length++] = '0';
        }

        for (var i = count - 1; i >= 0 && length < 6; i--)
        {
            text[length++] = digits[i];
        }

        while (length < 6)
        {
            text[length++] = '0';
        }

        text[5] = Base64Alphabet[Base64Alphabet.IndexOf(text[5]) & 0x30];
        return new string(text);
    }
}

/// <summary>The Marvin32 hash (the checksum of Microsoft identifiable keys).</summary>
internal static class Marvin
{
    public static long ComputeHash(byte[] data, int offset, int count, ulong seed)
    {
        Compute(data, offset, count, seed, out var p0, out var p1);
        return (long)(((ulong)p1 << 32) | p0);
    }

    public static int ComputeHash32(byte[] data, int offset, int count, ulong seed)
    {
        Compute(data, offset, count, seed, out var p0, out var p1);
        return (int)(p0 ^ p1);
    }

    private static void Compute(byte[] data, int offset, int count, ulong seed, out uint p0, out uint p1)
    {
        p0 = (uint)seed;
        p1 = (uint)(seed >> 32);
        var i = offset;
        var end = offset + count;
        for (; end - i >= 4; i += 4)
        {
            p0 += (uint)(data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
            Block(ref p0, ref p1);
        }

        uint final = (end - i) switch
        {
            0 => 0x80u,
            1 => 0x8000u | data[i],
            2 => 0x800000u | data[i] | ((uint)data[i + 1] << 8),
            _ => 0x80000000u | data[i] | ((uint)data[i + 1] << 8) | ((uint)data[i + 2] << 16),
        };

        p0 += final;
        Block(ref p0, ref p1);
        Block(ref p0, ref p1);
    }

    private static void Block(ref uint p0, ref uint p1)
    {
        p1 ^= p0;
        p0 = RotateLeft(p0, 20);
        p0 += p1;
        p1 = RotateLeft(p1, 9);
        p1 ^= p0;
        p0 = RotateLeft(p0, 27);
        p0 += p1;
        p1 = RotateLeft(p1, 19);
    }

    private static uint RotateLeft(uint value, int shift) => (value << shift) | (value >> (32 - shift));
}

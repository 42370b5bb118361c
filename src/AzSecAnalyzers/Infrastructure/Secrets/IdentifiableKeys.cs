namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>One Microsoft identifiable key format: a fixed 4-character signature right before a checksum.</summary>
internal sealed class IdentifiableKeyFormat
{
    public IdentifiableKeyFormat(string id, string displayName, string signature, bool urlSafe, params ulong[] checksumSeeds)
    {
        Id = id;
        DisplayName = displayName;
        Signature = signature;
        UrlSafe = urlSafe;
        ChecksumSeeds = ImmutableArray.Create(checksumSeeds);
    }

    public string Id { get; }

    public string DisplayName { get; }

    public string Signature { get; }

    /// <summary>Encoded with the URL-safe base64 alphabet (<c>-</c>, <c>_</c>) and usually without padding.</summary>
    public bool UrlSafe { get; }

    /// <summary>Marvin32 seeds, one per key class of the service (read, write, admin, …); the key is valid for any.</summary>
    public ImmutableArray<ulong> ChecksumSeeds { get; }
}

/// <summary>
/// Microsoft's identifiable key formats. Each key is base64 whose decoded bytes end with a 3-byte
/// signature and a 4-byte Marvin32 checksum of everything before it; encoded, the signature shows as
/// 4 fixed characters followed by 6 checksum characters (then padding). A candidate counts only
/// when the checksum verifies, which makes a false positive practically impossible.
/// The Azure AI services keys use the "common annotated security key" layout instead
/// (<c>JQQJ99</c> at a fixed offset of an 84-character key, 3-byte checksum at the end).
/// </summary>
internal static class IdentifiableKeys
{
    // Seeds are the ASCII bytes of 8-character labels ("Default0", "Send0000", ...) read as a big-endian ulong.
    private const ulong Default0 = 0x44656661756c7430;

    public static readonly ImmutableArray<IdentifiableKeyFormat> All = ImmutableArray.Create(
        new IdentifiableKeyFormat("StorageIdentifiableKey", "Azure Storage account key", "+ASt", false, Default0),
        new IdentifiableKeyFormat("CosmosIdentifiableKey", "Azure Cosmos DB key", "ACDb", false,
            0x4d617374524f3030, 0x4d61737452573030, 0x537973416c6c3030, 0x5265736f75723030, 0x53797374524f3030, 0x5379737452573030),
        new IdentifiableKeyFormat("ServiceBusIdentifiableKey", "Azure Service Bus key", "+ASb", false, MessagingSeeds()),
        new IdentifiableKeyFormat("EventHubsIdentifiableKey", "Azure Event Hubs key", "+AEh", false, MessagingSeeds()),
        new IdentifiableKeyFormat("RelayIdentifiableKey", "Azure Relay key", "+ARm", false, MessagingSeeds()),
        new IdentifiableKeyFormat("FunctionIdentifiableKey", "Azure Functions key", "AzFu", true, 0x46756e6374693030, 0x53797374656d3030, 0x4d61737465723030),
        new IdentifiableKeyFormat("ApimIdentifiableKey", "Azure API Management key", "APIM", false,
            0x54656e616e743030, 0x496f544875623030, 0x4761746577793030, 0x4769744b65793030),
        new IdentifiableKeyFormat("SearchIdentifiableKey", "Azure AI Search key", "AzSe", false, 0x5175657279303030, 0x5041646d696e3030),
        new IdentifiableKeyFormat("ContainerRegistryIdentifiableKey", "Azure Container Registry key", "+ACR", false, 0x41435244666c7430),
        new IdentifiableKeyFormat("RedisIdentifiableKey", "Azure Cache for Redis key", "AzCa", false, 0x4163636573733030),
        new IdentifiableKeyFormat("BatchIdentifiableKey", "Azure Batch key", "+ABa", false, 0x4162416363743030));

    /// <summary>The Azure AI services / Azure OpenAI key layout (common annotated security key).</summary>
    public static readonly IdentifiableKeyFormat AzureAIServicesKey = new("AzureAIServicesKey", "Azure AI services / Azure OpenAI key", "JQQJ9", false, Default0);

    private const int CaskLength = 84;
    private const int CaskSignatureOffset = 52;

    private static ulong[] MessagingSeeds() => new ulong[] { 0x53656e6430303030, 0x4c697374656e3030, 0x4d616e6167653030, 0x53797374656d3030 };

    /// <summary>
    /// Looks for a checksum-valid identifiable key in <paramref name="text"/> from <paramref name="start"/>;
    /// returns its format, offset and length.
    /// </summary>
    public static bool TryFind(string text, int start, out IdentifiableKeyFormat format, out int offset, out int length)
    {
        foreach (var candidate in All)
        {
            var index = start;
            while ((index = text.IndexOf(candidate.Signature, index, StringComparison.Ordinal)) >= 0)
            {
                if (TryValidateAround(text, index, candidate, out offset, out length))
                {
                    format = candidate;
                    return true;
                }

                index++;
            }
        }

        var cask = start;
        while ((cask = text.IndexOf("JQQJ9", cask, StringComparison.Ordinal)) >= 0)
        {
            if (TryValidateCask(text, cask, out offset))
            {
                format = AzureAIServicesKey;
                length = CaskLength;
                return true;
            }

            cask++;
        }

        format = null!;
        offset = length = 0;
        return false;
    }

    /// <summary>True when the whole of <paramref name="token"/> is a checksum-valid key of <paramref name="format"/>.</summary>
    public static bool IsValid(string token, IdentifiableKeyFormat format)
        => ReferenceEquals(format, AzureAIServicesKey)
            ? token.Length == CaskLength && TryValidateCask(token, CaskSignatureOffset, out _)
            : TryValidateAround(token, token.Length - 10 - CountPadding(token), format, out var offset, out var length) && offset == 0 && length == token.Length;

    private static int CountPadding(string token)
    {
        var count = 0;
        for (var i = token.Length - 1; i >= 0 && token[i] == '='; i--)
        {
            count++;
        }

        return count;
    }

    private static bool TryValidateAround(string text, int signatureIndex, IdentifiableKeyFormat format, out int offset, out int length)
    {
        offset = length = 0;
        if (signatureIndex < 0)
        {
            return false;
        }

        // The token runs from the first key character before the signature to the end of its padding.
        var begin = signatureIndex;
        while (begin > 0 && IsKeyChar(text[begin - 1], format.UrlSafe))
        {
            begin--;
        }

        var end = signatureIndex + format.Signature.Length;
        while (end < text.Length && IsKeyChar(text[end], format.UrlSafe))
        {
            end++;
        }

        // Exactly six checksum characters follow the signature.
        if (end - (signatureIndex + format.Signature.Length) != 6)
        {
            return false;
        }

        var padded = end;
        while (padded < text.Length && padded - end < 2 && text[padded] == '=')
        {
            padded++;
        }

        var bodyLength = end - begin;
        if (bodyLength < 30)
        {
            return false;
        }

        var bytes = Base64.TryDecode(text, begin, bodyLength, format.UrlSafe);
        if (bytes is null || bytes.Length < 24 || !ChecksumMatches(bytes, format))
        {
            return false;
        }

        offset = begin;
        length = padded - begin;
        return true;
    }

    private static bool ChecksumMatches(byte[] bytes, IdentifiableKeyFormat format)
    {
        var n = bytes.Length;
        var expected = bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24);
        foreach (var seed in format.ChecksumSeeds)
        {
            if (Marvin.ComputeHash32(bytes, 0, n - 4, seed) == expected)
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryValidateCask(string text, int signatureIndex, out int offset)
    {
        offset = signatureIndex - CaskSignatureOffset;
        if (offset < 0 || offset + CaskLength > text.Length
            || (offset > 0 && Base64.IsStandardChar(text[offset - 1]))
            || (offset + CaskLength < text.Length && Base64.IsStandardChar(text[offset + CaskLength])))
        {
            return false;
        }

        var signatureVariant = text[signatureIndex + 5];
        if (signatureVariant != '9' && signatureVariant != 'D')
        {
            return false;
        }

        for (var i = offset; i < offset + CaskLength; i++)
        {
            if (!IsAlphanumeric(text[i]))
            {
                return false;
            }
        }

        var bytes = Base64.TryDecode(text, offset, CaskLength - 4, urlSafe: false);
        if (bytes is null)
        {
            return false;
        }

        var checksum = Marvin.ComputeHash32(bytes, 0, bytes.Length, Default0);
        var expected = Base64.Encode3(checksum & 0xFF, (checksum >> 8) & 0xFF, (checksum >> 16) & 0xFF);
        return string.CompareOrdinal(text, offset + CaskLength - 4, expected, 0, 4) == 0;
    }

    private static bool IsKeyChar(char c, bool urlSafe)
        => IsAlphanumeric(c) || (urlSafe ? c is '-' or '_' : c is '+' or '/');

    private static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}

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

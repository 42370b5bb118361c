namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>One Microsoft identifiable key kind: a fixed 4-character signature right before a checksum, and the seeds that make its checksum.</summary>
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

    /// <summary>Marvin32 seeds of this kind (one per key class of the service, e.g. read and read-write); the key is valid for any.</summary>
    public ImmutableArray<ulong> ChecksumSeeds { get; }
}

/// <summary>
/// Microsoft's identifiable key formats, with every checksum form Microsoft's reference implementation
/// (microsoft/security-utilities) accepts. A key is base64 whose decoded bytes end with a 3-byte signature and a
/// 4-byte Marvin32 checksum of everything before it; encoded, the signature shows as 4 fixed characters followed by
/// 6 checksum characters (then padding). The checksum is either the raw 4 bytes, or, in the 84- and 88-character
/// forms the portals issue today, its base62 text (<see cref="Base62Checksum"/>). Services sharing a signature are
/// told apart by the checksum seed, so each kind is its own row. A candidate counts only when its checksum verifies,
/// which makes a false positive practically impossible. The common annotated security key layout
/// (<c>JQQJ9</c>, <see cref="CommonAnnotatedKeys"/>) is searched too.
/// </summary>
internal static class IdentifiableKeys
{
    // Seeds are the ASCII bytes of 8-character labels ("Default0", "Send0000", ...) read as a big-endian ulong.
    internal const ulong Default0 = 0x44656661756c7430;

    private static readonly ulong[] MessagingSeeds = { 0x53656e6430303030, 0x4c697374656e3030, 0x4d616e6167653030, 0x53797374656d3030 };

    public static readonly ImmutableArray<IdentifiableKeyFormat> All = ImmutableArray.Create(
        new IdentifiableKeyFormat("StorageIdentifiableKey", "Azure Storage account key", "+ASt", false, Default0),
        new IdentifiableKeyFormat("CosmosIdentifiableKey", "Azure Cosmos DB key", "ACDb", false,
            0x4d617374524f3030, 0x4d61737452573030, 0x537973416c6c3030, 0x5265736f75723030, 0x53797374524f3030, 0x5379737452573030, 0x456e637279703030),
        new IdentifiableKeyFormat("ServiceBusIdentifiableKey", "Azure Service Bus key", "+ASb", false, MessagingSeeds),
        new IdentifiableKeyFormat("EventHubsIdentifiableKey", "Azure Event Hubs key", "+AEh", false, MessagingSeeds),
        new IdentifiableKeyFormat("RelayIdentifiableKey", "Azure Relay key", "+ARm", false, MessagingSeeds),
        new IdentifiableKeyFormat("EventGridIdentifiableKey", "Azure Event Grid access key", "AZEG", false, 0x53656e6452656376),
        new IdentifiableKeyFormat("FunctionIdentifiableKey", "Azure Functions key", "AzFu", true, 0x46756e6374693030, 0x53797374656d3030, 0x4d61737465723030),
        new IdentifiableKeyFormat("ApimDirectManagementIdentifiableKey", "Azure API Management direct management key", "APIM", false, 0x54656e616e743030),
        new IdentifiableKeyFormat("ApimSubscriptionIdentifiableKey", "Azure API Management subscription key", "APIM", false, 0x496f544875623030),
        new IdentifiableKeyFormat("ApimGatewayIdentifiableKey", "Azure API Management gateway key", "APIM", false, 0x4761746577793030),
        new IdentifiableKeyFormat("ApimRepositoryIdentifiableKey", "Azure API Management repository key", "APIM", false, 0x4769744b65793030),
        new IdentifiableKeyFormat("SearchQueryIdentifiableKey", "Azure AI Search query key", "AzSe", false, 0x5175657279303030),
        new IdentifiableKeyFormat("SearchAdminIdentifiableKey", "Azure AI Search admin key", "AzSe", false, 0x5041646d696e3030),
        new IdentifiableKeyFormat("ContainerRegistryIdentifiableKey", "Azure Container Registry key", "+ACR", false, 0x41435244666c7430),
        new IdentifiableKeyFormat("RedisIdentifiableKey", "Azure Cache for Redis key", "AzCa", false, 0x4163636573733030),
        new IdentifiableKeyFormat("BatchIdentifiableKey", "Azure Batch key", "+ABa", false, 0x4162416363743030),
        new IdentifiableKeyFormat("IotHubIdentifiableKey", "Azure IoT Hub key", "AIoT", false, 0x496f544875623030),
        new IdentifiableKeyFormat("IotDeviceProvisioningIdentifiableKey", "Azure IoT Hub Device Provisioning Service key", "AIoT", false, 0x4470734b65793030),
        new IdentifiableKeyFormat("IotDeviceIdentifiableKey", "Azure IoT device key", "AIoT", false, 0x4465766963653030),
        new IdentifiableKeyFormat("MachineLearningClassicIdentifiableKey", "Azure Machine Learning web service (classic) key", "+AMC", false, 0x436c617373696330),
        new IdentifiableKeyFormat("SqlIdentifiableKey", "Azure SQL identifiable password", "+SQL", false, 0x5573725077643030));

    /// <summary>
    /// Looks for a checksum-valid identifiable key in <paramref name="text"/> from <paramref name="start"/>; the one at
    /// the lowest offset wins. Returns its kind, offset and length.
    /// </summary>
    public static bool TryFind(string text, int start, out IdentifiableKeyFormat format, out int offset, out int length)
    {
        format = null!;
        offset = length = 0;
        var best = int.MaxValue;
        foreach (var candidate in All)
        {
            var index = start;
            while ((index = text.IndexOf(candidate.Signature, index, StringComparison.Ordinal)) >= 0)
            {
                if (TryValidateAround(text, index, candidate, out var found, out var foundLength))
                {
                    if (found < best)
                    {
                        best = found;
                        format = candidate;
                        offset = found;
                        length = foundLength;
                    }

                    break;
                }

                index++;
            }
        }

        if (CommonAnnotatedKeys.TryFind(text, start, out var cask, out var caskOffset, out var caskLength) && caskOffset < best)
        {
            format = cask;
            offset = caskOffset;
            length = caskLength;
            return true;
        }

        return best != int.MaxValue;
    }

    /// <summary>True when the whole of <paramref name="token"/> is a checksum-valid key of <paramref name="format"/>.</summary>
    public static bool IsValid(string token, IdentifiableKeyFormat format)
    {
        if (CommonAnnotatedKeys.IsCommonAnnotatedFormat(format))
        {
            return CommonAnnotatedKeys.TryFind(token, 0, out var found, out var offset, out var length)
                && ReferenceEquals(found, format) && offset == 0 && length == token.Length;
        }

        return TryValidateAround(token, token.Length - 10 - CountPadding(token), format, out var start, out var keyLength) && start == 0 && keyLength == token.Length;
    }

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
        if (bytes is null || bytes.Length < 24 || !ChecksumMatches(text, end, padded - begin, bytes, format))
        {
            return false;
        }

        offset = begin;
        length = padded - begin;
        return true;
    }

    private static bool ChecksumMatches(string text, int end, int encodedLength, byte[] bytes, IdentifiableKeyFormat format)
    {
        var n = bytes.Length;
        var expected = bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24);

        // The base62 text of the checksum stands in the key's last characters in the 84- and 88-character forms.
        var base62Characters = encodedLength switch
        {
            88 => 6,
            84 => 4,
            _ => 0,
        };

        foreach (var seed in format.ChecksumSeeds)
        {
            var checksum = Marvin.ComputeHash32(bytes, 0, n - 4, seed);
            if (checksum == expected
                || (base62Characters > 0 && string.CompareOrdinal(text, end - base62Characters, Base62Checksum.Encode(checksum), 0, base62Characters) == 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsKeyChar(char c, bool urlSafe)
        => IsAlphanumeric(c) || (urlSafe ? c is '-' or '_' : c is '+' or '/');

    internal static bool IsAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9');
}

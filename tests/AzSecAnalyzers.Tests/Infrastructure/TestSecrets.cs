using System.Security.Cryptography;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Tests.Infrastructure;

/// <summary>
/// Invented secret-shaped values for tests: random, of the right shape, never real credentials.
/// Identifiable keys are generated here (random bytes, the format's signature, a Marvin32 checksum);
/// <see cref="SecretScannerTests.Marvin_MatchesPublishedTestVectors"/> checks the checksum against
/// SymCrypt's published vectors, so the generator does not merely echo the code under test.
/// </summary>
internal static class TestSecrets
{
    public const string StorageKey = "UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGA==";
    public const string CosmosKey = "jLYQkA+eNH+uiG3GUHeV7HRcTD/LLrLHPhSTTIZ+4Fe6ckmb+hIeg2sqwVcm7n1rCvarE8OOksrg0VBXsVmYfw==";
    public const string SharedKey = "lMx0EdcX8UV5sqoQD7uzT6WT/q7Scki3YuOrWAXwdlo=";
    public const string OtherSharedKey = "K5wdfg83xEkhvT9lZOrffxQqcmaMR+Ij0W7djEe0avw=";
    public const string AppConfigSecret = "W67iYfU7JhUtJjuoOwN81JYuQ0gBJWuIXpyQUfMgsNuD856nrb0NdA==";
    public const string EntraSecret = "XRZ8Q~YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po.7";
    public const string SasSignature = "entPFSQav1e9Q3rUsSmEBTTz84dcJbCL6gbCh0z6pN0%3D";
    public const string PemBody = "F7LYQoRd6CpbxTmIiseAVKI5nM/J/MLaMc490Wa9zTozhH5buwf9B8pHeEIxsZr0WHLO77n8WfT5XRQ4Gjp4MlY0e5/85pzXAHrop1jMpBXVqR7oY8i2wDN64y1vyqJV";

    public const string StorageConnectionString = "DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=" + StorageKey + ";EndpointSuffix=core.windows.net";
    public const string CosmosConnectionString = "AccountEndpoint=https://contoso-orders.documents.azure.com:443/;AccountKey=" + CosmosKey + ";";
    public const string ServiceBusConnectionString = "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + SharedKey;
    public const string SqlConnectionString = "Server=tcp:contoso.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password=Tr1cky-Pa55word!;Encrypt=True";
    public const string SasUrl = "https://contosoorders.blob.core.windows.net/receipts?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig=" + SasSignature;
    public const string PemKey = "-----BEGIN PRIVATE KEY-----\n" + PemBody + "\n-----END PRIVATE KEY-----";

    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>
    /// A checksum-valid identifiable key of <paramref name="format"/>, <paramref name="bytes"/> long. With
    /// <paramref name="base62Checksum"/> (64-byte keys, the form portals issue today) the last six characters are
    /// the checksum's base62 text instead of its raw bytes, built here with <see cref="System.Numerics.BigInteger"/>
    /// and the framework's base64, independently of the code under test.
    /// </summary>
    public static string IdentifiableKey(IdentifiableKeyFormat format, int bytes, int seedIndex = 0, int randomSeed = 1, bool base62Checksum = false)
    {
        var random = new Random(randomSeed);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var unpadded = (bytes * 8 + 5) / 6;
        var padding = (4 - unpadded % 4) % 4;
        var prefix = new string(Enumerable.Range(0, unpadded - 10).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        var signature = format.UrlSafe ? format.Signature.Replace('-', '+').Replace('_', '/') : format.Signature;
        var decoded = Convert.FromBase64String(prefix + signature + "AAAAAA" + new string('=', padding));
        var checksum = BitConverter.GetBytes(Marvin.ComputeHash32(decoded, 0, decoded.Length - 4, format.ChecksumSeeds[seedIndex]));
        string key;
        if (base62Checksum)
        {
            var text = Convert.ToBase64String(decoded);
            key = text.Substring(0, text.Length - padding - 6) + ReferenceBase62ChecksumText(checksum).Substring(0, 6) + new string('=', padding);
        }
        else
        {
            checksum.CopyTo(decoded, decoded.Length - 4);
            key = Convert.ToBase64String(decoded);
        }

        return format.UrlSafe ? key.Replace('+', '-').Replace('/', '_').TrimEnd('=') : key;
    }

    /// <summary>
    /// The reference implementation's checksum text: the bytes as a big-endian base62 number (one <c>0</c> per leading
    /// zero byte), right-padded with <c>0</c> to six characters, then decoded and re-encoded as base64 ("XXXXXX==").
    /// </summary>
    public static string ReferenceBase62ChecksumText(byte[] checksum)
    {
        var number = new System.Numerics.BigInteger(checksum.Reverse().Concat(new byte[] { 0 }).ToArray());
        var digits = new System.Text.StringBuilder();
        do
        {
            digits.Insert(0, Base62Alphabet[(int)(number % 62)]);
            number /= 62;
        }
        while (number > 0);

        var zeros = Math.Min(checksum.TakeWhile(b => b == 0).Count(), checksum.Length - 1);
        var text = new string('0', zeros) + digits;
        text = text.PadRight(6, '0');
        return Convert.ToBase64String(Convert.FromBase64String(text + "=="));
    }

    /// <summary>A checksum-valid Azure AI services (common annotated security) key.</summary>
    public static string AzureAIServicesKey(int randomSeed = 1) => CommonAnnotatedKey("ACOG", "AAAA", randomSeed: randomSeed, base62Checksum: false);

    /// <summary>
    /// A checksum-valid common annotated security key with the given provider signature and data, key kind
    /// (<c>9</c>, <c>D</c>, <c>H</c>), length (84, or 88 in the long form) and checksum form (base62 text or raw bytes).
    /// </summary>
    public static string CommonAnnotatedKey(string providerSignature, string providerData = "AAAA", char kind = '9', bool longForm = false, bool base62Checksum = true, int randomSeed = 1)
    {
        var random = new Random(randomSeed);
        string Chars(int n) => new(Enumerable.Range(0, n).Select(_ => Base62Alphabet[random.Next(Base62Alphabet.Length)]).ToArray());
        while (true)
        {
            var body = Chars(52) + "JQQJ9" + kind + Chars(1) + (char)('A' + random.Next(12)) + Chars(12) + providerData + providerSignature;
            var bytes = Convert.FromBase64String(body);
            var checksum = BitConverter.GetBytes(Marvin.ComputeHash32(bytes, 0, bytes.Length, IdentifiableKeys.Default0));
            var suffix = base62Checksum
                ? (longForm ? ReferenceBase62ChecksumText(checksum) : ReferenceBase62ChecksumText(checksum).Substring(0, 4))
                : (longForm ? Convert.ToBase64String(checksum) : Convert.ToBase64String(checksum, 0, 3));
            if (suffix.TrimEnd('=').All(char.IsLetterOrDigit))
            {
                return body + suffix;
            }
        }
    }

    /// <summary>Changes one character in the checksum part, so the key no longer verifies.</summary>
    public static string BreakChecksum(string key)
    {
        var trimmed = key.TrimEnd('=');
        var index = trimmed.Length - 3;
        var replacement = trimmed[index] == 'A' ? 'B' : 'A';
        return trimmed.Substring(0, index) + replacement + key.Substring(index + 1);
    }
}

using System.Text;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class SecretScannerTests
{
    private static SecretMatch Single(string text, SecretScanOptions options = SecretScanOptions.None)
        => Assert.Single(SecretScanner.FindAll(text, options));

    private static void None(string text, SecretScanOptions options = SecretScanOptions.None)
        => Assert.Empty(SecretScanner.FindAll(text, options));

    [Fact]
    public void Marvin_MatchesPublishedTestVectors()
    {
        // SymCrypt's Marvin32 test vectors (lib/marvin32.c), independent of this implementation.
        var abc = Encoding.ASCII.GetBytes("abc");
        Assert.Equal(0x22c74339492769bf, Marvin.ComputeHash(abc, 0, abc.Length, 0xd53cd9cecd0893b7));
        var alphabet = Encoding.ASCII.GetBytes("abcdefghijklmnopqrstuvwxyz");
        Assert.Equal(unchecked((long)0xa128eb7e7260aca2), Marvin.ComputeHash(alphabet, 0, alphabet.Length, 0xddddeeeeffff000));
    }

    [Fact]
    public void StorageConnectionString_FindsTheAccountKeyValue()
    {
        var match = Single(TestSecrets.StorageConnectionString);
        Assert.Equal("StorageAccountKey", match.KindId);
        Assert.Equal(TestSecrets.StorageKey, TestSecrets.StorageConnectionString.Substring(match.Offset, match.Length));
        Assert.Equal("AccountKey=UvIm\u2026", match.Preview);
    }

    [Fact]
    public void CosmosConnectionString_IsCosmosNotStorage()
        => Assert.Equal("CosmosAccountKey", Single(TestSecrets.CosmosConnectionString).KindId);

    [Fact]
    public void ServiceBusConnectionString_FindsSharedAccessKey()
        => Assert.Equal("SharedAccessKey", Single(TestSecrets.ServiceBusConnectionString).KindId);

    [Fact]
    public void EventHubsAndRelayConnectionStrings_FindSharedAccessKey()
    {
        Assert.Equal("SharedAccessKey", Single("Endpoint=sb://telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + TestSecrets.OtherSharedKey + ";EntityPath=events").KindId);
        Assert.Equal("SharedAccessKey", Single("Endpoint=sb://relay-ns.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey=" + TestSecrets.SharedKey).KindId);
    }

    [Fact]
    public void SharedAccessSignatureInConnectionString_IsFound()
    {
        var text = "BlobEndpoint=https://contosoorders.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&sp=r&se=2030-01-01&sig=" + TestSecrets.SasSignature;
        Assert.Equal("SharedAccessSignature", Single(text).KindId);
    }

    [Fact]
    public void AppConfigurationConnectionString_FindsSecret()
    {
        var match = Single("Endpoint=https://contoso-config.azconfig.io;Id=Ab1c-l0-s0:Qx7pZ2mNw4Rt;Secret=" + TestSecrets.AppConfigSecret);
        Assert.Equal("AppConfigurationSecret", match.KindId);
    }

    [Theory]
    [InlineData("Server=tcp:contoso.database.windows.net,1433;Database=orders;User ID=app;Password=changeme;")]
    [InlineData("server=db;uid=app;pwd=S3cret!")]
    [InlineData("Data Source=db.contoso.local; Initial Catalog = orders ; PASSWORD = \"p@ss;word\" ;")]
    [InlineData("Host=pg.contoso.com;Username=app;Password=hunter2;Password=hunter3")]
    public void DatabasePasswords_AreFound(string text)
        => Assert.Equal("ConnectionStringPassword", Single(text).KindId);

    [Fact]
    public void QuotedPassword_OffsetPointsInsideTheQuotes()
    {
        const string text = "Server=db;User ID=app;Password='pa;ss'";
        var match = Single(text);
        Assert.Equal("pa;ss", text.Substring(match.Offset, match.Length));
    }

    [Fact]
    public void RedisConfigurationString_FindsPassword()
    {
        const string text = "contoso.redis.cache.windows.net:6380,password=Qm9vbXN0aWNrMTIzNDU2Nzg5MA,ssl=True,abortConnect=False";
        var match = Single(text);
        Assert.Equal("RedisPassword", match.KindId);
        Assert.Equal("Qm9vbXN0aWNrMTIzNDU2Nzg5MA", text.Substring(match.Offset, match.Length));
    }

    [Fact]
    public void SasUrl_FindsTheSignature()
    {
        var match = Single(TestSecrets.SasUrl);
        Assert.Equal("SasToken", match.KindId);
        Assert.Equal(TestSecrets.SasSignature, TestSecrets.SasUrl.Substring(match.Offset, match.Length));
    }

    [Fact]
    public void BareSasQuery_IsFound()
        => Assert.Equal("SasToken", Single("?sp=racwdl&st=2024-01-01&se=2030-01-01&sv=2022-11-02&sr=c&sig=" + TestSecrets.SasSignature).KindId);

    [Fact]
    public void EntraClientSecret_IsFoundInsideText()
    {
        var text = "clientSecret: " + TestSecrets.EntraSecret + " (rotate yearly)";
        var match = Single(text);
        Assert.Equal("EntraClientSecret", match.KindId);
        Assert.Equal(TestSecrets.EntraSecret, text.Substring(match.Offset, match.Length));
    }

    [Fact]
    public void PemPrivateKey_IsFound_AndThePreviewShowsOnlyTheHeader()
    {
        var match = Single(TestSecrets.PemKey);
        Assert.Equal("PemPrivateKey", match.KindId);
        Assert.Equal("-----BEGIN PRIVATE KEY-----", match.Preview);
        Assert.Single(SecretScanner.FindAll(TestSecrets.PemKey.Replace("PRIVATE KEY", "RSA PRIVATE KEY")));
    }

    public static TheoryData<string, int> IdentifiableFormats() => new()
    {
        { "StorageIdentifiableKey", 64 },
        { "CosmosIdentifiableKey", 64 },
        { "ServiceBusIdentifiableKey", 32 },
        { "EventHubsIdentifiableKey", 32 },
        { "RelayIdentifiableKey", 32 },
        { "FunctionIdentifiableKey", 40 },
        { "ApimDirectManagementIdentifiableKey", 64 },
        { "ApimSubscriptionIdentifiableKey", 64 },
        { "ApimGatewayIdentifiableKey", 64 },
        { "ApimRepositoryIdentifiableKey", 64 },
        { "SearchQueryIdentifiableKey", 39 },
        { "SearchAdminIdentifiableKey", 39 },
        { "ContainerRegistryIdentifiableKey", 39 },
        { "RedisIdentifiableKey", 33 },
        { "BatchIdentifiableKey", 64 },
        { "EventGridIdentifiableKey", 32 },
        { "IotHubIdentifiableKey", 32 },
        { "IotDeviceProvisioningIdentifiableKey", 32 },
        { "IotDeviceIdentifiableKey", 32 },
        { "MachineLearningClassicIdentifiableKey", 64 },
    };

    [Theory]
    [MemberData(nameof(IdentifiableFormats))]
    public void IdentifiableKey_WithValidChecksum_IsFoundAnywhere(string id, int bytes)
    {
        var format = IdentifiableKeys.All.Single(f => f.Id == id);
        for (var seed = 0; seed < format.ChecksumSeeds.Length; seed++)
        {
            var key = TestSecrets.IdentifiableKey(format, bytes, seed, randomSeed: seed + 3);
            var text = "key: " + key + " end";
            var match = Single(text);
            Assert.Equal(id, match.KindId);
            Assert.Equal(key, text.Substring(match.Offset, match.Length));
            Assert.True(IdentifiableKeys.IsValid(key, format));
        }
    }

    [Theory]
    [MemberData(nameof(IdentifiableFormats))]
    public void IdentifiableKey_WithBrokenChecksum_IsNotFound(string id, int bytes)
    {
        var format = IdentifiableKeys.All.Single(f => f.Id == id);
        var key = TestSecrets.BreakChecksum(TestSecrets.IdentifiableKey(format, bytes));
        Assert.False(IdentifiableKeys.IsValid(key, format));
        None("key: " + key);
    }

    public static TheoryData<string> SixtyFourByteFormats() => new()
    {
        "StorageIdentifiableKey", "CosmosIdentifiableKey", "ApimSubscriptionIdentifiableKey", "BatchIdentifiableKey", "MachineLearningClassicIdentifiableKey",
    };

    [Theory]
    [MemberData(nameof(SixtyFourByteFormats))]
    public void IdentifiableKey_WithBase62Checksum_IsFound(string id)
    {
        var format = IdentifiableKeys.All.Single(f => f.Id == id);
        for (var seed = 0; seed < format.ChecksumSeeds.Length; seed++)
        {
            var key = TestSecrets.IdentifiableKey(format, 64, seed, randomSeed: seed + 11, base62Checksum: true);
            Assert.Equal(88, key.Length);
            Assert.NotEqual(TestSecrets.IdentifiableKey(format, 64, seed, randomSeed: seed + 11), key);
            var text = "AccountKey=" + key + ";";
            var match = Single(text);
            Assert.Equal(id, match.KindId);
            Assert.Equal(key, text.Substring(match.Offset, match.Length));
            Assert.True(IdentifiableKeys.IsValid(key, format));
            Assert.False(IdentifiableKeys.IsValid(TestSecrets.BreakChecksum(key), format));
        }
    }

    [Fact]
    public void SharedSignature_IsNamedByItsSeed()
    {
        var iot = IdentifiableKeys.All.Single(f => f.Id == "IotDeviceIdentifiableKey");
        Assert.Equal("Azure IoT device key", Single(TestSecrets.IdentifiableKey(iot, 32)).KindName);
        var search = IdentifiableKeys.All.Single(f => f.Id == "SearchAdminIdentifiableKey");
        Assert.Equal("Azure AI Search admin key", Single(TestSecrets.IdentifiableKey(search, 39)).KindName);
    }

    [Fact]
    public void AzureAIServicesKey_WithValidChecksum_IsFound()
    {
        var key = TestSecrets.AzureAIServicesKey();
        Assert.Equal("AzureAIServicesKey", Single(key).KindId);
        None(key.Substring(0, 80) + (key[80] == 'A' ? "B" : "A") + key.Substring(81));
    }

    public static TheoryData<string, string, string> CommonAnnotatedProviders() => new()
    {
        // provider signature, provider data, the name the message gives
        { "ACOG", "AAAA", "Azure AI services key" },
        { "ACOG", "AAAB", "Azure OpenAI key" },
        { "ACOG", "AAAY", "Azure AI Speech key" },
        { "AZEG", "AAAA", "Azure Event Grid access key" },
        { "AZAC", "AAAA", "Azure App Configuration access key" },
        { "AZCS", "AAAA", "Azure Communication Services access key" },
        { "AZMP", "AAAA", "Azure Maps key" },
        { "AZDO", "AAAA", "Azure DevOps personal access token" },
        { "TEST", "AAAA", "Microsoft common annotated security key" },
    };

    [Theory]
    [MemberData(nameof(CommonAnnotatedProviders))]
    public void CommonAnnotatedKey_IsNamedByItsProvider(string provider, string data, string name)
        => Assert.Equal(name, Single("key: " + TestSecrets.CommonAnnotatedKey(provider, data) + " end").KindName);

    [Theory]
    [InlineData('9', false, true)]
    [InlineData('9', false, false)]
    [InlineData('9', true, true)]
    [InlineData('9', true, false)]
    [InlineData('D', false, true)]
    [InlineData('H', true, true)]
    public void CommonAnnotatedKey_EveryChecksumForm_IsFound(char kind, bool longForm, bool base62Checksum)
    {
        for (var seed = 1; seed <= 5; seed++)
        {
            var key = TestSecrets.CommonAnnotatedKey("AZEG", kind: kind, longForm: longForm, base62Checksum: base62Checksum, randomSeed: seed);
            Assert.Equal(longForm ? 88 : 84, key.Length);
            var text = "\"" + key + "\"";
            var match = Single(text);
            Assert.Equal("EventGridKey", match.KindId);
            Assert.Equal(key, text.Substring(match.Offset, match.Length));
            var broken = key.Substring(0, 81) + (key[81] == 'A' ? 'B' : 'A') + key.Substring(82);
            None("\"" + broken + "\"");
        }
    }

    [Fact]
    public void BareKeys_AreFoundOnlyWhenAKeyIsExpected()
    {
        None(TestSecrets.StorageKey);
        Assert.Equal("AccountKey", Single(TestSecrets.StorageKey, SecretScanOptions.KeyExpected).KindId);
        Assert.Equal("SharedKey", Single(TestSecrets.SharedKey, SecretScanOptions.KeyExpected).KindId);
        None("not a key at all, really not", SecretScanOptions.KeyExpected);
        None(new string('A', 86) + "==", SecretScanOptions.KeyExpected);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentEmulators.StorageAccountKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("AccountEndpoint=https://localhost:8081/;AccountKey=" + DevelopmentEmulators.CosmosDbKey)]
    [InlineData("AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=" + DevelopmentEmulators.CosmosDbKey)]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;")]
    [InlineData("InstrumentationKey=8f2b6a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=<your-account-key>;EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={0};EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=${STORAGE_KEY}")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=;EndpointSuffix=core.windows.net")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=abc")]
    [InlineData("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=***")]
    [InlineData("Server=db;Database=orders;Integrated Security=true")]
    [InlineData("Server=db;User ID=app;Password=;")]
    [InlineData("Server=db;User ID=app;Password=<password>")]
    [InlineData("Server=db;User ID=app;Password=TODO")]
    [InlineData("Server=db;User ID=app;Password=REPLACE_ME")]
    [InlineData("Server=db;User ID=app;Password=your-password-here")]
    [InlineData("Password=abc")]
    [InlineData("Enter password:")]
    [InlineData("https://contosoorders.blob.core.windows.net/receipts/a.pdf")]
    [InlineData("https://contosoorders.blob.core.windows.net/receipts?sv=2022-11-02&sig=<signature>")]
    [InlineData("https://example.com/?sig=" + TestSecrets.SasSignature)]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIIEvQ...\n-----END PRIVATE KEY-----")]
    [InlineData("-----BEGIN CERTIFICATE-----\n" + TestSecrets.PemBody + "\n-----END CERTIFICATE-----")]
    [InlineData("a7Q~ is not a secret")]
    [InlineData("8f2b6a4e-3c1d-4e5f-9a8b-7c6d5e4f3a2b")]
    [InlineData("Endpoint=https://contoso-config.azconfig.io;Id=abc;Secret=\u0001")]
    public void LookAlikes_AreNotSecrets(string text)
        => None(text);

    [Theory]
    [InlineData("")]
    [InlineData("=")]
    [InlineData(";;;===;;;")]
    [InlineData("AccountKey=\"unterminated")]
    [InlineData("sig=&sv=&se=")]
    [InlineData("-----BEGIN ")]
    [InlineData("-----BEGIN PRIVATE KEY-----")]
    [InlineData("Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~Q~")]
    [InlineData("+ASt+ASt+ASt+ASt+ASt+ASt+ASt+ASt+ASt+ASt+ASt+ASt")]
    [InlineData("JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99JQQJ99")]
    [InlineData("password=,password=,,,")]
    public void MalformedInput_DoesNotThrow(string text)
    {
        _ = SecretScanner.FindAll(text);
        _ = SecretScanner.FindAll(text, SecretScanOptions.KeyExpected);
    }

    [Fact]
    public void MegabyteText_IsScannedQuickly_AndFindsTheKeyAtTheEnd()
    {
        var text = new string('a', 1_000_000) + ";" + TestSecrets.StorageConnectionString;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var match = Single(text);
        Assert.Equal("StorageAccountKey", match.KindId);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void SeveralSecrets_AreAllReportedInOrder()
    {
        var text = TestSecrets.SqlConnectionString + "\n" + TestSecrets.SasUrl;
        var matches = SecretScanner.FindAll(text);
        Assert.Equal(new[] { "ConnectionStringPassword", "SasToken" }, matches.Select(m => m.KindId));
    }

    [Theory]
    [InlineData("changeme", false)]
    [InlineData("P@ssw0rd", false)]
    [InlineData("<key>", true)]
    [InlineData("{storage-key}", true)]
    [InlineData("${KEY}", true)]
    [InlineData("your-key-here", true)]
    [InlineData("xxxxxx", true)]
    [InlineData("***", true)]
    [InlineData("TODO: set", true)]
    [InlineData("REPLACE_WITH_KEY", true)]
    [InlineData("", true)]
    [InlineData("   ", true)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x)", true)]
    public void Placeholders(string value, bool expected)
        => Assert.Equal(expected, SecretValues.IsPlaceholder(value));

    [Theory]
    [InlineData("sk-xxxxxxxxxxxxxxxxxxxxxxxx", true)]
    [InlineData("xxx-real-key-goes-here-2024", true)]
    [InlineData("TODO-rotate-and-set-the-key-42", true)]
    [InlineData("key-todo-later", true)]
    [InlineData("AKIAXXXXXXXXXXXXXXXX", true)]
    public void WordMarkers_OutsideRandomMaterial_StillMarkPlaceholders(string value, bool expected)
        => Assert.Equal(expected, SecretValues.IsPlaceholder(value));

    [Theory]
    [InlineData("xxx", 64)]
    [InlineData("todo", 64)]
    [InlineData("xxx", 32)]
    public void GeneratedKeyMaterial_ContainingAWordMarker_IsNotAPlaceholder_AndIsFound(string marker, int bytes)
    {
        // Real keys are random bytes: some contain "xxx" or "todo" in some case. Draw keys until one does.
        var random = new Random(marker.Length * 1000 + bytes);
        var buffer = new byte[bytes];
        string key;
        do
        {
            random.NextBytes(buffer);
            key = Convert.ToBase64String(buffer);
        }
        while (key.IndexOf(marker, StringComparison.OrdinalIgnoreCase) <= 0);

        Assert.False(SecretValues.IsPlaceholder(key), key);
        var text = bytes == 64
            ? "DefaultEndpointsProtocol=https;AccountName=contosoorders;AccountKey=" + key + ";EndpointSuffix=core.windows.net"
            : "Endpoint=sb://contoso-orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=" + key;
        Assert.Equal(bytes == 64 ? "StorageAccountKey" : "SharedAccessKey", Single(text).KindId);
    }

    [Fact]
    public void Previews_NeverHoldMoreThanFourCharactersOfTheSecret()
    {
        foreach (var text in new[] { TestSecrets.StorageConnectionString, TestSecrets.SqlConnectionString, TestSecrets.SasUrl, "x " + TestSecrets.EntraSecret })
        {
            var match = Single(text);
            var secret = text.Substring(match.Offset, match.Length);
            Assert.DoesNotContain(secret.Substring(0, Math.Min(5, secret.Length)), match.Preview, StringComparison.Ordinal);
        }
    }
}

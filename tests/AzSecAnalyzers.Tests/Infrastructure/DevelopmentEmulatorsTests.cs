using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class DevelopmentEmulatorsTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("usedevelopmentstorage = TRUE ;")]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + DevelopmentEmulators.StorageAccountKey + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;")]
    [InlineData("AccountEndpoint=https://localhost:8081/;AccountKey=" + DevelopmentEmulators.CosmosDbKey)]
    [InlineData("Server=(localdb)\\MSSQLLocalDB;Database=orders;Trusted_Connection=True")]
    [InlineData("BlobEndpoint=http://azurite:10000/acct;SharedAccessSignature=sv=2022")]
    public void EmulatorConnectionStrings_AreRecognised(string text)
        => Assert.True(DevelopmentEmulators.IsEmulatorConnectionString(ConnectionString.Parse(text)));

    [Theory]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=abc;EndpointSuffix=core.windows.net")]
    [InlineData("AccountEndpoint=https://orders.documents.azure.com:443/;AccountKey=abc")]
    [InlineData("Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc")]
    [InlineData("BlobEndpoint=http://127.0.0.1:10000/x;QueueEndpoint=https://contoso.queue.core.windows.net")]
    [InlineData("")]
    [InlineData("AccountKey=abc")]
    public void CloudConnectionStrings_AreNot(string text)
        => Assert.False(DevelopmentEmulators.IsEmulatorConnectionString(ConnectionString.Parse(text)));

    [Fact]
    public void PublishedKeys_AreWellKnown()
    {
        Assert.True(DevelopmentEmulators.IsWellKnownKey(DevelopmentEmulators.StorageAccountKey));
        Assert.True(DevelopmentEmulators.IsWellKnownKey(" " + DevelopmentEmulators.CosmosDbKey + " "));
        Assert.False(DevelopmentEmulators.IsWellKnownKey("Zm9vYmFy"));
        Assert.False(DevelopmentEmulators.IsWellKnownKey(null));
    }
}

using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class TokenEndpointsTests
{
    [Theory]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=abc;EndpointSuffix=core.windows.net", "blob", "https://contoso.blob.core.windows.net")]
    [InlineData("AccountName=Contoso;AccountKey=abc", "queue", "https://contoso.queue.core.windows.net")]
    [InlineData("AccountName=contoso;AccountKey=abc;EndpointSuffix=core.chinacloudapi.cn", "table", "https://contoso.table.core.chinacloudapi.cn")]
    [InlineData("AccountName=contoso;AccountKey=abc;EndpointSuffix=core.usgovcloudapi.net", "file", "https://contoso.file.core.usgovcloudapi.net")]
    [InlineData("BlobEndpoint=https://media.contoso.com/;SharedAccessSignature=sv=2024&sig=x", "blob", "https://media.contoso.com")]
    [InlineData("AccountName=contoso;AccountKey=abc;BlobEndpoint=https://contoso-secondary.blob.core.windows.net", "blob", "https://contoso-secondary.blob.core.windows.net")]
    public void StorageServiceUri_IsDerived(string text, string service, string expected)
    {
        Assert.True(TokenEndpoints.TryGetStorageServiceUri(ConnectionString.Parse(text), service, out var uri));
        Assert.Equal(expected, uri);
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", "blob")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=contoso;AccountKey=abc", "blob")]
    [InlineData("AccountName=;AccountKey=abc", "blob")]
    [InlineData("AccountName=con toso;AccountKey=abc", "blob")]
    [InlineData("AccountName=contoso;AccountKey=abc;EndpointSuffix=evil.com/x?", "blob")]
    [InlineData("BlobEndpoint=https://contoso.blob.core.windows.net/?sv=2024", "blob")]
    [InlineData("BlobEndpoint=http://contoso.blob.core.windows.net", "blob")]
    [InlineData("QueueEndpoint=https://contoso.queue.core.windows.net", "blob")]
    [InlineData("not a connection string", "blob")]
    [InlineData("", "blob")]
    public void StorageServiceUri_IsNotGuessed(string text, string service)
        => Assert.False(TokenEndpoints.TryGetStorageServiceUri(ConnectionString.Parse(text), service, out _));

    [Theory]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=a;SharedAccessKey=b", "contoso.servicebus.windows.net", null)]
    [InlineData("Endpoint=sb://Contoso.servicebus.chinacloudapi.cn;SharedAccessKeyName=a;SharedAccessKey=b;EntityPath=telemetry", "contoso.servicebus.chinacloudapi.cn", "telemetry")]
    public void MessagingNamespace_IsDerived(string text, string expectedNamespace, string? expectedEntity)
    {
        Assert.True(TokenEndpoints.TryGetMessagingNamespace(ConnectionString.Parse(text), out var ns, out var entity));
        Assert.Equal(expectedNamespace, ns);
        Assert.Equal(expectedEntity, entity);
    }

    [Theory]
    [InlineData("Endpoint=sb://localhost;SharedAccessKeyName=a;SharedAccessKey=b;UseDevelopmentEmulator=true")]
    [InlineData("Endpoint=contoso.servicebus.windows.net;SharedAccessKey=b")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/queue;SharedAccessKey=b")]
    [InlineData("SharedAccessKeyName=a;SharedAccessKey=b")]
    public void MessagingNamespace_IsNotGuessed(string text)
        => Assert.False(TokenEndpoints.TryGetMessagingNamespace(ConnectionString.Parse(text), out _, out _));

    [Theory]
    [InlineData("AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=abc", "AccountEndpoint", "https://contoso.documents.azure.com")]
    [InlineData("Endpoint=https://contoso.azconfig.io;Id=a;Secret=b", "Endpoint", "https://contoso.azconfig.io")]
    public void HttpsEndpoint_IsDerived(string text, string key, string expected)
    {
        Assert.True(TokenEndpoints.TryGetHttpsEndpoint(ConnectionString.Parse(text), key, out var endpoint));
        Assert.Equal(expected, endpoint);
    }

    [Theory]
    [InlineData("AccountEndpoint=https://localhost:8081/;AccountKey=abc", "AccountEndpoint")]
    [InlineData("AccountEndpoint=http://contoso.documents.azure.com/;AccountKey=abc", "AccountEndpoint")]
    [InlineData("AccountKey=abc", "AccountEndpoint")]
    public void HttpsEndpoint_IsNotGuessed(string text, string key)
        => Assert.False(TokenEndpoints.TryGetHttpsEndpoint(ConnectionString.Parse(text), key, out _));
}

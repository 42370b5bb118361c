using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class AzureEndpointsTests
{
    [Theory]
    [InlineData("contoso.blob.core.windows.net", "Storage")]
    [InlineData("CONTOSO.QUEUE.CORE.WINDOWS.NET", "Storage")]
    [InlineData("contoso.blob.core.chinacloudapi.cn", "Storage")]
    [InlineData("contoso.blob.core.usgovcloudapi.net", "Storage")]
    [InlineData("orders.servicebus.windows.net", "ServiceBus")]
    [InlineData("orders.documents.azure.com", "CosmosDb")]
    [InlineData("kv-prod.vault.azure.net", "KeyVault")]
    [InlineData("appcs.azconfig.io", "AppConfiguration")]
    [InlineData("search1.search.windows.net", "Search")]
    [InlineData("oai.openai.azure.com", "AIServices")]
    [InlineData("tcp:sql1.database.windows.net,1433", "Sql")]
    [InlineData("cache1.redis.cache.windows.net:6380", "Redis")]
    [InlineData("hub.webpubsub.azure.com", "WebPubSub")]
    [InlineData("sig.service.signalr.net", "SignalR")]
    [InlineData("topic.westeurope-1.eventgrid.azure.net", "EventGrid")]
    [InlineData("api.azurewebsites.net", "AppService")]
    public void AzureHosts_AreClassified(string host, string expected)
        => Assert.Equal(expected, AzureEndpoints.ClassifyHost(host).ToString());

    [Theory]
    [InlineData("example.com")]
    [InlineData("core.windows.net")]
    [InlineData("blob.core.windows.net.evil.example")]
    [InlineData("localhost")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherHosts_AreNotAzure(string? host)
        => Assert.Equal(AzureService.None, AzureEndpoints.ClassifyHost(host));

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("[::1]", true)]
    [InlineData("host.docker.internal", true)]
    [InlineData("azurite", true)]
    [InlineData("contoso.blob.core.windows.net", false)]
    [InlineData("10.0.0.4", false)]
    public void LocalHosts_AreRecognised(string host, bool local)
        => Assert.Equal(local, AzureEndpoints.IsLocalHost(host));

    [Fact]
    public void TryParseAbsolute_RejectsJunkWithoutThrowing()
    {
        Assert.Null(AzureEndpoints.TryParseAbsolute("not a uri"));
        Assert.Null(AzureEndpoints.TryParseAbsolute(new string('a', 5000)));
        Assert.Equal("contoso.blob.core.windows.net", AzureEndpoints.TryParseAbsolute("https://contoso.blob.core.windows.net/c")!.Host);
    }
}

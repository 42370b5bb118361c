using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class ConfigurationReadsTests
{
    [Theory]
    [InlineData("Storage:ConnectionString", "ServiceUri", "Storage:ServiceUri")]
    [InlineData("App:Storage:connectionstring", "ServiceUri", "App:Storage:ServiceUri")]
    [InlineData("ConnectionStrings:Receipts", "ServiceUri", "Receipts:ServiceUri")]
    [InlineData("StorageConnectionString", "ServiceUri", "StorageServiceUri")]
    [InlineData("Bus:ServiceBusConnectionString", "FullyQualifiedNamespace", "Bus:ServiceBusFullyQualifiedNamespace")]
    public void SiblingKey_FollowsTheKeyShape(string key, string leaf, string expected)
        => Assert.Equal(expected, ConfigurationReads.SiblingKey(key, leaf));

    [Theory]
    [InlineData("StorageKeys")]
    [InlineData("ConnectionString")]
    [InlineData("ConnectionStrings:")]
    [InlineData("")]
    public void SiblingKey_IsNotGuessed(string key)
        => Assert.Null(ConfigurationReads.SiblingKey(key, "ServiceUri"));
}

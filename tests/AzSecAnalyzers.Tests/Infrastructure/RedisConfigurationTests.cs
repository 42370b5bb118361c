using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class RedisConfigurationTests
{
    [Fact]
    public void AzureConnectionString_SplitsEndpointsAndOptionsWithOffsets()
    {
        const string text = "contoso.redis.cache.windows.net:6380, password=abc=,ssl=True,abortConnect=False";
        var elements = RedisConfiguration.Parse(text);

        Assert.Equal(4, elements.Count);
        Assert.True(elements[0].IsEndpoint);
        Assert.Equal("contoso.redis.cache.windows.net", elements[0].Host);
        Assert.Equal("6380", elements[0].Port);
        Assert.Equal("password", elements[1].Key);
        Assert.Equal("abc=", elements[1].Value);
        Assert.Equal("abc=", text.Substring(elements[1].ValueStart, elements[1].Value.Length));
        Assert.True(RedisConfiguration.TryGetOption(elements, "SSL", out var ssl));
        Assert.Equal("True", text.Substring(ssl.ValueStart, ssl.Value.Length));
    }

    [Fact]
    public void EndpointWithoutPort_HasNoPort()
    {
        var elements = RedisConfiguration.Parse("contoso.redis.cache.windows.net");
        Assert.Single(elements);
        Assert.Null(elements[0].Port);
        Assert.Equal("contoso.redis.cache.windows.net", elements[0].Host);
    }

    [Fact]
    public void IPv6EndpointWithoutPort_KeepsTheAddress()
    {
        var elements = RedisConfiguration.Parse("[::1],ssl=false");
        Assert.Equal("[::1]", elements[0].Host);
        Assert.Null(elements[0].Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData(",,,")]
    [InlineData("=,:,ssl=,host:")]
    [InlineData("   ,  = ,")]
    public void MalformedText_DoesNotThrow(string text)
    {
        var elements = RedisConfiguration.Parse(text);
        Assert.All(elements, e => Assert.True(e.Start >= 0 && e.Start + e.Length <= text.Length));
    }

    [Fact]
    public void LastDuplicateOption_Wins()
    {
        var elements = RedisConfiguration.Parse("h:6380,ssl=false,ssl=true");
        Assert.True(RedisConfiguration.TryGetOption(elements, "ssl", out var ssl));
        Assert.Equal("true", ssl.Value);
    }
}

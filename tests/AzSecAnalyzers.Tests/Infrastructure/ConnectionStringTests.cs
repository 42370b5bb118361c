using AzSecAnalyzers.Infrastructure;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class ConnectionStringTests
{
    [Fact]
    public void StorageConnectionString_ParsesEveryPairWithOffsets()
    {
        const string text = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=abc+/=;EndpointSuffix=core.windows.net";
        var parsed = ConnectionString.Parse(text);

        Assert.Equal(new[] { "DefaultEndpointsProtocol", "AccountName", "AccountKey", "EndpointSuffix" }, parsed.Parts.Select(p => p.Key));
        Assert.True(parsed.TryGet("AccountKey", out var key));
        Assert.Equal("abc+/=", key.Value);
        Assert.Equal("abc+/=", text.Substring(key.ValueStart, key.ValueLength));
        Assert.Equal("AccountKey", text.Substring(key.KeyStart, "AccountKey".Length));
    }

    [Fact]
    public void Keys_CompareCaseInsensitively_AndTheLastDuplicateWins()
    {
        var parsed = ConnectionString.Parse("accountname=first; ACCOUNTNAME = second ;");
        Assert.Equal("second", parsed["AccountName"]);
        Assert.Equal(2, parsed.Parts.Count);
    }

    [Fact]
    public void SpacesAroundKeysAndValues_AreTrimmed_AndOffsetsPointAtTheValue()
    {
        const string text = "  Server = tcp:db.database.windows.net,1433 ;  Password =  p@ss  ";
        var parsed = ConnectionString.Parse(text);
        Assert.True(parsed.TryGet("password", out var password));
        Assert.Equal("p@ss", password.Value);
        Assert.Equal("p@ss", text.Substring(password.ValueStart, password.ValueLength));
        Assert.Equal("tcp:db.database.windows.net,1433", parsed["Server"]);
    }

    [Fact]
    public void QuotedValues_KeepSemicolonsAndUnescapeDoubledQuotes()
    {
        const string text = "Password=\"a;b\"\"c\";User ID='x''y';Initial Catalog=orders";
        var parsed = ConnectionString.Parse(text);
        Assert.True(parsed.TryGet("Password", out var password));
        Assert.Equal("a;b\"c", password.Value);
        Assert.Equal("a;b\"\"c", text.Substring(password.ValueStart, password.ValueLength));
        Assert.Equal("x'y", parsed["User ID"]);
        Assert.Equal("orders", parsed["Initial Catalog"]);
    }

    [Fact]
    public void EscapedEqualsInKey_IsUnescaped()
    {
        var parsed = ConnectionString.Parse("a==b=c");
        Assert.Equal("c", parsed["a=b"]);
    }

    [Fact]
    public void ValueMayContainEquals()
    {
        var parsed = ConnectionString.Parse("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=abc==;EntityPath=q");
        Assert.Equal("abc==", parsed["SharedAccessKey"]);
        Assert.Equal("sb://ns.servicebus.windows.net/", parsed["Endpoint"]);
        Assert.Equal("q", parsed["EntityPath"]);
    }

    [Fact]
    public void TryGetAny_FindsTheFirstSynonymPresent()
    {
        var parsed = ConnectionString.Parse("Server=s;Pwd=x");
        Assert.True(parsed.TryGetAny(out var part, "Password", "Pwd"));
        Assert.Equal("x", part.Value);
        Assert.False(parsed.TryGetAny(out _, "User ID", "UID"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("just some text")]
    [InlineData(";;;")]
    [InlineData("=")]
    [InlineData("=value")]
    [InlineData("   ")]
    public void TextWithoutPairs_IsEmpty(string? text)
    {
        Assert.True(ConnectionString.Parse(text).IsEmpty);
    }

    [Theory]
    [InlineData("Password=\"unterminated", "Password", "unterminated")]
    [InlineData("Password='", "Password", "")]
    [InlineData("noequals;Password=x", "Password", "x")]
    [InlineData("Password=\"x\" junk;User=y", "User", "y")]
    [InlineData("Key=", "Key", "")]
    public void MalformedInput_IsToleratedWithoutThrowing(string text, string key, string expected)
    {
        var parsed = ConnectionString.Parse(text);
        Assert.Equal(expected, parsed[key]);
        Assert.All(parsed.Parts, part => Assert.InRange(part.ValueStart + part.ValueLength, 0, text.Length));
    }

    [Fact]
    public void RandomInput_NeverThrowsAndOffsetsStayInRange()
    {
        var random = new Random(20261129);
        const string alphabet = "ab=;'\" \t=;Key";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(0, 40)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var parsed = ConnectionString.Parse(text);
            foreach (var part in parsed.Parts)
            {
                Assert.InRange(part.ValueStart, 0, text.Length);
                Assert.InRange(part.ValueStart + part.ValueLength, part.ValueStart, text.Length);
            }
        }
    }

    [Fact]
    public void HugeInput_ParsesInLinearTime()
    {
        var text = string.Concat(Enumerable.Repeat("Key=Value;", 100_000));
        var parsed = ConnectionString.Parse(text);
        Assert.Equal(100_000, parsed.Parts.Count);
    }
}

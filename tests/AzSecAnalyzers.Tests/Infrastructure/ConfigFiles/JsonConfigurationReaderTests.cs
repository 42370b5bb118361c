using System.Diagnostics;
using System.Text;
using AzSecAnalyzers.Infrastructure.ConfigFiles;
using Microsoft.Extensions.Configuration;

namespace AzSecAnalyzers.Tests.Infrastructure.ConfigFiles;

public class JsonConfigurationReaderTests
{
    private static IReadOnlyList<(string Path, string Value, string Raw)> Read(string text)
        => JsonConfigurationReader.Read(text).Select(e => (e.Path, e.Value, text.Substring(e.Span.Start, e.Span.Length))).ToList();

    [Fact]
    public void NestedObjectsAndArrays_GiveConfigurationPaths()
    {
        const string text = """
            {
              "ConnectionStrings": { "Default": "a" },
              "Values": { "AzureWebJobsStorage": "b", "Nested": { "Deeper": "c" } },
              "Hosts": [ "d", { "Name": "e" }, [ "f" ] ],
              "Number": 42, "Flag": true, "Nothing": null, "Negative": -1.5e3
            }
            """;

        Assert.Equal(
            new[]
            {
                ("ConnectionStrings:Default", "a", "a"), ("Values:AzureWebJobsStorage", "b", "b"), ("Values:Nested:Deeper", "c", "c"),
                ("Hosts:0", "d", "d"), ("Hosts:1:Name", "e", "e"), ("Hosts:2:0", "f", "f"),
            },
            Read(text));
    }

    [Fact]
    public void ArrayElement_KeyIsTheArraysName()
    {
        var entries = JsonConfigurationReader.Read("""{ "ApiKeys": [ "x", "y" ] }""");
        Assert.Equal(new[] { "ApiKeys", "ApiKeys" }, entries.Select(e => e.Key));
        Assert.Equal(new[] { "ApiKeys:0", "ApiKeys:1" }, entries.Select(e => e.Path));
    }

    [Fact]
    public void EscapedStrings_AreDecoded_AndTheSpanCoversTheTextAsWritten()
    {
        const string text = """{ "Key": "a\"b\\c\/d\n\u0041\u00e9\t" }""";
        var entry = Assert.Single(JsonConfigurationReader.Read(text));
        Assert.Equal("a\"b\\c/d\nA\u00e9\t", entry.Value);
        Assert.Equal("""a\"b\\c\/d\n\u0041\u00e9\t""", text.Substring(entry.Span.Start, entry.Span.Length));
    }

    [Fact]
    public void EscapedKey_IsDecodedInThePath()
        => Assert.Equal("Conn\u0065ctionStrings:A", Assert.Single(JsonConfigurationReader.Read("""{ "Conn\u0065ctionStrings": { "A": "v" } }""")).Path);

    [Fact]
    public void Comments_AreSkipped()
    {
        const string text = """
            // leading comment
            {
              /* block
                 comment with "quotes" and { braces } */
              "A": "1", // trailing "B": "not a value"
              "B": /* inline */ "2"
            }
            """;
        Assert.Equal(new[] { ("A", "1", "1"), ("B", "2", "2") }, Read(text));
    }

    [Fact]
    public void TrailingCommas_AreAccepted()
        => Assert.Equal(new[] { ("A:0", "1", "1"), ("B", "2", "2") }, Read("""{ "A": [ "1", ], "B": "2", }"""));

    [Fact]
    public void ByteOrderMark_IsSkipped_AndSpansStayFileOffsets()
    {
        const string text = "\uFEFF{ \"A\": \"value\" }";
        var entry = Assert.Single(JsonConfigurationReader.Read(text));
        Assert.Equal(9, entry.Span.Start);
        Assert.Equal("value", text.Substring(entry.Span.Start, entry.Span.Length));
    }

    [Fact]
    public void CrLfLineEndings_AreWhitespace()
        => Assert.Equal(new[] { ("A:B", "x", "x") }, Read("{\r\n  \"A\": {\r\n    \"B\": \"x\"\r\n  }\r\n}\r\n"));

    [Theory]
    [InlineData("""{ "A": "1", "B" "2" }""")]
    [InlineData("""{ "A": "1", "B": }""")]
    [InlineData("""{ "A": "1", "B": "unterminated }""")]
    [InlineData("""{ "A": "1", "B": "bad \q escape" }""")]
    [InlineData("""{ "A": "1", "B": "bad \u12 escape" }""")]
    [InlineData("""{ "A": "1", "B": 'single' }""")]
    [InlineData("""{ "A": "1" ] "B": "2" }""")]
    [InlineData("""{ "A": "1", , "B": "2" }""")]
    [InlineData("""{ "A": "1", /* unterminated comment "B": "2" }""")]
    [InlineData("{ \"A\": \"1\", \"B\": \"line\nbreak\" }")]
    public void InvalidJson_StopsAtTheError_KeepingWhatCameBefore(string text)
    {
        var entries = JsonConfigurationReader.Read(text);
        Assert.Equal(new[] { "A" }, entries.Select(e => e.Path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\uFEFF")]
    [InlineData("not json at all")]
    [InlineData("\"just a string\"")]
    [InlineData("{")]
    [InlineData("}")]
    [InlineData("[[[")]
    [InlineData("{\"A\":")]
    [InlineData("{\"A\"")]
    [InlineData("\\")]
    [InlineData("/")]
    [InlineData("/*")]
    public void Garbage_DoesNotThrow(string text)
        => Assert.All(JsonConfigurationReader.Read(text), e => Assert.True(e.Span.End <= text.Length));

    [Fact]
    public void SecondRootValue_IsIgnored()
        => Assert.Equal(new[] { "A" }, JsonConfigurationReader.Read("""{ "A": "1" } { "B": "2" }""").Select(e => e.Path));

    [Fact]
    public void DeepNesting_StopsQuietlyWithoutRecursion()
    {
        var text = new string('[', 1_000_000) + "\"deep\"" + new string(']', 1_000_000);
        Assert.Empty(JsonConfigurationReader.Read(text));

        var objects = new StringBuilder();
        for (var i = 0; i < 200_000; i++)
        {
            objects.Append("{\"a\":");
        }

        Assert.Empty(JsonConfigurationReader.Read(objects.ToString()));
    }

    [Fact]
    public void NestingUpToTheLimit_IsRead()
    {
        var depth = JsonConfigurationReader.MaxDepth;
        var text = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "\"v\"" + new string('}', depth);
        Assert.Equal(string.Join(":", Enumerable.Repeat("a", depth)), Assert.Single(JsonConfigurationReader.Read(text)).Path);
    }

    [Fact]
    public void HugeFile_IsReadInLinearTime()
    {
        var builder = new StringBuilder("{\n");
        var i = 0;
        while (builder.Length < 5 * 1024 * 1024)
        {
            builder.Append("  \"Section").Append(i).Append("\": { \"Name\": \"value ").Append(i).Append("\", \"List\": [ 1, 2, \"three\" ] },\n");
            i++;
        }

        builder.Append("  \"Last\": \"end\"\n}");
        var text = builder.ToString();
        var watch = Stopwatch.StartNew();
        var entries = JsonConfigurationReader.Read(text);
        watch.Stop();

        Assert.Equal(2 * i + 1, entries.Count);
        Assert.Equal("Last", entries[^1].Path);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"5 MB took {watch.Elapsed}");
    }

    [Fact]
    public void HugeString_IsOneEntry()
    {
        var value = new string('x', 4 * 1024 * 1024);
        Assert.Equal(value.Length, Assert.Single(JsonConfigurationReader.Read("{\"A\":\"" + value + "\"}")).Value.Length);
    }

    /// <summary>The paths and values must be the ones .NET's own JSON configuration provider produces.</summary>
    [Fact]
    public void PathsAndValues_MatchMicrosoftExtensionsConfigurationJson()
    {
        const string text = """
            {
              // comment
              "ConnectionStrings": { "Default": "Server=x;Database=y", },
              "Values": { "AzureWebJobsStorage": "UseDevelopmentStorage=true", "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated" },
              "Hosts": [ "a.example", { "Name": "b\u0041", "Tags": [ "t1", "t2" ] } ],
              "Escaped": "quote\" backslash\\ slash\/ tab\t",
              "Empty": "",
            }
            """;

        var expected = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(text)))
            .Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => (pair.Key, pair.Value!))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();

        var actual = JsonConfigurationReader.Read(text).Select(e => (e.Path, e.Value)).OrderBy(pair => pair.Path, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);
    }
}

using AzSecAnalyzers.Infrastructure.ConfigFiles;

namespace AzSecAnalyzers.Tests.Infrastructure.ConfigFiles;

public class XmlConfigurationReaderTests
{
    private static IReadOnlyList<(string Path, string Value, string Raw)> Read(string text, bool publishSettings = false)
        => XmlConfigurationReader.Read(text, publishSettings).Select(e => (e.Path, e.Value, text.Substring(e.Span.Start, e.Span.Length))).ToList();

    [Fact]
    public void WebConfig_ConnectionStringsAndAppSettings_AreRead()
    {
        const string text = """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <!-- <connectionStrings><add name="Commented" connectionString="x" /></connectionStrings> -->
              <connectionStrings>
                <clear />
                <add name="Orders" providerName="System.Data.SqlClient" connectionString="Server=a;Password=p&amp;q" />
                <add connectionString = 'single quoted' name="Second"/>
              </connectionStrings>
              <appSettings>
                <add key="ApiKey" value="abc" />
                <add value="def" key="Other"></add>
              </appSettings>
              <system.web><compilation debug="true" /></system.web>
            </configuration>
            """;

        Assert.Equal(
            new[]
            {
                ("ConnectionStrings:Orders", "Server=a;Password=p&q", "Server=a;Password=p&amp;q"),
                ("ConnectionStrings:Second", "single quoted", "single quoted"),
                ("AppSettings:ApiKey", "abc", "abc"),
                ("AppSettings:Other", "def", "def"),
            },
            Read(text));
        Assert.True(XmlConfigurationReader.Read(text, publishSettings: false)[0].IsConnectionString);
        Assert.Equal("ApiKey", XmlConfigurationReader.Read(text, publishSettings: false)[2].Key);
    }

    [Fact]
    public void WebConfig_WithoutSecretSections_GivesNothing()
        => Assert.Empty(Read("""
            <configuration>
              <system.webServer><handlers><add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" /></handlers></system.webServer>
              <add key="NotInAppSettings" value="x" />
            </configuration>
            """));

    [Fact]
    public void AttributeSpread_OverLines_AndCrLf_MapsTheExactSpan()
    {
        const string text = "<configuration>\r\n  <appSettings>\r\n    <add\r\n      key=\"A\"\r\n      value\r\n        =\r\n        \"the value\" />\r\n  </appSettings>\r\n</configuration>";
        var entry = Assert.Single(XmlConfigurationReader.Read(text, publishSettings: false));
        Assert.Equal(text.IndexOf("the value", StringComparison.Ordinal), entry.Span.Start);
        Assert.Equal("the value".Length, entry.Span.Length);
    }

    [Fact]
    public void ByteOrderMark_KeepsSpansExact()
    {
        const string text = "\uFEFF<configuration><appSettings><add key=\"A\" value=\"v1\" /></appSettings></configuration>";
        var entry = Assert.Single(XmlConfigurationReader.Read(text, publishSettings: false));
        Assert.Equal("v1", text.Substring(entry.Span.Start, entry.Span.Length));
    }

    [Theory]
    [InlineData("<configuration><appSettings><add key=\"A\" value=\"1\" /><add key=\"B\" value=\"2\" </appSettings></configuration>")]
    [InlineData("<configuration><appSettings><add key=\"A\" value=\"1\" /><add key=\"B\" value=\"2\" /></appSettings>")]
    [InlineData("<configuration><appSettings><add key=\"A\" value=\"1\" /><add key=\"B\" value=\"2\" value=\"3\" /></appSettings></configuration>")]
    public void MalformedXml_IsSkippedQuietly_AfterTheError(string text)
    {
        var entries = XmlConfigurationReader.Read(text, publishSettings: false);
        Assert.DoesNotContain(entries, e => e.Path == "AppSettings:B" && text.Substring(e.Span.Start, e.Span.Length) != e.Value);
        Assert.Contains(entries, e => e.Path == "AppSettings:A");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<")]
    [InlineData("<configuration>")]
    [InlineData("<a><b></a>")]
    public void Garbage_DoesNotThrow(string text)
        => XmlConfigurationReader.Read(text, publishSettings: false);

    [Fact]
    public void Dtd_WithExternalEntity_IsNotProcessed()
    {
        var secretFile = Path.GetTempFileName();
        File.WriteAllText(secretFile, "Server=a;Password=from-the-file");
        try
        {
            var text = $"""
                <?xml version="1.0"?>
                <!DOCTYPE configuration [ <!ENTITY xxe SYSTEM "file://{secretFile}"> ]>
                <configuration><connectionStrings><add name="A" connectionString="&xxe;" /></connectionStrings></configuration>
                """;
            Assert.Empty(XmlConfigurationReader.Read(text, publishSettings: false));
        }
        finally
        {
            File.Delete(secretFile);
        }
    }

    [Fact]
    public void Dtd_BillionLaughs_IsNotExpanded()
    {
        const string text = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"> ]>
            <configuration><appSettings><add key="A" value="&lol3;" /></appSettings></configuration>
            """;
        Assert.Empty(XmlConfigurationReader.Read(text, publishSettings: false));
    }

    [Fact]
    public void PublishSettings_UserPwdAndConnectionStrings_AreRead()
    {
        const string text = """
            <publishData>
              <publishProfile profileName="contoso - Web Deploy" publishMethod="MSDeploy" userName="$contoso" userPWD="pw1" SQLServerDBConnectionString="Server=a;Password=pw2" mySQLDBConnectionString="">
                <databases><add name="Orders" connectionString="Server=b;Password=pw3" /></databases>
              </publishProfile>
              <publishProfile profileName="contoso - FTP" publishMethod="FTP" userPWD="pw4" />
            </publishData>
            """;

        Assert.Equal(
            new[]
            {
                ("contoso - Web Deploy:userPWD", "pw1", "pw1"),
                ("contoso - Web Deploy:SQLServerDBConnectionString", "Server=a;Password=pw2", "Server=a;Password=pw2"),
                ("contoso - Web Deploy:mySQLDBConnectionString", "", ""),
                ("ConnectionStrings:Orders", "Server=b;Password=pw3", "Server=b;Password=pw3"),
                ("contoso - FTP:userPWD", "pw4", "pw4"),
            },
            Read(text, publishSettings: true));
    }

    [Fact]
    public void ConfigFile_IsNotReadAsPublishSettings()
        => Assert.Empty(Read("""<publishData><publishProfile profileName="p" userPWD="pw" /></publishData>"""));
}

using AzSecAnalyzers.Infrastructure.ConfigFiles;

namespace AzSecAnalyzers.Tests.Infrastructure.ConfigFiles;

public class ConfigurationFilesTests
{
    [Theory]
    [InlineData("appsettings.json", "Json")]
    [InlineData("/src/App/appsettings.Production.json", "Json")]
    [InlineData(@"C:\src\App\AppSettings.Development.json", "Json")]
    [InlineData("local.settings.json", "Json")]
    [InlineData("secrets.json", "Json")]
    [InlineData("appsecrets.json", "Json")]
    [InlineData("secrets.Development.json", "Json")]
    [InlineData("web.config", "XmlConfig")]
    [InlineData("App.config", "XmlConfig")]
    [InlineData("Web.Release.config", "XmlConfig")]
    [InlineData("contoso.PublishSettings", "PublishSettings")]
    [InlineData("launchSettings.json", "None")]
    [InlineData("package.json", "None")]
    [InlineData("settings.json", "None")]
    [InlineData("appsettings.json.bak", "None")]
    [InlineData(".config", "None")]
    [InlineData("Program.cs", "None")]
    [InlineData("", "None")]
    [InlineData(null, "None")]
    public void Classify_ByFileName(string? path, string expected)
        => Assert.Equal(expected, ConfigurationFiles.Classify(path).ToString());
}

namespace AzSecAnalyzers.Infrastructure.ConfigFiles;

/// <summary>How a configuration file is read.</summary>
internal enum ConfigurationFileKind
{
    /// <summary>Not a configuration file the package reads.</summary>
    None,

    /// <summary><c>appsettings*.json</c>, <c>local.settings.json</c>, <c>secrets.json</c> and the like.</summary>
    Json,

    /// <summary><c>web.config</c>, <c>app.config</c>, <c>*.config</c>: <c>&lt;connectionStrings&gt;</c> and <c>&lt;appSettings&gt;</c>.</summary>
    XmlConfig,

    /// <summary>An App Service publish profile (<c>*.publishsettings</c>).</summary>
    PublishSettings,
}

/// <summary>
/// Which files AZSEC104 reads, decided from the file name alone (cheap, before any text is loaded),
/// and the dispatch to the matching reader. The package's buildTransitive targets add the same set
/// as AdditionalFiles; the azsec CLI uses <see cref="Classify"/> to pick them.
/// </summary>
internal static class ConfigurationFiles
{
    /// <summary>Files longer than this, in characters, are not read: they are not hand-written configuration (and would cost a build noticeable time).</summary>
    public const int MaxLength = 16 * 1024 * 1024;

    /// <summary>The kind of <paramref name="path"/> by its file name; <see cref="ConfigurationFileKind.None"/> for anything else.</summary>
    public static ConfigurationFileKind Classify(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return ConfigurationFileKind.None;
        }

        var name = FileName(path!);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return IsJsonConfigurationName(name) ? ConfigurationFileKind.Json : ConfigurationFileKind.None;
        }

        if (name.EndsWith(".publishsettings", StringComparison.OrdinalIgnoreCase))
        {
            return ConfigurationFileKind.PublishSettings;
        }

        if (name.EndsWith(".config", StringComparison.OrdinalIgnoreCase) && name.Length > ".config".Length)
        {
            return ConfigurationFileKind.XmlConfig;
        }

        return ConfigurationFileKind.None;
    }

    /// <summary>
    /// Every string value of the file that a configuration reader would see, and the names it stores them under
    /// (<see cref="ConfigurationEntry.IsName"/>); stops quietly at the first syntax error.
    /// </summary>
    public static List<ConfigurationEntry> Read(ConfigurationFileKind kind, string text)
        => kind switch
        {
            ConfigurationFileKind.Json => JsonConfigurationReader.Read(text, includeNames: true),
            ConfigurationFileKind.XmlConfig => XmlConfigurationReader.Read(text, publishSettings: false, includeNames: true),
            ConfigurationFileKind.PublishSettings => XmlConfigurationReader.Read(text, publishSettings: true),
            _ => new List<ConfigurationEntry>(),
        };

    // appsettings.json, appsettings.Production.json, local.settings.json, secrets.json, appsecrets.json, secrets.Development.json
    private static bool IsJsonConfigurationName(string name)
        => name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
           || name.Equals("local.settings.json", StringComparison.OrdinalIgnoreCase)
           || name.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase)
           || name.StartsWith("secrets.", StringComparison.OrdinalIgnoreCase);

    private static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}

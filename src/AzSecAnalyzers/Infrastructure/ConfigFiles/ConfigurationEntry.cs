using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure.ConfigFiles;

/// <summary>
/// One string value of a configuration file: where it sits in the configuration
/// (<c>ConnectionStrings:Default</c>), what it decodes to, and the exact span of its text in the file
/// (between the quotes, escapes and entities as written).
/// </summary>
internal readonly struct ConfigurationEntry
{
    public ConfigurationEntry(string path, string key, string value, TextSpan span, bool isConnectionString = false, bool isName = false)
    {
        Path = path;
        Key = key;
        Value = value;
        Span = span;
        IsConnectionString = isConnectionString;
        IsName = isName;
    }

    /// <summary>The configuration path, sections joined by <c>:</c> as .NET configuration does (<c>Values:AzureWebJobsStorage</c>, <c>Hosts:0</c>).</summary>
    public string Path { get; }

    /// <summary>The name the value is stored under (for an array element, the array's name): what a name-based check looks at.</summary>
    public string Key { get; }

    /// <summary>The decoded value.</summary>
    public string Value { get; }

    /// <summary>The value's text in the file, without the surrounding quotes.</summary>
    public TextSpan Span { get; }

    /// <summary>The file declares the value a connection string (<c>&lt;connectionStrings&gt;</c>, a <c>*ConnectionString</c> attribute).</summary>
    public bool IsConnectionString { get; }

    /// <summary>
    /// The entry is a name, not a value: a JSON member name or an XML <c>key</c>/<c>name</c> attribute, with
    /// <see cref="Value"/> the name and <see cref="Span"/> its text. API-key maps store the secret as the name
    /// (<c>"ApiKeys": { "&lt;key&gt;": { … } }</c>), so a name is a committed value too.
    /// </summary>
    public bool IsName { get; }
}

using System.IO;
using System.Xml;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure.ConfigFiles;

/// <summary>
/// Reads the secret-bearing parts of .NET Framework configuration files and App Service publish
/// profiles: <c>&lt;connectionStrings&gt;&lt;add name connectionString&gt;</c>,
/// <c>&lt;appSettings&gt;&lt;add key value&gt;</c>, and in <c>*.publishsettings</c> the
/// <c>userPWD</c> and <c>*ConnectionString</c> attributes. DTDs are prohibited and no resolver is
/// set, so no entity is expanded and nothing is fetched (no XXE); malformed XML ends the read quietly.
/// Spans are the exact attribute value text, mapped from <see cref="IXmlLineInfo"/>.
/// </summary>
internal static class XmlConfigurationReader
{
    /// <param name="text">The file's text.</param>
    /// <param name="publishSettings">The file is an App Service publish profile.</param>
    /// <param name="includeNames">Also yield the <c>key</c> of <c>&lt;appSettings&gt;&lt;add&gt;</c> and the <c>name</c> of <c>&lt;connectionStrings&gt;&lt;add&gt;</c> as entries of their own (<see cref="ConfigurationEntry.IsName"/>).</param>
    public static List<ConfigurationEntry> Read(string text, bool publishSettings, bool includeNames = false)
    {
        // XmlReader rejects a byte order mark in a string; read after it and shift the spans back.
        if (text.Length == 0 || text[0] != '\uFEFF')
        {
            return ReadCore(text, publishSettings, includeNames);
        }

        var shifted = new List<ConfigurationEntry>();
        foreach (var entry in ReadCore(text.Substring(1), publishSettings, includeNames))
        {
            shifted.Add(new ConfigurationEntry(entry.Path, entry.Key, entry.Value, new TextSpan(entry.Span.Start + 1, entry.Span.Length), entry.IsConnectionString, entry.IsName));
        }

        return shifted;
    }

    private static List<ConfigurationEntry> ReadCore(string text, bool publishSettings, bool includeNames)
    {
        var entries = new List<ConfigurationEntry>();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
            MaxCharactersFromEntities = 1024,
        };

        var lineStarts = LineStarts(text);
        var parents = new List<string>();
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), settings);
            var lineInfo = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (parents.Count > 0)
                    {
                        parents.RemoveAt(parents.Count - 1);
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var name = reader.LocalName;
                var parent = parents.Count > 0 ? parents[parents.Count - 1] : string.Empty;
                if (publishSettings)
                {
                    ReadPublishSettingsElement(reader, lineInfo, text, lineStarts, name, parent, entries);
                }
                else
                {
                    ReadConfigElement(reader, lineInfo, text, lineStarts, name, parent, includeNames, entries);
                }

                if (!reader.IsEmptyElement)
                {
                    parents.Add(name);
                }
            }
        }
        catch (XmlException)
        {
            // Malformed, or a DTD: what was read before the error stands, nothing after it.
        }
        catch (InvalidOperationException)
        {
        }

        return entries;
    }

    private static void ReadConfigElement(XmlReader reader, IXmlLineInfo lineInfo, string text, int[] lineStarts, string name, string parent, bool includeNames, List<ConfigurationEntry> entries)
    {
        if (name != "add")
        {
            return;
        }

        if (parent == "connectionStrings")
        {
            var entryName = reader.GetAttribute("name") ?? string.Empty;
            if (includeNames)
            {
                Add(reader, lineInfo, text, lineStarts, "name", "ConnectionStrings:" + entryName, entryName, isConnectionString: false, entries, isName: true);
            }

            Add(reader, lineInfo, text, lineStarts, "connectionString", "ConnectionStrings:" + entryName, entryName, isConnectionString: true, entries);
        }
        else if (parent == "appSettings")
        {
            var key = reader.GetAttribute("key") ?? string.Empty;
            if (includeNames)
            {
                Add(reader, lineInfo, text, lineStarts, "key", "AppSettings:" + key, key, isConnectionString: false, entries, isName: true);
            }

            Add(reader, lineInfo, text, lineStarts, "value", "AppSettings:" + key, key, isConnectionString: false, entries);
        }
    }

    private static void ReadPublishSettingsElement(XmlReader reader, IXmlLineInfo lineInfo, string text, int[] lineStarts, string name, string parent, List<ConfigurationEntry> entries)
    {
        if (name == "publishProfile")
        {
            var profile = reader.GetAttribute("profileName") ?? reader.GetAttribute("publishMethod") ?? "publishProfile";
            Add(reader, lineInfo, text, lineStarts, "userPWD", profile + ":userPWD", "userPWD", isConnectionString: false, entries);
            if (reader.MoveToFirstAttribute())
            {
                var connectionStrings = new List<string>();
                do
                {
                    if (reader.LocalName.EndsWith("ConnectionString", StringComparison.OrdinalIgnoreCase))
                    {
                        connectionStrings.Add(reader.LocalName);
                    }
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
                foreach (var attribute in connectionStrings)
                {
                    Add(reader, lineInfo, text, lineStarts, attribute, profile + ":" + attribute, attribute, isConnectionString: true, entries);
                }
            }
        }
        else if (name == "add" && reader.GetAttribute("connectionString") is not null)
        {
            var entryName = reader.GetAttribute("name") ?? parent;
            Add(reader, lineInfo, text, lineStarts, "connectionString", "ConnectionStrings:" + entryName, entryName, isConnectionString: true, entries);
        }
    }

    private static void Add(XmlReader reader, IXmlLineInfo lineInfo, string text, int[] lineStarts, string attribute, string path, string key, bool isConnectionString, List<ConfigurationEntry> entries, bool isName = false)
    {
        if (!reader.MoveToAttribute(attribute))
        {
            return;
        }

        var value = reader.Value;
        var span = AttributeValueSpan(text, lineStarts, lineInfo.LineNumber, lineInfo.LinePosition, attribute.Length);
        reader.MoveToElement();
        if (span is { } found)
        {
            entries.Add(new ConfigurationEntry(path, key, value, found, isConnectionString, isName));
        }
    }

    /// <summary>The value text of an attribute whose name starts at the 1-based line and column: after <c>=</c> and the quote, up to the matching quote.</summary>
    private static TextSpan? AttributeValueSpan(string text, int[] lineStarts, int line, int column, int nameLength)
    {
        if (line < 1 || line > lineStarts.Length || column < 1)
        {
            return null;
        }

        var position = lineStarts[line - 1] + column - 1 + nameLength;
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        if (position >= text.Length || text[position] != '=')
        {
            return null;
        }

        position++;
        while (position < text.Length && text[position] is ' ' or '\t' or '\r' or '\n')
        {
            position++;
        }

        if (position >= text.Length || text[position] is not ('"' or '\''))
        {
            return null;
        }

        var end = text.IndexOf(text[position], position + 1);
        return end < 0 ? null : TextSpan.FromBounds(position + 1, end);
    }

    /// <summary>Offsets where each line starts, breaking lines the way XML does (<c>\r\n</c>, <c>\r</c>, <c>\n</c>).</summary>
    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
            else if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts.ToArray();
    }
}

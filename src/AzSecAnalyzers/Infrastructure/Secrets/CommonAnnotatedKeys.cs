namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>
/// Microsoft's common annotated security keys (the layout Azure AI services, Azure OpenAI, Event Grid, App
/// Configuration, Communication Services, Maps and others issue): 84 base62 characters, or 88 in the long form
/// (two more characters and <c>==</c>), laid out as
/// <c>[52 random]JQQJ9[9|D|H][date: 2][platform: 12][provider data: 4][provider signature: 4][checksum: 4]</c>.
/// The checksum is a Marvin32 of the first 60 bytes (seed <c>Default0</c>), written as its base62 text or as its
/// base64 bytes, as Microsoft's reference implementation accepts both. The provider signature names the service;
/// for Cognitive Services (<c>ACOG</c>) the provider data names the exact service.
/// </summary>
internal static class CommonAnnotatedKeys
{
    private const int StandardLength = 84;
    private const int LongLength = 88;
    private const int SignatureOffset = 52;
    private const int ProviderDataOffset = 72;
    private const int ProviderSignatureOffset = 76;
    private const int ChecksumOffset = 80;

    public static readonly IdentifiableKeyFormat Unclassified = Format("CommonAnnotatedKey", "Microsoft common annotated security key");

    public static readonly IdentifiableKeyFormat AzureAIServices = Format("AzureAIServicesKey", "Azure AI services key");

    public static readonly IdentifiableKeyFormat AzureOpenAI = Format("AzureOpenAIKey", "Azure OpenAI key");

    private static readonly IdentifiableKeyFormat CognitiveServices = Format("CognitiveServicesKey", "Azure AI services (Cognitive Services) key");

    // The provider signature at offset 76: all upper case for customer-managed keys.
    private static readonly (string Signature, IdentifiableKeyFormat Format)[] Providers =
    {
        ("AZEG", Format("EventGridKey", "Azure Event Grid access key")),
        ("AZAC", Format("AppConfigurationKey", "Azure App Configuration access key")),
        ("AZCS", Format("CommunicationServicesKey", "Azure Communication Services access key")),
        ("AZMP", Format("MapsKey", "Azure Maps key")),
        ("AZMR", Format("MixedRealityKey", "Azure Mixed Reality key")),
        ("AZFR", Format("FluidRelayKey", "Azure Fluid Relay key")),
        ("AZDO", Format("AzureDevOpsKey", "Azure DevOps personal access token")),
        ("msql", Format("SqlServerKey", "SQL Server administrator key")),
    };

    // ACOG keys: the last character of the provider data ("AAA?") is the base64 digit of the service.
    private static readonly string[] CognitiveServiceNames =
    {
        "Azure AI services", "Azure OpenAI", "Azure Anomaly Detector (EE)", "Azure Anomaly Detector", "Azure Cognitive Services",
        "Azure AI Vision", "Azure Content Moderator", "Azure AI Content Safety", "Azure Custom Vision prediction", "Azure Custom Vision training",
        "Azure AI Face", "Azure AI Document Intelligence", "Azure Health Decision Support", "Azure AI Health Insights", "Azure AI Immersive Reader",
        "Azure AI services (all-in-one)", "Azure Knowledge", "Azure LUIS authoring", "Azure LUIS", "Azure AI Metrics Advisor",
        "Azure AI Personalizer", "Azure QnA Maker", "Azure QnA Maker v2", "Azure Speaker Recognition", "Azure AI Speech",
        "Azure AI Speech translation", "Azure AI Language", "Azure AI Translator", "Azure test (dummy)", "Azure Transcription Intelligence",
        "Azure Video Indexer", "Bing Autosuggest", "Bing Autosuggest v7", "Bing Custom Search", "Bing Custom Visual Search",
        "Bing Entity Search", "Bing Search", "Bing Search v7", "Bing Speech", "Bing Spell Check", "Bing Spell Check v7",
    };

    private static readonly IdentifiableKeyFormat[] CognitiveServiceFormats = CreateCognitiveServiceFormats();

    private const string Base64Digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>True for the kinds this class returns (which <see cref="IdentifiableKeys.IsValid"/> validates here).</summary>
    public static bool IsCommonAnnotatedFormat(IdentifiableKeyFormat format) => format.Signature == "JQQJ9";

    /// <summary>The first checksum-valid key in <paramref name="text"/> from <paramref name="start"/>, named by its provider.</summary>
    public static bool TryFind(string text, int start, out IdentifiableKeyFormat format, out int offset, out int length)
    {
        var index = start;
        while ((index = text.IndexOf("JQQJ9", index, StringComparison.Ordinal)) >= 0)
        {
            if (TryValidate(text, index - SignatureOffset, out length))
            {
                offset = index - SignatureOffset;
                format = Classify(text, offset);
                return true;
            }

            index++;
        }

        format = null!;
        offset = length = 0;
        return false;
    }

    private static bool TryValidate(string text, int offset, out int length)
    {
        length = 0;
        if (offset < 0 || offset + StandardLength > text.Length || (offset > 0 && Base64.IsStandardChar(text[offset - 1])))
        {
            return false;
        }

        for (var i = offset; i < offset + StandardLength; i++)
        {
            if (!IdentifiableKeys.IsAlphanumeric(text[i]))
            {
                return false;
            }
        }

        if (text[offset + SignatureOffset + 5] is not ('9' or 'D' or 'H')
            || text[offset + SignatureOffset + 7] is not (>= 'A' and <= 'L')
            || !char.IsLetter(text[offset + ProviderSignatureOffset]))
        {
            return false;
        }

        var longForm = offset + LongLength <= text.Length
            && IdentifiableKeys.IsAlphanumeric(text[offset + StandardLength])
            && IdentifiableKeys.IsAlphanumeric(text[offset + StandardLength + 1])
            && text[offset + StandardLength + 2] == '='
            && text[offset + StandardLength + 3] == '=';
        length = longForm ? LongLength : StandardLength;
        if (offset + length < text.Length && (Base64.IsStandardChar(text[offset + length]) || text[offset + length] == '='))
        {
            return false;
        }

        var bytes = Base64.TryDecode(text, offset, ChecksumOffset, urlSafe: false);
        if (bytes is null)
        {
            return false;
        }

        var checksum = Marvin.ComputeHash32(bytes, 0, bytes.Length, IdentifiableKeys.Default0);
        var written = longForm ? 6 : 4;
        var raw = Base64.Encode3(checksum & 0xFF, (checksum >> 8) & 0xFF, (checksum >> 16) & 0xFF);
        if (longForm)
        {
            var last = (checksum >> 24) & 0xFF;
            raw += new string(new[] { Base64Digits[last >> 2], Base64Digits[(last & 3) << 4] });
        }

        return string.CompareOrdinal(text, offset + ChecksumOffset, Base62Checksum.Encode(checksum), 0, written) == 0
            || string.CompareOrdinal(text, offset + ChecksumOffset, raw, 0, written) == 0;
    }

    private static IdentifiableKeyFormat Classify(string text, int offset)
    {
        if (string.CompareOrdinal(text, offset + ProviderSignatureOffset, "ACOG", 0, 4) == 0)
        {
            // "AAA?" names the service; anything else is a Cognitive Services key of an unknown service.
            if (string.CompareOrdinal(text, offset + ProviderDataOffset, "AAA", 0, 3) == 0)
            {
                var service = Base64Digits.IndexOf(text[offset + ProviderDataOffset + 3]);
                if (service >= 0 && service < CognitiveServiceFormats.Length)
                {
                    return CognitiveServiceFormats[service];
                }
            }

            return CognitiveServices;
        }

        foreach (var (signature, format) in Providers)
        {
            if (string.CompareOrdinal(text, offset + ProviderSignatureOffset, signature, 0, 4) == 0)
            {
                return format;
            }
        }

        return Unclassified;
    }

    private static IdentifiableKeyFormat[] CreateCognitiveServiceFormats()
    {
        var formats = new IdentifiableKeyFormat[CognitiveServiceNames.Length];
        for (var i = 0; i < formats.Length; i++)
        {
            formats[i] = i switch
            {
                0 => AzureAIServices,
                1 => AzureOpenAI,
                _ => Format(IdOf(CognitiveServiceNames[i]), CognitiveServiceNames[i] + " key"),
            };
        }

        return formats;
    }

    // "Azure AI Speech" -> "AzureAISpeechKey"
    private static string IdOf(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length + 3);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.Append("Key").ToString();
    }

    private static IdentifiableKeyFormat Format(string id, string displayName) => new(id, displayName, "JQQJ9", false, IdentifiableKeys.Default0);
}

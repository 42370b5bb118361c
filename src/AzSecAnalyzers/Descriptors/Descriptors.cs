namespace AzSecAnalyzers;

/// <summary>
/// The one registry of diagnostic descriptors, split into one partial file per category.
/// Every descriptor is made by <see cref="Create"/>, so help links, tags and enablement are uniform.
/// </summary>
public static partial class Descriptors
{
    public const string HelpLinkBase = "https://github.com/AzSecAnalyzers/AzSecAnalyzers/blob/main/docs/rules/";

    /// <summary>Custom tag carried by every descriptor of this package.</summary>
    public const string SecurityTag = "Security";

    public static string HelpLinkFor(string id) => HelpLinkBase + id + ".md";

    /// <param name="cwe">The CWE number the rule maps to, e.g. 295; emitted as the tag <c>CWE-295</c>.</param>
    /// <param name="owaspApi">For AZSEC4xx, the OWASP API Security Top 10 (2023) item, e.g. <c>API5</c>; emitted as <c>OWASP-API5:2023</c>.</param>
    /// <param name="alsoOwaspApi">A second OWASP item for a rule the spec maps to two (AZSEC410: API10 / API8), emitted after the first.</param>
    /// <param name="owaspLlm">For rules about language-model use, the OWASP Top 10 for LLM Applications (2025) item, e.g. <c>LLM05</c>; emitted as <c>OWASP-LLM05:2025</c>.</param>
    private static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        int cwe,
        string? owaspApi = null,
        bool isEnabledByDefault = true,
        string? alsoOwaspApi = null,
        string? owaspLlm = null)
    {
        var tags = owaspApi is null
            ? new[] { SecurityTag, "CWE-" + cwe }
            : new[] { SecurityTag, "CWE-" + cwe, "OWASP-" + owaspApi + ":2023" };
        if (alsoOwaspApi is not null)
        {
            tags = [.. tags, "OWASP-" + alsoOwaspApi + ":2023"];
        }

        if (owaspLlm is not null)
        {
            tags = [.. tags, "OWASP-" + owaspLlm + ":2025"];
        }

        // The one sanctioned use of the constructor (banned elsewhere in BannedSymbols.txt).
#pragma warning disable RS0030
        return new DiagnosticDescriptor(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault,
            description,
            HelpLinkFor(id),
            tags);
#pragma warning restore RS0030
    }
}

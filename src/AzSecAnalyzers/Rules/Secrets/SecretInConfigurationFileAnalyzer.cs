using System.IO;
using AzSecAnalyzers.Infrastructure.ConfigFiles;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC104: a secret in a configuration file the build sees as an AdditionalFile (the package's
/// buildTransitive targets add <c>appsettings*.json</c>, <c>local.settings.json</c>,
/// <c>secrets.json</c>, <c>*.config</c> and <c>*.publishsettings</c>). Values are judged by the
/// shared secret-shape engine; values under keys named like a secret are reported when they are
/// not placeholders, labels, URLs or paths, except in test projects and <c>*.Development.json</c>,
/// where only real-looking (shape-matched) secrets count.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("The secret sits in a configuration file, not in C#: moving it to Key Vault means creating the secret, granting the app access and rotating the leaked value, none of which an edit to the file can do.")]
public sealed partial class SecretInConfigurationFileAnalyzer : AzSecAnalyzer
{
    private static readonly char[] HostEnd = { ',', '\\', '/' };

    private const string NamedValueKind = "A value under a key named like a secret";

    private const string NamedKeyKind = "A random-looking name under a key named like a secret";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC104_SecretInConfigurationFile);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var isTestProject = TestProjects.IsTestProject(context.Compilation);
        var defaultNames = new SecretNames(SecretNames.DefaultPatterns);
        context.RegisterAdditionalFileAction(fileContext => Analyze(fileContext, isTestProject, defaultNames));
    }

    private static void Analyze(AdditionalFileAnalysisContext context, bool isTestProject, SecretNames defaultNames)
    {
        var file = context.AdditionalFile;
        var kind = ConfigurationFiles.Classify(file.Path);
        if (kind == ConfigurationFileKind.None
            || file.GetText(context.CancellationToken) is not { } source
            || source.Length == 0
            || source.Length > ConfigurationFiles.MaxLength)
        {
            return;
        }

        var fileName = Path.GetFileName(file.Path);
        var reportNamedValues = !isTestProject && !IsDevelopmentFile(fileName);
        var lenient = isTestProject || IsLocalDevelopmentFile(fileName);
        var names = reportNamedValues ? NamesFor(context, file, defaultNames) : defaultNames;
        var entries = ConfigurationFiles.Read(kind, source.ToString());
        var jsonWebKeys = JsonWebKeys.Find(entries);
        foreach (var entry in entries)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if ((jsonWebKeys.Judge(entry) ?? Judge(entry, names, reportNamedValues, lenient)) is not { } description)
            {
                continue;
            }

            var span = entry.Span;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC104_SecretInConfigurationFile,
                Location.Create(file.Path, span, source.Lines.GetLinePositionSpan(span)),
                description,
                fileName,
                ConfigurationPaths.ForDisplay(entry.Path)));
        }
    }

    /// <summary>What the value is, for the message (kind and redacted preview), or null when it is not a secret.</summary>
    /// <param name="entry">The value.</param>
    /// <param name="names">The secret-name patterns in force.</param>
    /// <param name="reportNamedValues">Whether a value is reported for its key's name alone (not in test projects or development files).</param>
    /// <param name="lenient">
    /// Local development files (<c>*.Development.json</c>, <c>local.settings.json</c>, user secrets) and test projects: a
    /// password for a database or cache on this machine is local development data there, and a committed secret anywhere else.
    /// </param>
    internal static string? Judge(ConfigurationEntry entry, SecretNames names, bool reportNamedValues, bool lenient)
    {
        var value = entry.Value;
        if (entry.IsName)
        {
            return JudgeName(entry, names, reportNamedValues);
        }

        // A JSON Web Key written as text: its braces would read as a "{…}" placeholder below.
        if (JsonWebKeys.IsPrivateJwkText(value) is { } jwk)
        {
            return jwk;
        }

        if (SecretValues.IsPlaceholder(value)
            || value.TrimStart().StartsWith("@Microsoft.", StringComparison.OrdinalIgnoreCase)
            || IsApplicationInsights(entry))
        {
            return null;
        }

        var options = SecretShapeOptions.For(entry.Key) | (lenient ? SecretScanOptions.None : SecretScanOptions.LocalServerPasswords);
        foreach (var match in SecretScanner.FindAll(value, options))
        {
            if (lenient && (match.Shape == SecretShapes.ConnectionStringPassword || match.Shape == SecretShapes.RedisPassword) && IsLocalServer(value))
            {
                continue;
            }

            return match.KindName + " (" + match.Preview + ")";
        }

        if (!reportNamedValues
            || entry.IsConnectionString
            || !names.IsSecretName(entry.Key)
            || SecretNames.IsIdentityBasedSetting(entry.Path)
            || LooksLikeConnectionString(value)
            || names.IsNonSecretValue(value, entry.Key)
            || IsJsonLiteralWord(value)
            || LooksLikePath(value)
            || DevelopmentEmulators.IsWellKnownKey(value))
        {
            return null;
        }

        return NamedValueKind;
    }

    /// <summary>
    /// A name is a secret when it has a credential's shape, or when it is a random token that names an entry of a
    /// map under a key named like a secret (<c>"ApiKeys": { "&lt;key&gt;": { … } }</c>). A name such as
    /// <c>Password</c> only says what its value is.
    /// </summary>
    private static string? JudgeName(ConfigurationEntry entry, SecretNames names, bool reportNamedValues)
    {
        var name = entry.Value;
        if (SecretValues.IsPlaceholder(name))
        {
            return null;
        }

        if (SecretScanner.TryFindFirst(name, out var match))
        {
            return match.KindName + " (" + match.Preview + ") used as a name";
        }

        var parentEnd = entry.Path.Length - name.Length - 1;
        if (!reportNamedValues || parentEnd <= 0 || !SecretValues.IsHighEntropyToken(name))
        {
            return null;
        }

        var parentStart = entry.Path.LastIndexOf(':', parentEnd - 1) + 1;
        return names.IsSecretName(entry.Path.Substring(parentStart, parentEnd - parentStart)) ? NamedKeyKind : null;
    }

    private static SecretNames NamesFor(AdditionalFileAnalysisContext context, AdditionalText file, SecretNames defaultNames)
    {
        var patterns = AzSecOptionDefinitions.SecretNamePatterns.Read(context.Options, file, RuleIds.SecretInConfigurationFile);
        return patterns.IsDefault ? defaultNames : new SecretNames(patterns);
    }

    /// <summary><c>appsettings.Development.json</c>, <c>secrets.Development.json</c>: local development values.</summary>
    private static bool IsDevelopmentFile(string fileName)
        => fileName.EndsWith(".Development.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Files that only ever configure a developer's machine: development settings, Functions' <c>local.settings.json</c>, user secrets.</summary>
    private static bool IsLocalDevelopmentFile(string fileName)
        => IsDevelopmentFile(fileName)
           || fileName.Equals("local.settings.json", StringComparison.OrdinalIgnoreCase)
           || fileName.Equals("secrets.json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Microsoft does not treat Application Insights instrumentation keys and connection strings as secrets.</summary>
    private static bool IsApplicationInsights(ConfigurationEntry entry)
        => entry.Path.IndexOf("ApplicationInsights", StringComparison.OrdinalIgnoreCase) >= 0
           || entry.Path.IndexOf("APPLICATIONINSIGHTS_", StringComparison.OrdinalIgnoreCase) >= 0
           || entry.Path.IndexOf("InstrumentationKey", StringComparison.OrdinalIgnoreCase) >= 0
           || entry.Value.TrimStart().StartsWith("InstrumentationKey=", StringComparison.OrdinalIgnoreCase);

    /// <summary>A database or cache on this machine or a local container (<c>Server=localhost</c>, <c>localhost:6379,password=…</c>).</summary>
    private static bool IsLocalServer(string value)
    {
        var parsed = ConnectionString.Parse(value);
        if (!parsed.TryGetAny(out var server, "Server", "Data Source", "Host", "Address", "Addr", "Network Address"))
        {
            var redis = RedisConfiguration.Parse(value);
            return redis.Count > 0 && redis[0].IsEndpoint && AzureEndpoints.IsLocalHost(redis[0].Host);
        }

        var host = server.Value.Trim();
        if (host.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
        {
            host = host.Substring(4);
        }

        if (host.StartsWith("(localdb)", StringComparison.OrdinalIgnoreCase) || host.Equals("(local)", StringComparison.OrdinalIgnoreCase) || host == ".")
        {
            return true;
        }

        var cut = host.IndexOfAny(HostEnd);
        if (cut >= 0)
        {
            host = host.Substring(0, cut);
        }

        if (host.IndexOf(':') == host.LastIndexOf(':') && host.IndexOf(':') > 0)
        {
            host = host.Substring(0, host.IndexOf(':'));
        }

        return AzureEndpoints.IsLocalHost(host);
    }

    /// <summary>A <c>key=value;…</c> string: its credential parts are the shape engine's business, the rest is not a secret.</summary>
    private static bool LooksLikeConnectionString(string value)
        => value.IndexOf('=') > 0 && ConnectionString.Parse(value).Parts.Count >= 1 && (value.IndexOf(';') > 0 || value.StartsWith("UseDevelopment", StringComparison.OrdinalIgnoreCase));

    private static bool IsJsonLiteralWord(string value)
        => value.Trim() is "true" or "false" or "True" or "False" or "null";

    /// <summary>A file path (a certificate or key file is named, not embedded): <c>/certs/app.pfx</c>, <c>./keys/signing.pem</c>, <c>C:\keys\app.pfx</c>.</summary>
    private static bool LooksLikePath(string value)
    {
        var text = value.Trim();
        if (text.IndexOf(' ') >= 0 && text.IndexOf('/') < 0 && text.IndexOf('\\') < 0)
        {
            return false;
        }

        if (text.StartsWith("/", StringComparison.Ordinal) || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal)
            || text.StartsWith("~/", StringComparison.Ordinal) || text.StartsWith("\\\\", StringComparison.Ordinal)
            || (text.Length > 2 && char.IsLetter(text[0]) && text[1] == ':' && text[2] is '\\' or '/'))
        {
            return true;
        }

        var dot = text.LastIndexOf('.');
        var extension = dot > 0 ? text.Substring(dot + 1).ToLowerInvariant() : string.Empty;
        return extension is "pfx" or "p12" or "pem" or "key" or "crt" or "cer" or "json" or "txt" or "snk";
    }
}

using System.Collections.Immutable;
using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>
/// Never echo a secret: build logs are public. For every secret kind, every analyzer and every fix
/// of the package runs over code holding the (invented) secret, and no message, diagnostic property
/// or code-fix title may contain it: at most the short redacted preview the rules show.
/// </summary>
[Trait("Category", "Robustness")]
public class SecretHygieneTests
{
    private static readonly string StorageKeyWithBase62Checksum = TestSecrets.IdentifiableKey(
        AzSecAnalyzers.Infrastructure.Secrets.IdentifiableKeys.All.Single(f => f.Id == "StorageIdentifiableKey"), 64, base62Checksum: true);

    public static TheoryData<string, string, string> Secrets() => new()
    {
        // kind, the secret value as it sits in the code, the part that must never be shown
        { "storage account key", TestSecrets.StorageConnectionString, TestSecrets.StorageKey },
        { "Cosmos DB key", TestSecrets.CosmosConnectionString, TestSecrets.CosmosKey },
        { "Service Bus shared access key", TestSecrets.ServiceBusConnectionString, TestSecrets.SharedKey },
        { "App Configuration secret", "Endpoint=https://contoso.azconfig.io;Id=Ab12-l9-s0:Qp7Zx2;Secret=" + TestSecrets.AppConfigSecret, TestSecrets.AppConfigSecret },
        { "SQL password", TestSecrets.SqlConnectionString, "Tr1cky-Pa55word!" },
        { "SAS signature", TestSecrets.SasUrl, TestSecrets.SasSignature },
        { "PEM private key", TestSecrets.PemKey, TestSecrets.PemBody },
        { "Entra client secret", TestSecrets.EntraSecret, TestSecrets.EntraSecret },
        { "Azure AI services key", TestSecrets.AzureAIServicesKey(), TestSecrets.AzureAIServicesKey() },
        { "Event Grid key (long form)", TestSecrets.CommonAnnotatedKey("AZEG", longForm: true), TestSecrets.CommonAnnotatedKey("AZEG", longForm: true) },
        { "storage key with a base62 checksum", "AccountKey=" + StorageKeyWithBase62Checksum, StorageKeyWithBase62Checksum },
    };

    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task NoMessagePropertyOrFixTitle_ContainsTheSecret(string kind, string value, string secret)
    {
        var literal = value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
        var source = $$"""
            using System.Net;
            using Azure.Identity;
            using Azure.Storage.Blobs;
            using Microsoft.Extensions.Configuration;

            class Settings
            {
                private const string ConnectionString = "{{literal}}";
                public string ApiSecret { get; set; } = "{{literal}}";

                public NetworkCredential Network() => new NetworkCredential("svc", "{{literal}}");
                public ClientSecretCredential Entra() => new ClientSecretCredential("tenant", "client", "{{literal}}");
                public BlobServiceClient Blobs(IConfiguration configuration) => new BlobServiceClient(ConnectionString);
                public string Inline() => $"{{literal}}";
            }
            """;

        using var runner = new RobustnessRunner();
        var outcome = await runner.RunAsync(RobustnessCase.Single(kind, source), applyFixes: true, CancellationToken.None);

        Assert.Empty(outcome.Failures);
        Assert.True(outcome.Diagnostics > 0, $"No rule reported the {kind}: this check would be vacuous");

        // The redacted preview may show the first few characters; nothing beyond them may appear.
        var leak = secret.Length > 12 ? secret.Substring(4, Math.Min(12, secret.Length - 4)) : secret;
        var leaking = outcome.ShownTexts.Where(text => text.Contains(leak, StringComparison.Ordinal)).ToList();
        Assert.True(leaking.Count == 0, $"The {kind} is shown in:\n{string.Join("\n", leaking)}");
    }

    /// <summary>The same for findings in configuration files (AZSEC104): the value sits in appsettings.json and web.config.</summary>
    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task ConfigurationFileFinding_DoesNotShowTheSecret(string kind, string value, string secret)
    {
        var json = value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
        var xml = System.Security.SecurityElement.Escape(value);
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryText("/app/appsettings.json", $$"""{ "ConnectionStrings": { "Main": "{{json}}" }, "Auth": { "ClientSecret": "{{json}}" } }"""),
            new InMemoryText("/app/web.config", $"""<configuration><connectionStrings><add name="Main" connectionString="{xml}" /></connectionStrings><appSettings><add key="ApiKey" value="{xml}" /></appSettings></configuration>"""));

        var compilation = CSharpCompilation.Create("Hygiene", new[] { CSharpSyntaxTree.ParseText("class C { }") }, AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly);
        var diagnostics = await compilation.WithAnalyzers(AzSecAnalyzers.Tests.Meta.PackageCatalog.CreateAnalyzers(), new AnalyzerOptions(files)).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        Assert.True(diagnostics.Count(d => d.Id == "AZSEC104") >= 2, $"AZSEC104 did not report the {kind} in both files: this check would be vacuous");
        var leak = secret.Length > 12 ? secret.Substring(4, Math.Min(12, secret.Length - 4)) : secret;
        var shown = diagnostics.SelectMany(d => new[] { d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) }.Concat(d.Properties.Values.Select(v => v ?? string.Empty)));
        Assert.DoesNotContain(shown, text => text.Contains(leak, StringComparison.Ordinal));
    }

    /// <summary>
    /// The same when the secret is a name (an API-key map, an <c>&lt;add key="…"&gt;</c>) and so part of every
    /// configuration path below it, which the message shows.
    /// </summary>
    [Theory]
    [MemberData(nameof(Secrets))]
    public async Task ConfigurationFileFinding_WithTheSecretAsAName_DoesNotShowIt(string kind, string value, string secret)
    {
        var json = value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
        var xml = System.Security.SecurityElement.Escape(value);
        var files = ImmutableArray.Create<AdditionalText>(
            new InMemoryText("/app/appsettings.json", $$"""{ "ApiKeys": { "{{json}}": { "Owner": "orders-app", "Password": "S3cure-Passw0rd" } } }"""),
            new InMemoryText("/app/web.config", $"""<configuration><appSettings><add key="{xml}" value="orders-app" /></appSettings></configuration>"""));

        var compilation = CSharpCompilation.Create("Hygiene", new[] { CSharpSyntaxTree.ParseText("class C { }") }, AzSecAnalyzers.Tests.Verifiers.TestReferences.NetCoreOnly);
        var diagnostics = await compilation.WithAnalyzers(AzSecAnalyzers.Tests.Meta.PackageCatalog.CreateAnalyzers(), new AnalyzerOptions(files)).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.ToString()));
        Assert.True(diagnostics.Count(d => d.Id == "AZSEC104") >= 3, $"AZSEC104 did not report the {kind} as a name in both files and the password below it: this check would be vacuous");
        var leak = secret.Length > 12 ? secret.Substring(4, Math.Min(12, secret.Length - 4)) : secret;
        var shown = diagnostics.SelectMany(d => new[] { d.GetMessage(System.Globalization.CultureInfo.InvariantCulture) }.Concat(d.Properties.Values.Select(v => v ?? string.Empty)));
        Assert.DoesNotContain(shown, text => text.Contains(leak, StringComparison.Ordinal));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }
}

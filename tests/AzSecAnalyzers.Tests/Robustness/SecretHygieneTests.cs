using AzSecAnalyzers.Tests.Infrastructure;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>
/// Never echo a secret: build logs are public. For every secret kind, every analyzer and every fix
/// of the package runs over code holding the (invented) secret, and no message, diagnostic property
/// or code-fix title may contain it: at most the short redacted preview the rules show.
/// </summary>
[Trait("Category", "Robustness")]
public class SecretHygieneTests
{
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
}

using System;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace SecureApp;

// Secrets done right: nothing secret in source. Endpoints come from configuration, credentials from
// Microsoft Entra ID, and the one remaining secret from Azure Key Vault.
public sealed class SecretsExamples(IConfiguration configuration)
{
    // Names of secrets and settings are not secrets.
    private const string ReportingPasswordSecretName = "reporting-password";
    private const string PasswordPrompt = "Enter password:";
    private const string LocalStorage = "UseDevelopmentStorage=true";

    public BlobServiceClient CreateArchiveClient()
        => new(new Uri(configuration["Archive:ServiceUri"] ?? "https://contosoarchive.blob.core.windows.net/"), new DefaultAzureCredential());

    public BlobServiceClient CreateLocalClient() => new(LocalStorage);

    public string ReadReportingPassword()
    {
        var vault = new SecretClient(new Uri(configuration["KeyVault:Uri"] ?? "https://contoso-kv.vault.azure.net/"), new DefaultAzureCredential());
        return vault.GetSecret(ReportingPasswordSecretName).Value.Value;
    }

    public static string Prompt() => PasswordPrompt;
}

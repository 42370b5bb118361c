using System.Threading.Tasks;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace SecureApp;

// Logging about a secret without logging the secret: its name, version and length are enough to
// diagnose a rotation problem.
public sealed class SecretLeakExamples(SecretClient secrets, ILogger<SecretLeakExamples> logger)
{
    public async Task<bool> CheckReportingPasswordAsync()
    {
        KeyVaultSecret secret = await secrets.GetSecretAsync("reporting-password");
        logger.LogInformation("Loaded secret {Name} version {Version} ({Length} characters)", secret.Name, secret.Properties.Version, secret.Value.Length);
        return secret.Value.Length >= 16;
    }
}

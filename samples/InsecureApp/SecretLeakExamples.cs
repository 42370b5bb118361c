using System.Threading.Tasks;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;

namespace InsecureApp;

// A secret read from Key Vault and then copied into the application log, where everyone who can read
// the log workspace can read it too.
public sealed class SecretLeakExamples(SecretClient secrets, ILogger<SecretLeakExamples> logger)
{
    public async Task<bool> CheckReportingPasswordAsync()
    {
        KeyVaultSecret secret = await secrets.GetSecretAsync("reporting-password");

        // AZSEC105: the secret's value is a structured-logging argument.
        logger.LogInformation("Loaded reporting password {Password}", secret.Value);
        return secret.Value.Length >= 16;
    }
}

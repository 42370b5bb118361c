namespace AzSecAnalyzers.Tests.StandIns;

/// <summary>
/// Azure.Security.KeyVault.Keys is not served by the package registry this project restores from. This
/// stand-in copies only the public signatures AZSEC503's RSA key-size check needs (CreateRsaKeyOptions and
/// KeyClient.CreateRsaKey/CreateRsaKeyAsync), in the package's own namespace; bodies are empty.
/// Tests add <see cref="Source"/> to their compilation as a second document.
/// </summary>
internal static class KeyVaultKeysStandIn
{
    public const string FileName = "KeyVaultKeysStandIn.cs";

    public const string Source = """
        namespace Azure.Security.KeyVault.Keys
        {
            public class CreateKeyOptions
            {
                public CreateKeyOptions() { }
                public System.DateTimeOffset? ExpiresOn { get; set; }
            }

            public class CreateRsaKeyOptions : CreateKeyOptions
            {
                public CreateRsaKeyOptions(string name, bool? hardwareProtected = null) { }
                public string Name { get { throw null!; } }
                public bool HardwareProtected { get { throw null!; } }
                public int? KeySize { get; set; }
                public int? PublicExponent { get; set; }
            }

            public class KeyVaultKey { }

            public class KeyClient
            {
                protected KeyClient() { }
                public KeyClient(System.Uri vaultUri, Azure.Core.TokenCredential credential) { }
                public virtual Azure.Response<KeyVaultKey> CreateRsaKey(CreateRsaKeyOptions rsaKeyOptions, System.Threading.CancellationToken cancellationToken = default) { throw null!; }
                public virtual System.Threading.Tasks.Task<Azure.Response<KeyVaultKey>> CreateRsaKeyAsync(CreateRsaKeyOptions rsaKeyOptions, System.Threading.CancellationToken cancellationToken = default) { throw null!; }
            }
        }
        """;
}

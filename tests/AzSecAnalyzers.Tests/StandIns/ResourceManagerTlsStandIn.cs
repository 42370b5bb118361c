namespace AzSecAnalyzers.Tests.StandIns;

/// <summary>
/// Azure.ResourceManager.Storage and Azure.ResourceManager.Redis are not served by the package
/// registry this project restores from. This stand-in copies only the public signatures AZSEC302's
/// minimum-TLS-version check needs (the extensible enums and one settable property each); bodies are
/// empty. Tests add <see cref="Source"/> to their compilation as a second document.
/// </summary>
internal static class ResourceManagerTlsStandIn
{
    public const string Source = """
        namespace Azure.ResourceManager.Storage.Models
        {
            public readonly partial struct StorageMinimumTlsVersion : System.IEquatable<StorageMinimumTlsVersion>
            {
                public StorageMinimumTlsVersion(string value) { }
                public static StorageMinimumTlsVersion Tls1_0 { get { throw null!; } }
                public static StorageMinimumTlsVersion Tls1_1 { get { throw null!; } }
                public static StorageMinimumTlsVersion Tls1_2 { get { throw null!; } }
                public bool Equals(StorageMinimumTlsVersion other) { throw null!; }
                public static implicit operator StorageMinimumTlsVersion(string value) { throw null!; }
            }

            public partial class StorageAccountPatch
            {
                public StorageAccountPatch() { }
                public StorageMinimumTlsVersion? MinimumTlsVersion { get { throw null!; } set { } }
            }
        }

        namespace Azure.ResourceManager.Redis.Models
        {
            public readonly partial struct RedisTlsVersion : System.IEquatable<RedisTlsVersion>
            {
                public RedisTlsVersion(string value) { }
                public static RedisTlsVersion One0 { get { throw null!; } }
                public static RedisTlsVersion One1 { get { throw null!; } }
                public static RedisTlsVersion One2 { get { throw null!; } }
                public bool Equals(RedisTlsVersion other) { throw null!; }
                public static implicit operator RedisTlsVersion(string value) { throw null!; }
            }

            public partial class RedisPatch
            {
                public RedisPatch() { }
                public RedisTlsVersion? MinimumTlsVersion { get { throw null!; } set { } }
            }
        }
        """;
}

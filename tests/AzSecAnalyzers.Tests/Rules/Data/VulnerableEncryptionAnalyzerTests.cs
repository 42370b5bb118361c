using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Data.VulnerableEncryptionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Data;

public class VulnerableEncryptionAnalyzerTests
{
    internal const string ClientSideProblem = "selects ClientSideEncryptionVersion.V1_0, whose unauthenticated AES-CBC is open to padding-oracle attacks (CVE-2022-30187)";
    internal const string ClientSideFix = "use ClientSideEncryptionVersion.V2_0 (AES-GCM)";
    internal const string RsaFix = "use at least 2048 bits (3072 or more for data that must stay secret past 2030)";
    private const string EcbProblem = "uses CipherMode.ECB, which encrypts equal blocks to equal ciphertext and leaks patterns";
    private const string EcbFix = "use authenticated encryption (AesGcm), or Aes with CBC, a random IV per message and a MAC";
    private const string WeakCipherFix = "use AES (Aes.Create(), or AesGcm for authenticated encryption)";

    private static DiagnosticResult Expected(int location, string api, string problem, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(location).WithArguments(api, problem, fix);

    private static string Bits(int bits) => $"asks for a {bits}-bit RSA key";

    private static string Weak(string cipher) => $"creates a {cipher} cipher, which is broken or deprecated";

    [Fact]
    public Task ClientSideEncryptionV1_ConstructorAndProperty_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage;
        using Azure.Storage.Queues.Specialized;

        class C
        {
            private const ClientSideEncryptionVersion Legacy = ClientSideEncryptionVersion.V1_0;

            void Run(ClientSideEncryptionOptions existing)
            {
                var blobs = new ClientSideEncryptionOptions({|#0:ClientSideEncryptionVersion.V1_0|});
                var queues = new QueueClientSideEncryptionOptions(version: {|#1:ClientSideEncryptionVersion.V1_0|});
                var isOld = existing.EncryptionVersion == ClientSideEncryptionVersion.V1_0;
                const ClientSideEncryptionVersion legacy = ClientSideEncryptionVersion.V1_0;
                var viaConstant = new ClientSideEncryptionOptions({|#2:legacy|});
                var version = ClientSideEncryptionVersion.V1_0;
                var later = new ClientSideEncryptionOptions({|#3:version|});
                var field = new ClientSideEncryptionOptions({|#4:Legacy|});
            }
        }
        """,
        Expected(0, "The 'ClientSideEncryptionOptions' constructor argument 'version'", ClientSideProblem, ClientSideFix),
        Expected(1, "The 'QueueClientSideEncryptionOptions' constructor argument 'version'", ClientSideProblem, ClientSideFix),
        Expected(2, "The 'ClientSideEncryptionOptions' constructor argument 'version'", ClientSideProblem, ClientSideFix),
        Expected(3, "The 'ClientSideEncryptionOptions' constructor argument 'version'", ClientSideProblem, ClientSideFix),
        Expected(4, "The 'ClientSideEncryptionOptions' constructor argument 'version'", ClientSideProblem, ClientSideFix));

    [Fact]
    public Task ClientSideEncryptionV2_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Azure.Storage;

        class C
        {
            void Run(ClientSideEncryptionOptions existing, ClientSideEncryptionVersion fromConfig)
            {
                var options = new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0);
                var configured = new ClientSideEncryptionOptions(fromConfig);
                var isOld = existing.EncryptionVersion == ClientSideEncryptionVersion.V1_0;
            }
        }
        """);

    [Fact]
    public Task SmallRsaKeys_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            private const int Bits = 512;

            void Run(RSA existing)
            {
                using var a = RSA.Create({|#0:1024|});
                using var b = new RSACryptoServiceProvider({|#1:1024|});
                existing.KeySize = {|#2:Bits|};
                using var c = RSA.Create();
                c.KeySize = {|#3:1536|};
            }
        }
        """,
        Expected(0, "The 'RSA.Create' argument 'keySizeInBits'", Bits(1024), RsaFix),
        Expected(1, "The 'RSACryptoServiceProvider' constructor argument 'dwKeySize'", Bits(1024), RsaFix),
        Expected(2, "'RSA.KeySize'", Bits(512), RsaFix),
        Expected(3, "'RSA.KeySize'", Bits(1536), RsaFix));

    [Fact]
    public Task SmallRsaKeysThroughSettingsAndOtherRsaTypes_Trigger()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Security.Cryptography;

                class Signer
                {
                    byte[] Sign(byte[] data)
                    {
                        using var a = RSA.Create({|#0:KeySettings.LegacyBits|});
                        using var b = new RSACryptoServiceProvider { KeySize = {|#1:KeySettings.CompatibleBits|} };
                        using var c = new RSAOpenSsl({|#2:1024|});
                        using var d = RSA.Create();
                        d.KeySize = {|#3:KeySettings.CompatibleBits|};
                        return a.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                    }
                }
                """,
        };
        test.TestState.Sources.Add(("KeySettings.cs", """
            static class KeySettings
            {
                public const int LegacyBits = 1024;
                public static readonly int CompatibleBits = 1536;
            }
            """));
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Expected(0, "The 'RSA.Create' argument 'keySizeInBits'", Bits(1024), RsaFix),
            Expected(1, "'RSACryptoServiceProvider.KeySize'", Bits(1536), RsaFix),
            Expected(2, "The 'RSAOpenSsl' constructor argument 'keySize'", Bits(1024), RsaFix),
            Expected(3, "'RSA.KeySize'", Bits(1536), RsaFix),
        });
        return test.RunAsync();
    }

    [Fact]
    public Task OtherKeySizesAndRsaKeysThatAreLargeOrConfigured_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        static class KeySettings
        {
            public static readonly int Bits = 3072;
            public static int Configured = 1024;
        }

        class C
        {
            void Run(int fromConfiguration)
            {
                using var aes = Aes.Create();
                aes.KeySize = 128;
                using var ecdsa = ECDsa.Create();
                ecdsa.KeySize = 256;
                using var a = RSA.Create(KeySettings.Bits);
                using var b = RSA.Create(fromConfiguration);
                using var c = RSA.Create(KeySettings.Configured);
                if (a.KeySize < 2048)
                {
                    throw new CryptographicException("RSA keys must have at least 2048 bits.");
                }
            }
        }
        """);

    [Fact]
    public Task KeyVaultRsaKeyUnder2048_Triggers()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Threading.Tasks;
                using Azure.Security.KeyVault.Keys;

                class C
                {
                    async Task Run(KeyClient keys)
                    {
                        await keys.CreateRsaKeyAsync(new CreateRsaKeyOptions("signing") { KeySize = {|#0:1024|} });
                        var options = new CreateRsaKeyOptions("wrapping", hardwareProtected: true);
                        options.KeySize = {|#1:1024|};
                        keys.CreateRsaKey(options);
                    }
                }
                """,
        };
        test.TestState.Sources.Add((KeyVaultKeysStandIn.FileName, KeyVaultKeysStandIn.Source));
        test.ExpectedDiagnostics.Add(Expected(0, "'CreateRsaKeyOptions.KeySize'", Bits(1024), RsaFix));
        test.ExpectedDiagnostics.Add(Expected(1, "'CreateRsaKeyOptions.KeySize'", Bits(1024), RsaFix));
        return test.RunAsync();
    }

    [Fact]
    public Task RsaKeysOf2048AndMore_DoNotTrigger()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Security.Cryptography;
                using Azure.Security.KeyVault.Keys;

                class C
                {
                    void Run(KeyClient keys, int configured)
                    {
                        using var a = RSA.Create(2048);
                        using var b = new RSACryptoServiceProvider(4096);
                        a.KeySize = 3072;
                        a.KeySize = configured;
                        keys.CreateRsaKey(new CreateRsaKeyOptions("signing") { KeySize = 4096 });
                        keys.CreateRsaKey(new CreateRsaKeyOptions("default"));
                        using var ecdsa = ECDsa.Create();
                        ecdsa.KeySize = 256;
                        var aes = Aes.Create();
                        aes.KeySize = 128;
                    }
                }
                """,
        };
        test.TestState.Sources.Add((KeyVaultKeysStandIn.FileName, KeyVaultKeysStandIn.Source));
        return test.RunAsync();
    }

    [Fact]
    public Task EcbMode_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            byte[] Run(byte[] key, byte[] data)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                aes.Mode = {|#0:CipherMode.ECB|};
                var encrypted = aes.{|#1:EncryptEcb|}(data, PaddingMode.PKCS7);
                return aes.{|#2:DecryptEcb|}(encrypted, PaddingMode.PKCS7);
            }
        }
        """,
        Expected(0, "'Aes.Mode'", EcbProblem, EcbFix),
        Expected(1, "'Aes.EncryptEcb'", EcbProblem, EcbFix),
        Expected(2, "'Aes.DecryptEcb'", EcbProblem, EcbFix));

    [Fact]
    public Task AesGcmAndCbc_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            void Run(byte[] key, byte[] nonce, byte[] plaintext, byte[] ciphertext, byte[] tag, byte[] iv)
            {
                using var gcm = new AesGcm(key, 16);
                gcm.Encrypt(nonce, plaintext, ciphertext, tag);
                using var aes = Aes.Create();
                aes.Mode = CipherMode.CBC;
                aes.EncryptCbc(plaintext, iv);
                var isEcb = aes.Mode == CipherMode.ECB;
            }
        }
        """);

    [Fact]
    public Task WeakCiphers_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            void Run()
            {
        #pragma warning disable SYSLIB0021, SYSLIB0045
                using var des = {|#0:DES.Create()|};
                using var tripleDes = {|#1:TripleDES.Create()|};
                using var rc2 = {|#2:RC2.Create()|};
                using var provider = {|#3:new DESCryptoServiceProvider()|};
                using var tripleProvider = {|#4:new TripleDESCryptoServiceProvider()|};
                using var rc2Provider = {|#5:new RC2CryptoServiceProvider()|};
                using var byName = {|#6:SymmetricAlgorithm.Create("TripleDES")|};
        #pragma warning restore SYSLIB0021, SYSLIB0045
            }
        }
        """,
        Expected(0, "'DES.Create'", Weak("DES"), WeakCipherFix),
        Expected(1, "'TripleDES.Create'", Weak("Triple DES"), WeakCipherFix),
        Expected(2, "'RC2.Create'", Weak("RC2"), WeakCipherFix),
        Expected(3, "'new DESCryptoServiceProvider()'", Weak("DES"), WeakCipherFix),
        Expected(4, "'new TripleDESCryptoServiceProvider()'", Weak("Triple DES"), WeakCipherFix),
        Expected(5, "'new RC2CryptoServiceProvider()'", Weak("RC2"), WeakCipherFix),
        Expected(6, "'SymmetricAlgorithm.Create'", Weak("Triple DES"), WeakCipherFix));

    [Fact]
    public Task AesByNameAndOtherAlgorithms_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography;

        class C
        {
            void Run(string configured)
            {
        #pragma warning disable SYSLIB0045
                using var aes = SymmetricAlgorithm.Create("AES");
                using var unknown = SymmetricAlgorithm.Create(configured);
        #pragma warning restore SYSLIB0045
                using var rsa = RSA.Create();
                using var sha = SHA256.Create();
            }
        }
        """);

    [Fact]
    public Task UserTypesWithTheSameNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        namespace MyCrypto
        {
            public enum ClientSideEncryptionVersion { V1_0 = 1, V2_0 = 2 }
            public enum CipherMode { CBC, ECB }

            public class ClientSideEncryptionOptions
            {
                public ClientSideEncryptionOptions(ClientSideEncryptionVersion version) { }
            }

            public class DES
            {
                public static DES Create() => new();
                public CipherMode Mode { get; set; }
                public int KeySize { get; set; }
            }

            public class CreateRsaKeyOptions
            {
                public int? KeySize { get; set; }
            }

            class C
            {
                void Run()
                {
                    var options = new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V1_0);
                    var des = DES.Create();
                    des.Mode = CipherMode.ECB;
                    des.KeySize = 1024;
                    var key = new CreateRsaKeyOptions { KeySize = 1024 };
                }
            }
        }
        """);

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using System.Security.Cryptography;
                using Azure.Storage;

                class C
                {
                    void Run(Aes aes)
                    {
                        var options = new ClientSideEncryptionOptions(ClientSideEncryptionVersion.
                        aes.Mode = ;
                        using var rsa = RSA.Create(
                        rsa.KeySize = 99999999999;
                        SymmetricAlgorithm.Create(null);
                        var x = new ();
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Security.Cryptography;

        class C
        {
            void Run()
            {
                using var des = DES.Create();
                using var rsa = RSA.Create(1024);
            }
        }
        """);
}

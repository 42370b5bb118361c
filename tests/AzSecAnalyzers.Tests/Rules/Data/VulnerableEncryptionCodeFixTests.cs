using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Data.VulnerableEncryptionAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Data.VulnerableEncryptionCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Data;

public class VulnerableEncryptionCodeFixTests
{
    private const string Options = "The 'ClientSideEncryptionOptions' constructor argument 'version'";

    private static DiagnosticResult Version(int location, string api = Options)
        => Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(location).WithArguments(
            api, VulnerableEncryptionAnalyzerTests.ClientSideProblem, VulnerableEncryptionAnalyzerTests.ClientSideFix);

    private static DiagnosticResult KeySize(int location, string api, int bits)
        => Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(location).WithArguments(
            api, $"asks for a {bits}-bit RSA key", VulnerableEncryptionAnalyzerTests.RsaFix);

    private static DiagnosticResult Ecb(int location)
        => Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(location).WithArguments(
            "'Aes.Mode'",
            "uses CipherMode.ECB, which encrypts equal blocks to equal ciphertext and leaks patterns",
            "use authenticated encryption (AesGcm), or Aes with CBC, a random IV per message and a MAC");

    [Fact]
    public Task ClientSideV1_BecomesV2() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage;

        class C
        {
            ClientSideEncryptionOptions Create() => new ClientSideEncryptionOptions({|#0:ClientSideEncryptionVersion.V1_0|});
        }
        """, Version(0), """
        using Azure.Storage;

        class C
        {
            ClientSideEncryptionOptions Create() => new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0);
        }
        """, EquivalenceKeys.UseSecureEncryptionSetting);

    [Fact]
    public Task ClientSideV1ThroughLocal_ReplacedAtTheArgument() => Verify.VerifyCodeFixAsync("""
        using Azure.Storage.Queues.Specialized;

        class C
        {
            QueueClientSideEncryptionOptions Create()
            {
                var version = Azure.Storage.ClientSideEncryptionVersion.V1_0;
                return new QueueClientSideEncryptionOptions({|#0:version|});
            }
        }
        """, Version(0, "The 'QueueClientSideEncryptionOptions' constructor argument 'version'"), """
        using Azure.Storage;
        using Azure.Storage.Queues.Specialized;

        class C
        {
            QueueClientSideEncryptionOptions Create()
            {
                var version = Azure.Storage.ClientSideEncryptionVersion.V1_0;
                return new QueueClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0);
            }
        }
        """, EquivalenceKeys.UseSecureEncryptionSetting);

    [Fact]
    public Task SmallRsaKeys_FixAllBecome2048() => Verify.VerifyCodeFixAsync("""
        using System.Security.Cryptography;

        class C
        {
            void Run(RSA existing)
            {
                using var a = RSA.Create({|#0:1024|});
                using var b = new RSACryptoServiceProvider(dwKeySize: {|#1:512|});
                existing.KeySize = {|#2:1024|};
            }
        }
        """, new[]
        {
            KeySize(0, "The 'RSA.Create' argument 'keySizeInBits'", 1024),
            KeySize(1, "The 'RSACryptoServiceProvider' constructor argument 'dwKeySize'", 512),
            KeySize(2, "'RSA.KeySize'", 1024),
        }, """
        using System.Security.Cryptography;

        class C
        {
            void Run(RSA existing)
            {
                using var a = RSA.Create(2048);
                using var b = new RSACryptoServiceProvider(dwKeySize: 2048);
                existing.KeySize = 2048;
            }
        }
        """, EquivalenceKeys.UseSecureEncryptionSetting);

    [Fact]
    public Task KeyVaultRsaKey_Becomes2048()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.Security.KeyVault.Keys;

                class C
                {
                    void Run(KeyClient keys) => keys.CreateRsaKey(new CreateRsaKeyOptions("signing") { KeySize = {|#0:1024|} });
                }
                """,
            FixedCode = """
                using Azure.Security.KeyVault.Keys;

                class C
                {
                    void Run(KeyClient keys) => keys.CreateRsaKey(new CreateRsaKeyOptions("signing") { KeySize = 2048 });
                }
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.UseSecureEncryptionSetting,
        };
        test.TestState.Sources.Add((KeyVaultKeysStandIn.FileName, KeyVaultKeysStandIn.Source));
        test.FixedState.Sources.Add((KeyVaultKeysStandIn.FileName, KeyVaultKeysStandIn.Source));
        test.ExpectedDiagnostics.Add(KeySize(0, "'CreateRsaKeyOptions.KeySize'", 1024));
        return test.RunAsync();
    }

    [Fact]
    public Task FixAll_RepairsVersionAndKeySizeTogether_LeavesEcb() => new Verify.Test
    {
        TestCode = """
            using System.Security.Cryptography;
            using Azure.Storage;

            class C
            {
                ClientSideEncryptionOptions Options() => new ClientSideEncryptionOptions({|#0:ClientSideEncryptionVersion.V1_0|});
                RSA Key() => RSA.Create({|#1:1024|});
                void Ecb(Aes aes) => aes.Mode = {|#2:CipherMode.ECB|};
            }
            """,
        FixedCode = """
            using System.Security.Cryptography;
            using Azure.Storage;

            class C
            {
                ClientSideEncryptionOptions Options() => new ClientSideEncryptionOptions(ClientSideEncryptionVersion.V2_0);
                RSA Key() => RSA.Create(2048);
                void Ecb(Aes aes) => aes.Mode = {|#2:CipherMode.ECB|};
            }
            """,
        ExpectedDiagnostics = { Version(0), KeySize(1, "The 'RSA.Create' argument 'keySizeInBits'", 1024), Ecb(2) },
        FixedState = { ExpectedDiagnostics = { Ecb(2) } },
        CodeActionEquivalenceKey = EquivalenceKeys.UseSecureEncryptionSetting,
        NumberOfFixAllIterations = 1,
        NumberOfIncrementalIterations = 2,
    }.RunAsync();

    [Fact]
    public Task EcbAndWeakCiphers_OfferNoFix()
    {
        var source = """
            using System.Security.Cryptography;

            class C
            {
                void Run(Aes aes)
                {
                    aes.Mode = {|#0:CipherMode.ECB|};
                    using var des = {|#1:DES.Create()|};
                }
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(0).WithArguments(
            "'Aes.Mode'",
            "uses CipherMode.ECB, which encrypts equal blocks to equal ciphertext and leaks patterns",
            "use authenticated encryption (AesGcm), or Aes with CBC, a random IV per message and a MAC"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.AZSEC503_VulnerableEncryption).WithLocation(1).WithArguments(
            "'DES.Create'",
            "creates a DES cipher, which is broken or deprecated",
            "use AES (Aes.Create(), or AesGcm for authenticated encryption)"));
        return test.RunAsync();
    }
}

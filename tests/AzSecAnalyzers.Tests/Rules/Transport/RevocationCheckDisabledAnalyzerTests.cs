using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Transport.RevocationCheckDisabledAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class RevocationCheckDisabledAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC304_RevocationCheckDisabled).WithLocation(location).WithArguments(api);

    [Fact]
    public Task HttpClientHandler_CheckCertificateRevocationListFalse_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler { {|#0:CheckCertificateRevocationList|} = false };

            void Configure(HttpClientHandler handler) => {|#1:handler.CheckCertificateRevocationList|} = false;
        }
        """,
        Expected(0, "'HttpClientHandler.CheckCertificateRevocationList'"),
        Expected(1, "'HttpClientHandler.CheckCertificateRevocationList'"));

    [Fact]
    public Task ServicePointManager_CheckCertificateRevocationListFalse_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net;

        class C
        {
            static void Init()
            {
        #pragma warning disable SYSLIB0014
                {|#0:ServicePointManager.CheckCertificateRevocationList|} = false;
        #pragma warning restore SYSLIB0014
            }
        }
        """, Expected(0, "'ServicePointManager.CheckCertificateRevocationList'"));

    [Fact]
    public Task SslClientAuthenticationOptions_NoCheck_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            SslClientAuthenticationOptions Create(string host) => new()
            {
                TargetHost = host,
                {|#0:CertificateRevocationCheckMode|} = X509RevocationMode.NoCheck,
            };
        }
        """, Expected(0, "'SslClientAuthenticationOptions.CertificateRevocationCheckMode'"));

    [Fact]
    public Task SocketsHttpHandlerSslOptions_NoCheck_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(SocketsHttpHandler handler)
            {
                {|#0:handler.SslOptions.CertificateRevocationCheckMode|} = X509RevocationMode.NoCheck;
            }
        }
        """, Expected(0, "'SslClientAuthenticationOptions.CertificateRevocationCheckMode'"));

    [Fact]
    public Task KestrelCheckCertificateRevocationFalse_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        class Program
        {
            static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => {|#0:https.CheckCertificateRevocation|} = false));
            }
        }
        """, Expected(0, "'HttpsConnectionAdapterOptions.CheckCertificateRevocation'"));

    [Fact]
    public Task SslStreamAuthenticate_CheckRevocationFalse_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Threading.Tasks;

        class C
        {
            async Task ConnectAsync(SslStream ssl, string host)
            {
                await ssl.AuthenticateAsClientAsync(host, null, SslProtocols.None, {|#0:checkCertificateRevocation: false|});
                ssl.AuthenticateAsClient(host, null, {|#1:false|});
            }
        }
        """,
        Expected(0, "The 'SslStream.AuthenticateAsClientAsync' argument 'checkCertificateRevocation'"),
        Expected(1, "The 'SslStream.AuthenticateAsClient' argument 'checkCertificateRevocation'"));

    [Fact]
    public Task ChainPolicyNoCheck_InValidationCallback_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(HttpClientHandler handler, X509Certificate2 root)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    {|#0:chain!.ChainPolicy.RevocationMode|} = X509RevocationMode.NoCheck;
                    chain.ChainPolicy.CustomTrustStore.Add(root);
                    return chain.Build(certificate!);
                };
            }

            static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                {|#1:chain!.ChainPolicy.RevocationMode|} = X509RevocationMode.NoCheck;
                return errors == SslPolicyErrors.None;
            }
        }
        """,
        Expected(0, "'X509ChainPolicy.RevocationMode'"),
        Expected(1, "'X509ChainPolicy.RevocationMode'"));

    [Fact]
    public Task ChainPolicyNoCheck_OnTlsOptions_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            SslClientAuthenticationOptions Create() => new()
            {
                CertificateChainPolicy = new X509ChainPolicy { {|#0:RevocationMode|} = X509RevocationMode.NoCheck },
            };

            void Configure(SslServerAuthenticationOptions options)
            {
                options.CertificateChainPolicy = new X509ChainPolicy();
                {|#1:options.CertificateChainPolicy.RevocationMode|} = X509RevocationMode.NoCheck;
            }
        }
        """,
        Expected(0, "'X509ChainPolicy.RevocationMode'"),
        Expected(1, "'X509ChainPolicy.RevocationMode'"));

    [Fact]
    public Task ChainPolicyNoCheck_OutsideTls_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Cryptography.X509Certificates;

        class SignatureVerifier
        {
            bool IsTrusted(X509Certificate2 signer)
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(signer);
            }
        }
        """);

    [Fact]
    public Task RevocationEnabledOrNonConstant_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(HttpClientHandler a, SocketsHttpHandler b, bool checkRevocation, X509RevocationMode mode)
            {
                a.CheckCertificateRevocationList = true;
                a.CheckCertificateRevocationList = checkRevocation;
                b.SslOptions.CertificateRevocationCheckMode = X509RevocationMode.Online;
                b.SslOptions.CertificateRevocationCheckMode = X509RevocationMode.Offline;
                b.SslOptions.CertificateRevocationCheckMode = mode;
            }
        }
        """);

    [Fact]
    public Task DevelopmentOnly_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Configure(HttpClientHandler handler, IHostEnvironment environment)
            {
                if (environment.IsDevelopment())
                {
                    handler.CheckCertificateRevocationList = false;
                }
            }
        }
        """);

    [Fact]
    public Task UserTypeWithSameMemberName_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        class Handler
        {
            public bool CheckCertificateRevocationList { get; set; }
        }

        class C
        {
            void Configure(Handler handler) => handler.CheckCertificateRevocationList = false;
        }
        """);

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using System.Net.Http;
                using System.Security.Cryptography.X509Certificates;

                class C
                {
                    void Configure(HttpClientHandler handler, X509Chain chain)
                    {
                        handler.CheckCertificateRevocationList =
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.
                        handler.SslOptions.CertificateRevocationCheckMode = ;
                    }
                }
                """,
        };
        return test.RunAsync();
    }
}

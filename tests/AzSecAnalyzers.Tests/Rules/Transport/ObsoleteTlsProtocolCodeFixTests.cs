using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Transport.ObsoleteTlsProtocolAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Transport.ObsoleteTlsProtocolCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class ObsoleteTlsProtocolCodeFixTests
{
    private const string HandlerProtocols = "'HttpClientHandler.SslProtocols'";

    private static DiagnosticResult Expected(int location, string target, string versions)
        => Verify.Diagnostic(Descriptors.AZSEC302_ObsoleteTlsProtocol).WithLocation(location).WithArguments(target, versions);

    [Fact]
    public Task CombinedFlags_KeepTls12() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = {|#0:SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|};
            }
        }
        """, Expected(0, HandlerProtocols, "TLS 1.0 and TLS 1.1"), """
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = SslProtocols.Tls12;
            }
        }
        """, EquivalenceKeys.RemoveObsoleteTlsProtocols);

    [Fact]
    public Task CombinedFlags_KeepTls12AndTls13() => Verify.VerifyCodeFixAsync("""
        using System.Net.Security;

        class C
        {
            SslClientAuthenticationOptions Create() => new()
            {
                EnabledSslProtocols = {|#0:System.Security.Authentication.SslProtocols.Tls11 | System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13|},
            };
        }
        """, Expected(0, "'SslClientAuthenticationOptions.EnabledSslProtocols'", "TLS 1.1"), """
        using System.Net.Security;
        using System.Security.Authentication;

        class C
        {
            SslClientAuthenticationOptions Create() => new()
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            };
        }
        """);

    [Fact]
    public Task OnlyObsoleteStatement_IsRemoved() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                // Old appliance.
                handler.SslProtocols = {|#0:SslProtocols.Tls11|};
                return new HttpClient(handler);
            }
        }
        """, Expected(0, HandlerProtocols, "TLS 1.1"), """
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                // Old appliance.
                return new HttpClient(handler);
            }
        }
        """);

    [Fact]
    public Task OnlyObsoleteInitializerMember_IsRemoved() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler { SslProtocols = {|#0:SslProtocols.Tls|} };
        }
        """, Expected(0, HandlerProtocols, "TLS 1.0"), """
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler();
        }
        """);

    [Fact]
    public Task Argument_BecomesNone() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Net.Security;
        using System.Security.Authentication;

        class C
        {
            void Connect(SslStream ssl, string host)
            {
                ssl.AuthenticateAsClient(host, null, {|#0:SslProtocols.Tls|}, true);
            }
        }
        """, Expected(0, "The 'SslStream.AuthenticateAsClient' argument 'enabledSslProtocols'", "TLS 1.0"), """
        using System.IO;
        using System.Net.Security;
        using System.Security.Authentication;

        class C
        {
            void Connect(SslStream ssl, string host)
            {
                ssl.AuthenticateAsClient(host, null, SslProtocols.None, true);
            }
        }
        """);

    [Fact]
    public Task SecurityProtocolInExpressionBody_BecomesSystemDefault() => Verify.VerifyCodeFixAsync("""
        using System.Net;

        class C
        {
        #pragma warning disable SYSLIB0014
            static void Init() => ServicePointManager.SecurityProtocol = {|#0:SecurityProtocolType.Tls|};
        #pragma warning restore SYSLIB0014
        }
        """, Expected(0, "'ServicePointManager.SecurityProtocol'", "TLS 1.0"), """
        using System.Net;

        class C
        {
        #pragma warning disable SYSLIB0014
            static void Init() => ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
        #pragma warning restore SYSLIB0014
        }
        """);

    [Fact]
    public Task CompoundOrWithTls12_KeepsTls12() => Verify.VerifyCodeFixAsync("""
        using System.Net;

        class C
        {
            static void Init()
            {
        #pragma warning disable SYSLIB0014
                ServicePointManager.SecurityProtocol |= {|#0:SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};
        #pragma warning restore SYSLIB0014
            }
        }
        """, Expected(0, "'ServicePointManager.SecurityProtocol'", "TLS 1.1"), """
        using System.Net;

        class C
        {
            static void Init()
            {
        #pragma warning disable SYSLIB0014
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        #pragma warning restore SYSLIB0014
            }
        }
        """);

    [Fact]
    public Task ConstantUse_IsReplacedByItsModernMembers() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            const SslProtocols Compatible = SslProtocols.Tls11 | SslProtocols.Tls12;

            void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = {|#0:Compatible|};
            }
        }
        """, Expected(0, "'HttpClientHandler.SslProtocols' (through 'C.Compatible')", "TLS 1.1"), """
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            const SslProtocols Compatible = SslProtocols.Tls11 | SslProtocols.Tls12;

            void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = SslProtocols.Tls12;
            }
        }
        """);

    [Fact]
    public Task FixAll_FixesEveryPinInTheDocument()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Security;
                using System.Security.Authentication;

                class C
                {
                    void Configure(HttpClientHandler handler, SslStream ssl)
                    {
                        handler.SslProtocols = {|#0:SslProtocols.Tls|};
                        var options = new SslClientAuthenticationOptions { EnabledSslProtocols = {|#1:SslProtocols.Tls11 | SslProtocols.Tls13|} };
                        ssl.AuthenticateAsClient("contoso.example", null, {|#2:SslProtocols.Tls|}, true);
                    }
                }
                """,
            FixedCode = """
                using System.Net.Http;
                using System.Net.Security;
                using System.Security.Authentication;

                class C
                {
                    void Configure(HttpClientHandler handler, SslStream ssl)
                    {
                        var options = new SslClientAuthenticationOptions { EnabledSslProtocols = SslProtocols.Tls13 };
                        ssl.AuthenticateAsClient("contoso.example", null, SslProtocols.None, true);
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(new[]
        {
            Expected(0, HandlerProtocols, "TLS 1.0"),
            Expected(1, "'SslClientAuthenticationOptions.EnabledSslProtocols'", "TLS 1.1"),
            Expected(2, "The 'SslStream.AuthenticateAsClient' argument 'enabledSslProtocols'", "TLS 1.0"),
        });
        return test.RunAsync();
    }

    [Fact]
    public Task ManagementSdkMinimumTlsVersion_BecomesTls12()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.ResourceManager.Redis.Models;
                using Azure.ResourceManager.Storage.Models;

                class C
                {
                    StorageAccountPatch Storage() => new() { MinimumTlsVersion = {|#0:StorageMinimumTlsVersion.Tls1_0|} };
                    RedisPatch Redis() => new() { MinimumTlsVersion = {|#1:RedisTlsVersion.One1|} };
                }
                """,
            FixedCode = """
                using Azure.ResourceManager.Redis.Models;
                using Azure.ResourceManager.Storage.Models;

                class C
                {
                    StorageAccountPatch Storage() => new() { MinimumTlsVersion = StorageMinimumTlsVersion.Tls1_2 };
                    RedisPatch Redis() => new() { MinimumTlsVersion = RedisTlsVersion.One2 };
                }
                """,
        };
        test.TestState.Sources.Add(("ResourceManagerTlsStandIn.cs", ResourceManagerTlsStandIn.Source));
        test.FixedState.Sources.Add(("ResourceManagerTlsStandIn.cs", ResourceManagerTlsStandIn.Source));
        test.ExpectedDiagnostics.Add(Expected(0, "'StorageAccountPatch.MinimumTlsVersion'", "TLS 1.0"));
        test.ExpectedDiagnostics.Add(Expected(1, "'RedisPatch.MinimumTlsVersion'", "TLS 1.1"));
        return test.RunAsync();
    }
}

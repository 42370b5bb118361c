using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Transport.ObsoleteTlsProtocolAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class ObsoleteTlsProtocolAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string target, string versions)
        => Verify.Diagnostic(Descriptors.AZSEC302_ObsoleteTlsProtocol).WithLocation(location).WithArguments(target, versions);

    [Fact]
    public Task HttpClientHandler_Tls11_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler { SslProtocols = {|#0:SslProtocols.Tls11|} };
        }
        """, Expected(0, "'HttpClientHandler.SslProtocols'", "TLS 1.1"));

    [Fact]
    public Task HttpClientHandler_CombinedWithTls12_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = {|#0:SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|};
            }
        }
        """, Expected(0, "'HttpClientHandler.SslProtocols'", "TLS 1.0 and TLS 1.1"));

    [Fact]
    public Task SslProtocolsSsl3AndDefault_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler a, HttpClientHandler b)
            {
        #pragma warning disable CS0618
                a.SslProtocols = {|#0:SslProtocols.Ssl3|};
                b.SslProtocols = {|#1:SslProtocols.Default|};
        #pragma warning restore CS0618
            }
        }
        """,
        Expected(0, "'HttpClientHandler.SslProtocols'", "SSL 3.0"),
        Expected(1, "'HttpClientHandler.SslProtocols'", "SSL 3.0 and TLS 1.0"));

    [Fact]
    public Task SslClientAuthenticationOptions_EnabledSslProtocols_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Security;
        using System.Security.Authentication;

        class C
        {
            SslClientAuthenticationOptions Create(string host) => new()
            {
                TargetHost = host,
                EnabledSslProtocols = {|#0:SslProtocols.Tls|},
            };
        }
        """, Expected(0, "'SslClientAuthenticationOptions.EnabledSslProtocols'", "TLS 1.0"));

    [Fact]
    public Task SslStreamAuthenticateAsClient_Argument_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Threading.Tasks;

        class C
        {
            async Task ConnectAsync(Stream inner, string host)
            {
                using var ssl = new SslStream(inner);
                await ssl.AuthenticateAsClientAsync(host, null, {|#0:SslProtocols.Tls11 | SslProtocols.Tls12|}, checkCertificateRevocation: true);
                ssl.AuthenticateAsClient(host, null, enabledSslProtocols: {|#1:SslProtocols.Tls|}, true);
            }
        }
        """,
        Expected(0, "The 'SslStream.AuthenticateAsClientAsync' argument 'enabledSslProtocols'", "TLS 1.1"),
        Expected(1, "The 'SslStream.AuthenticateAsClient' argument 'enabledSslProtocols'", "TLS 1.0"));

    [Fact]
    public Task ServicePointManager_AssignAndCompoundOr_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net;

        class C
        {
            static void Init()
            {
        #pragma warning disable SYSLIB0014
                ServicePointManager.SecurityProtocol = {|#0:SecurityProtocolType.Tls | SecurityProtocolType.Tls12|};
                ServicePointManager.SecurityProtocol |= {|#1:SecurityProtocolType.Tls11|};
        #pragma warning restore SYSLIB0014
            }
        }
        """,
        Expected(0, "'ServicePointManager.SecurityProtocol'", "TLS 1.0"),
        Expected(1, "'ServicePointManager.SecurityProtocol'", "TLS 1.1"));

    [Fact]
    public Task KestrelHttpsDefaults_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Authentication;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        class Program
        {
            static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
                {
                    https.SslProtocols = {|#0:SslProtocols.Tls11 | SslProtocols.Tls12|};
                }));
            }
        }
        """, Expected(0, "'HttpsConnectionAdapterOptions.SslProtocols'", "TLS 1.1"));

    [Fact]
    public Task ConstantsLocalsAndReadonlyFields_TriggerWhereTheyConfigure() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            private const SslProtocols Legacy = SslProtocols.Tls;
            private static readonly SslProtocols Compatible = SslProtocols.Tls11 | SslProtocols.Tls12;
            private SslProtocols Configured { get; } = {|#1:(SslProtocols)768|};
            private SslProtocols _default = {|#4:SslProtocols.Tls|};

            void Configure(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, HttpClientHandler d)
            {
                var protocols = SslProtocols.Tls11;
                a.SslProtocols = {|#2:protocols|};
                b.SslProtocols = {|#0:Legacy|};
                c.SslProtocols = {|#3:Compatible|};
                d.SslProtocols = {|#5:Legacy | SslProtocols.Tls12|};
            }
        }
        """,
        Expected(0, "'HttpClientHandler.SslProtocols' (through 'C.Legacy')", "TLS 1.0"),
        Expected(1, "'C.Configured'", "TLS 1.1"),
        Expected(2, "'HttpClientHandler.SslProtocols' (through 'protocols')", "TLS 1.1"),
        Expected(3, "'HttpClientHandler.SslProtocols' (through 'C.Compatible')", "TLS 1.1"),
        Expected(4, "'C._default'", "TLS 1.0"),
        Expected(5, "'HttpClientHandler.SslProtocols'", "TLS 1.0"));

    [Fact]
    public Task RedisConfigurationOptionsAndSettingsObjects_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Security.Authentication;
        using StackExchange.Redis;

        class CacheSettings
        {
            public string Host { get; set; } = "contoso.redis.cache.windows.net:6380";
            public SslProtocols SslProtocols { get; set; } = {|#2:SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|};
        }

        class C
        {
            ConnectionMultiplexer Connect(CacheSettings settings)
            {
                var options = ConfigurationOptions.Parse(settings.Host);
                options.Ssl = true;
                options.SslProtocols = {|#0:SslProtocols.Tls | SslProtocols.Tls11 | SslProtocols.Tls12|};
                return ConnectionMultiplexer.Connect(options);
            }

            ConfigurationOptions Inline() => new() { Ssl = true, SslProtocols = {|#1:SslProtocols.Tls11 | SslProtocols.Tls12|} };
        }
        """,
        Expected(0, "'ConfigurationOptions.SslProtocols'", "TLS 1.0 and TLS 1.1"),
        Expected(1, "'ConfigurationOptions.SslProtocols'", "TLS 1.1"),
        Expected(2, "'CacheSettings.SslProtocols'", "TLS 1.0 and TLS 1.1"));

    [Fact]
    public Task ConstantsThatListForbiddenProtocols_UsedOnlyToReject_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Security.Authentication;
        using StackExchange.Redis;

        static class TlsPolicy
        {
            public const SslProtocols Forbidden = SslProtocols.Tls | SslProtocols.Tls11;
            private static readonly SslProtocols Rejected = SslProtocols.Ssl3 | SslProtocols.Tls | SslProtocols.Tls11;

            public static void Validate(ConfigurationOptions options)
            {
                if (options.SslProtocols is { } protocols && (protocols & Forbidden) != 0)
                {
                    throw new InvalidOperationException("TLS 1.0 and 1.1 are not allowed.");
                }
            }

            public static bool IsAllowed(SslProtocols protocols)
            {
                const SslProtocols legacy = SslProtocols.Tls | SslProtocols.Tls11;
                var obsolete = SslProtocols.Tls | SslProtocols.Tls11;
                return (protocols & legacy) == 0 && (protocols & obsolete) == 0 && (protocols & Rejected) == 0;
            }

            public static void Harden(HttpClientHandler handler) => handler.SslProtocols &= ~Forbidden;
        }
        """);

    [Fact]
    public Task ModernAndDefaultValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c)
            {
                a.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                b.SslProtocols = SslProtocols.None;
                c.SslProtocols = SslProtocols.Tls13;
        #pragma warning disable SYSLIB0014
                ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13;
        #pragma warning restore SYSLIB0014
            }
        }
        """);

    [Fact]
    public Task ReadsComparisonsAndRemovals_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            bool IsLegacy(SslProtocols protocol) => protocol == SslProtocols.Tls || protocol.HasFlag(SslProtocols.Tls11);

            string Describe(SslProtocols protocol) => protocol switch
            {
                SslProtocols.Tls => "1.0",
                SslProtocols.Tls11 => "1.1",
                _ => "modern",
            };

            void Harden(HttpClientHandler handler)
            {
                handler.SslProtocols &= ~(SslProtocols.Tls | SslProtocols.Tls11);
            }

            SslProtocols[] Legacy { get; } = new[] { SslProtocols.Tls, SslProtocols.Tls11 };
        }
        """);

    [Fact]
    public Task UserTypeWithSameMemberNames_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        enum SslProtocols { None = 0, Tls = 192, Tls11 = 768 }

        class Handler
        {
            public SslProtocols SslProtocols { get; set; }
        }

        class C
        {
            void Configure(Handler handler) => handler.SslProtocols = SslProtocols.Tls11;
        }
        """);

    [Fact]
    public Task ValueFromConfiguration_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Security.Authentication;
        using Microsoft.Extensions.Configuration;

        class C
        {
            void Configure(HttpClientHandler handler, IConfiguration configuration)
            {
                handler.SslProtocols = Enum.Parse<SslProtocols>(configuration["Tls:Protocols"]!);
            }
        }
        """);

    [Fact]
    public Task NetCoreOnlyCompilation_StillTriggers()
    {
        var test = new Verify.Test
        {
            NetCoreOnly = true,
            TestCode = """
                using System.Net.Http;
                using System.Security.Authentication;

                class C
                {
                    void Configure(HttpClientHandler handler) => handler.SslProtocols = {|#0:SslProtocols.Tls|};
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Expected(0, "'HttpClientHandler.SslProtocols'", "TLS 1.0"));
        return test.RunAsync();
    }

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            CompilerDiagnostics = CompilerDiagnostics.None,
            TestCode = """
                using System.Net.Http;
                using System.Security.Authentication;

                class C
                {
                    void Configure(HttpClientHandler handler)
                    {
                        handler.SslProtocols = SslProtocols.
                        handler.SslProtocols = SslProtocols.Tls |
                        ServicePointManager.SecurityProtocol = ;
                    }
                }
                """,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Net.Http;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler handler) => handler.SslProtocols = SslProtocols.Tls;
        }
        """);

    [Fact]
    public Task ManagementSdkMinimumTlsVersion_BelowTls12_Triggers()
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
                    void Text(StorageAccountPatch patch) => patch.MinimumTlsVersion = {|#2:"TLS1_1"|};
                }
                """,
        };
        test.TestState.Sources.Add(("ResourceManagerTlsStandIn.cs", ResourceManagerTlsStandIn.Source));
        test.ExpectedDiagnostics.Add(Expected(0, "'StorageAccountPatch.MinimumTlsVersion'", "TLS 1.0"));
        test.ExpectedDiagnostics.Add(Expected(1, "'RedisPatch.MinimumTlsVersion'", "TLS 1.1"));
        test.ExpectedDiagnostics.Add(Expected(2, "'StorageAccountPatch.MinimumTlsVersion'", "TLS 1.1"));
        return test.RunAsync();
    }

    [Fact]
    public Task ManagementSdkMinimumTlsVersion_Tls12OrComputed_DoesNotTrigger()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.ResourceManager.Redis.Models;
                using Azure.ResourceManager.Storage.Models;

                class C
                {
                    StorageAccountPatch Storage() => new() { MinimumTlsVersion = StorageMinimumTlsVersion.Tls1_2 };
                    RedisPatch Redis(RedisTlsVersion version) => new() { MinimumTlsVersion = version };
                    void Text(StorageAccountPatch patch) => patch.MinimumTlsVersion = "TLS1_2";
                }

                class Settings
                {
                    public string? MinimumTlsVersion { get; set; }
                    void Set() => MinimumTlsVersion = "1.0";
                }
                """,
        };
        test.TestState.Sources.Add(("ResourceManagerTlsStandIn.cs", ResourceManagerTlsStandIn.Source));
        return test.RunAsync();
    }
}

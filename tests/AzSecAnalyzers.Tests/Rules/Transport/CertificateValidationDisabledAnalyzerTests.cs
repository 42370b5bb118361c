using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Transport.CertificateValidationDisabledAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class CertificateValidationDisabledAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC301_CertificateValidationDisabled).WithLocation(location).WithArguments(api);

    private const string HandlerCallback = "'HttpClientHandler.ServerCertificateCustomValidationCallback'";

    [Fact]
    public Task HttpClientHandler_ExpressionLambdaReturningTrue_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (message, certificate, chain, errors) => true;
                return new HttpClient(handler);
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_InitializerWithDiscards_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            HttpClient Create() => new(new HttpClientHandler
            {
                AllowAutoRedirect = false,
                {|#0:ServerCertificateCustomValidationCallback|} = static (_, _, _, _) => true,
            });
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_BlockLambdaThatOnlyLogsErrors_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (message, certificate, chain, errors) =>
                {
                    Console.WriteLine($"TLS errors ignored: {errors}");
                    return true;
                };
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_LambdaIgnoringEveryParameter_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            private readonly bool _skipValidation;

            void Configure(HttpClientHandler handler)
            {
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (message, certificate, chain, errors) => _skipValidation;
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_DangerousAcceptAnyValidator_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                {|#0:handler.ServerCertificateCustomValidationCallback|} = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_MethodGroupAlwaysTrue_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                {|#0:handler.ServerCertificateCustomValidationCallback|} = AcceptAll;
            }

            private static bool AcceptAll(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                return true;
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task HttpClientHandler_MethodGroupDeclaredInAnotherFile_Triggers()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("Configure.cs", """
            using System.Net.Http;

            partial class C
            {
                void Configure(HttpClientHandler handler)
                {
                    {|#0:handler.ServerCertificateCustomValidationCallback|} = AcceptAll;
                }
            }
            """));
        test.TestState.Sources.Add(("Callbacks.cs", """
            using System.Net.Http;
            using System.Net.Security;
            using System.Security.Cryptography.X509Certificates;

            partial class C
            {
                private static bool AcceptAll(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => true;
            }
            """));
        test.ExpectedDiagnostics.Add(Expected(0, HandlerCallback));
        return test.RunAsync();
    }

    [Fact]
    public Task HttpClientHandler_LocalFunctionMethodGroup_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                {|#0:handler.ServerCertificateCustomValidationCallback|} = Accept;

                static bool Accept(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => true;
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task ServicePointManager_CompoundAssignment_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net;

        class C
        {
            void Configure()
            {
        #pragma warning disable SYSLIB0014
                {|#0:ServicePointManager.ServerCertificateValidationCallback|} += (sender, certificate, chain, errors) => true;
            }
        }
        """, Expected(0, "'ServicePointManager.ServerCertificateValidationCallback'"));

    [Fact]
    public Task ServicePointManager_AnonymousMethodWithoutParameters_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net;

        class C
        {
            void Configure()
            {
        #pragma warning disable SYSLIB0014
                {|#0:ServicePointManager.ServerCertificateValidationCallback|} = delegate { return true; };
            }
        }
        """, Expected(0, "'ServicePointManager.ServerCertificateValidationCallback'"));

    [Fact]
    public Task HttpWebRequest_Callback_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net;

        class C
        {
            void Configure(HttpWebRequest request)
            {
                {|#0:request.ServerCertificateValidationCallback|} = (sender, certificate, chain, errors) => true;
            }
        }
        """, Expected(0, "'HttpWebRequest.ServerCertificateValidationCallback'"));

    [Fact]
    public Task SocketsHttpHandler_SslOptionsProperty_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            SocketsHttpHandler Create()
            {
                var handler = new SocketsHttpHandler();
                {|#0:handler.SslOptions.RemoteCertificateValidationCallback|} = (sender, certificate, chain, errors) => true;
                return handler;
            }
        }
        """, Expected(0, "'SslClientAuthenticationOptions.RemoteCertificateValidationCallback'"));

    [Fact]
    public Task SocketsHttpHandler_NestedInitializer_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;

        class C
        {
            SocketsHttpHandler Create() => new()
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    {|#0:RemoteCertificateValidationCallback|} = delegate { return true; },
                },
            };
        }
        """, Expected(0, "'SslClientAuthenticationOptions.RemoteCertificateValidationCallback'"));

    [Fact]
    public Task SslStream_ConstructorLambda_TriggersOnArgument() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, false, {|#0:(sender, certificate, chain, errors) => true|});
        }
        """, Expected(0, "The 'SslStream' constructor argument 'userCertificateValidationCallback'"));

    [Fact]
    public Task SslStream_MultiLineLambda_SquigglesOnlyTheHead() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, false, {|#0:(sender, certificate, chain, errors) =>|}
            {
                return true;
            });
        }
        """, Expected(0, "The 'SslStream' constructor argument 'userCertificateValidationCallback'"));

    [Fact]
    public Task SslStream_ExplicitDelegateCreation_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, false, {|#0:new RemoteCertificateValidationCallback(Trust)|});

            static bool Trust(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
        }
        """, Expected(0, "The 'SslStream' constructor argument 'userCertificateValidationCallback'"));

    [Fact]
    public Task CosmosClientOptions_Callback_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Azure.Cosmos;

        class C
        {
            CosmosClient Create(string endpoint, Azure.Core.TokenCredential credential) => new(endpoint, credential, new CosmosClientOptions
            {
                {|#0:ServerCertificateCustomValidationCallback|} = (certificate, chain, errors) => true,
            });
        }
        """, Expected(0, "'CosmosClientOptions.ServerCertificateCustomValidationCallback'"));

    [Fact]
    public Task HttpClientFactory_PrimaryHandler_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void AddPricing(IServiceCollection services)
            {
                services.AddHttpClient("pricing")
                    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                    {
                        {|#0:ServerCertificateCustomValidationCallback|} = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                    });
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task NetCoreOnlyCompilation_StillTriggers()
    {
        var test = new Verify.Test
        {
            NetCoreOnly = true,
            TestCode = """
                using System.Net.Http;

                class C
                {
                    void Configure(HttpClientHandler handler) => {|#0:handler.ServerCertificateCustomValidationCallback|} = (m, c, ch, e) => true;
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Expected(0, HandlerCallback));
        return test.RunAsync();
    }

    private const string NameOnly = ", which trusts any certificate whose subject or issuer name matches (a self-signed certificate can carry any name),";

    [Fact]
    public Task CallbacksTrustingTheSubjectOrIssuerName_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.Azure.Cosmos;

        class C
        {
            void Configure(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, SslClientAuthenticationOptions d, CosmosClientOptions e)
            {
                {|#0:a.ServerCertificateCustomValidationCallback|} = (message, cert, chain, errors) => cert.Subject.Contains("CN=orders-api");
                {|#1:b.ServerCertificateCustomValidationCallback|} = (message, cert, chain, errors) =>
                {
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }

                    return cert?.Issuer == "CN=Contoso Internal CA" || cert?.SubjectName.Name == "CN=orders";
                };
                {|#2:c.ServerCertificateCustomValidationCallback|} = (_, cert, _, errors) => errors == SslPolicyErrors.None || cert!.Subject.EndsWith("contoso.local", StringComparison.Ordinal);
                {|#3:d.RemoteCertificateValidationCallback|} = ByName;
                {|#4:e.ServerCertificateCustomValidationCallback|} = (cert, chain, errors) => cert.GetNameInfo(X509NameType.SimpleName, false) == "cosmos-emulator";
            }

            private static bool ByName(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (certificate is null)
                {
                    return false;
                }

                return certificate.Subject.StartsWith("CN=payments", StringComparison.OrdinalIgnoreCase);
            }
        }
        """,
        Expected(0, HandlerCallback + NameOnly),
        Expected(1, HandlerCallback + NameOnly),
        Expected(2, HandlerCallback + NameOnly),
        Expected(3, "'SslClientAuthenticationOptions.RemoteCertificateValidationCallback'" + NameOnly),
        Expected(4, "'CosmosClientOptions.ServerCertificateCustomValidationCallback'" + NameOnly));

    [Fact]
    public Task SslStreamCallbackTrustingTheSubject_TriggersOnTheArgument() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;

        class C
        {
            SslStream Open(Stream inner) => new(inner, false, {|#0:(sender, certificate, chain, errors) => certificate!.Subject == "CN=broker"|});
        }
        """, Expected(0, "The 'SslStream' constructor argument 'userCertificateValidationCallback'" + NameOnly));

    [Fact]
    public Task NameChecksBesideTheChainOrErrorsOrAPin_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            private const string Thumbprint = "4F3C2B1A00998877665544332211FFEEDDCCBBAA";

            void Configure(HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, HttpClientHandler d, HttpClientHandler e, HttpClientHandler f)
            {
                // The platform's verdict must hold as well as the name.
                a.ServerCertificateCustomValidationCallback = (_, cert, _, errors) => errors == SslPolicyErrors.None && cert!.Subject.Contains("CN=orders");

                // The chain is built against a private root.
                b.ServerCertificateCustomValidationCallback = (_, cert, chain, errors) =>
                {
                    if (chain is null || cert is null)
                    {
                        return false;
                    }

                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    return chain.Build(cert) && cert.Issuer == "CN=Contoso Root";
                };

                // The name is checked, then the certificate is pinned.
                c.ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.Subject == "CN=orders" && cert.Thumbprint == Thumbprint;

                // Only a name mismatch is forgiven, and only for one issuer; chain errors still reject.
                d.ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                    errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateNameMismatch && cert!.Issuer == "CN=Contoso CA");

                // The name is only logged.
                e.ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                {
                    Console.WriteLine(cert?.Subject);
                    return errors == SslPolicyErrors.None;
                };

                // A name check that always rejects.
                f.ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                {
                    if (cert?.Subject == "CN=revoked")
                    {
                        return false;
                    }

                    return false;
                };
            }
        }
        """);

    [Fact]
    public Task NameOnlyCallbackGuardedForDevelopment_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Configure(HttpClientHandler handler, IHostEnvironment environment)
            {
                if (environment.IsDevelopment())
                {
                    handler.ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert!.Subject.Contains("CN=localhost");
                }
            }
        }
        """);

    [Fact]
    public Task AcceptAllOnlyForALoopbackEmulator_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net;
        using System.Net.Http;
        using Microsoft.Azure.Cosmos;

        class C
        {
            CosmosClientOptions? Emulator(string endpoint)
            {
                CosmosClientOptions? options = null;
                if (!string.IsNullOrEmpty(endpoint) && new Uri(endpoint).Host is "localhost" or "127.0.0.1")
                {
                    options = new CosmosClientOptions
                    {
                        HttpClientFactory = () => new HttpClient(new HttpClientHandler
                        {
                            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                        }),
                    };
                }

                return options;
            }

            void Others(Uri endpoint, IPAddress address, string connectionString, HttpClientHandler a, HttpClientHandler b, HttpClientHandler c, CosmosClientOptions d)
            {
                if (endpoint.IsLoopback)
                {
                    a.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
                }

                if (IPAddress.IsLoopback(address))
                {
                    b.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                }

                if (connectionString.Contains("localhost"))
                {
                    c.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                }

                d.ServerCertificateCustomValidationCallback = endpoint.Host == "127.0.0.1" ? (_, _, _) => true : null;
            }
        }
        """);

    [Fact]
    public Task AcceptAllWhenTheHostIsNotLoopback_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            void Configure(Uri endpoint, HttpClientHandler a, HttpClientHandler b, HttpClientHandler c)
            {
                if (!endpoint.IsLoopback)
                {
                    {|#0:a.ServerCertificateCustomValidationCallback|} = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                }

                if (endpoint.Host != "localhost")
                {
                    {|#1:b.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                }

                if (endpoint.IsLoopback || endpoint.Scheme == "https")
                {
                    {|#2:c.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                }
            }
        }
        """, Expected(0, HandlerCallback), Expected(1, HandlerCallback), Expected(2, HandlerCallback));

    [Fact]
    public Task CallbackCheckingPolicyErrors_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None;
            }
        }
        """);

    [Fact]
    public Task CallbackPinningTheCertificate_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;

        class C
        {
            private const string PinnedThumbprint = "4F3C2B1A00998877665544332211FFEEDDCCBBAA";

            void Configure(HttpClientHandler handler)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    string.Equals(certificate?.Thumbprint, PinnedThumbprint, StringComparison.OrdinalIgnoreCase);
            }
        }
        """);

    [Fact]
    public Task CallbackThatThrowsOnErrors_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    if (errors != SslPolicyErrors.None)
                    {
                        throw new AuthenticationException(errors.ToString());
                    }

                    return true;
                };
            }
        }
        """);

    [Fact]
    public Task CallbackReturningFalse_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler) => handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => false;
        }
        """);

    [Fact]
    public Task MethodGroupInspectingErrors_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, false, Validate);

            static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
                => errors == SslPolicyErrors.None || (errors == SslPolicyErrors.RemoteCertificateChainErrors && chain?.ChainStatus.Length == 1);
        }
        """);

    [Fact]
    public Task OuterCallbackChecksErrorsButNestedLambdaReturnsTrue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Security;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                {
                    Func<int, bool> always = _ => true;
                    return errors == SslPolicyErrors.None && new[] { 1 }.All(always);
                };
            }
        }
        """);

    [Fact]
    public Task InsideIsDevelopmentBranch_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        static class Program
        {
            static void Configure(WebApplicationBuilder builder)
            {
                if (builder.Environment.IsDevelopment())
                {
                    builder.Services.AddHttpClient("local")
                        .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                        {
                            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                        });
                }
            }
        }
        """);

    [Fact]
    public Task AfterEarlyReturnOutsideDevelopment_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Configure(IHostEnvironment environment, HttpClientHandler handler)
            {
                if (!environment.IsDevelopment())
                {
                    return;
                }

                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            }
        }
        """);

    [Fact]
    public Task ElseBranchOfNotDevelopment_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Configure(IHostEnvironment environment, HttpClientHandler handler)
            {
                if (!environment.IsEnvironment("Development"))
                {
                    handler.MaxConnectionsPerServer = 10;
                }
                else
                {
                    handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
                }
            }
        }
        """);

    [Fact]
    public Task InsideProductionBranch_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;
        using Microsoft.Extensions.Hosting;

        class C
        {
            void Configure(IHostEnvironment environment, HttpClientHandler handler)
            {
                if (environment.IsProduction())
                {
                    {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                }
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task InsideDebugOnlyRegion_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        #define DEBUG
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
        #if DEBUG
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        #endif
            }
        }
        """);

    [Fact]
    public Task InsideReleaseRegion_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler)
            {
        #if !DEBUG
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
        #endif
            }
        }
        """, Expected(0, HandlerCallback));

    [Fact]
    public Task LookAlikePropertyOnUserType_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class MyOptions
        {
            public Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool>? ServerCertificateCustomValidationCallback { get; set; }
        }

        class C
        {
            void Configure(MyOptions options) => options.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }
        """);

    [Fact]
    public Task NullNameofReadAndRemoval_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure(HttpClientHandler handler, Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> strict)
            {
                handler.ServerCertificateCustomValidationCallback = null;
                handler.ServerCertificateCustomValidationCallback = strict;
                var current = handler.ServerCertificateCustomValidationCallback;
                Console.WriteLine(nameof(HttpClientHandler.DangerousAcceptAnyServerCertificateValidator));
            }
        }
        """);

    [Fact]
    public Task CompoundRemoval_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Net;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;

        class C
        {
            void Configure()
            {
        #pragma warning disable SYSLIB0014
                ServicePointManager.ServerCertificateValidationCallback -= Trust;
            }

            static bool Trust(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
        }
        """);

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using System.Net.Http;

        class C
        {
            void Configure(HttpClientHandler handler) => handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
        }
        """);

    [Fact]
    public Task IncompleteLambdaWhileTyping_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Net.Http;

                class C
                {
                    void Configure(HttpClientHandler handler)
                    {
                        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task MethodGroupWithoutBody_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Net.Http;
                using System.Net.Security;
                using System.Security.Cryptography.X509Certificates;

                partial class C
                {
                    void Configure(HttpClientHandler handler) => handler.ServerCertificateCustomValidationCallback = Accept;

                    static partial bool Accept(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e);
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync();
    }
}

using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.CodeFixes.Rules.Transport;
using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Transport.CertificateValidationDisabledAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Transport.CertificateValidationDisabledCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Transport;

public class CertificateValidationDisabledCodeFixTests
{
    private const string HandlerCallback = "'HttpClientHandler.ServerCertificateCustomValidationCallback'";
    private const string SslStreamArgument = "The 'SslStream' constructor argument 'userCertificateValidationCallback'";
    private const string SslOptionsCallback = "'SslClientAuthenticationOptions.RemoteCertificateValidationCallback'";

    private static DiagnosticResult Expected(int location, string api = HandlerCallback)
        => Verify.Diagnostic(Descriptors.AZSEC301_CertificateValidationDisabled).WithLocation(location).WithArguments(api);

    [Fact]
    public Task AssignmentStatement_IsRemovedAndCommentsKept() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;

        class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                // Talk to the pricing API.
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (message, certificate, chain, errors) => true;
                handler.MaxConnectionsPerServer = 20;
                return new HttpClient(handler);
            }
        }
        """, Expected(0), """
        using System.Net.Http;

        class C
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                // Talk to the pricing API.
                handler.MaxConnectionsPerServer = 20;
                return new HttpClient(handler);
            }
        }
        """, EquivalenceKeys.RemoveCertificateValidationOverride);

    [Fact]
    public Task OnlyInitializerMember_LeavesParameterlessConstruction() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;

        class C
        {
            HttpClient Create() => new HttpClient(new HttpClientHandler
            {
                {|#0:ServerCertificateCustomValidationCallback|} = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        }
        """, Expected(0), """
        using System.Net.Http;

        class C
        {
            HttpClient Create() => new HttpClient(new HttpClientHandler());
        }
        """);

    [Fact]
    public Task InitializerMemberAmongOthers_IsRemoved() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler
            {
                AllowAutoRedirect = false,
                {|#0:ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true,
                MaxConnectionsPerServer = 4,
            };
        }
        """, Expected(0), """
        using System.Net.Http;

        class C
        {
            HttpClientHandler Create() => new HttpClientHandler
            {
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = 4,
            };
        }
        """);

    [Fact]
    public Task TargetTypedNewWithOnlyMember_LeavesNew() => Verify.VerifyCodeFixAsync("""
        using System.Net.Http;

        class C
        {
            HttpClientHandler Create() => new() { {|#0:ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true };
        }
        """, Expected(0), """
        using System.Net.Http;

        class C
        {
            HttpClientHandler Create() => new();
        }
        """);

    [Fact]
    public Task SslStreamArgument_BecomesNull() => Verify.VerifyCodeFixAsync("""
        using System.IO;
        using System.Net.Security;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, leaveInnerStreamOpen: false, {|#0:(sender, certificate, chain, errors) => true|});
        }
        """, Expected(0, SslStreamArgument), """
        using System.IO;
        using System.Net.Security;

        class C
        {
            SslStream Open(Stream inner) => new SslStream(inner, leaveInnerStreamOpen: false, null);
        }
        """);

    [Fact]
    public Task ServicePointManagerCompoundAssignment_IsRemoved() => Verify.VerifyCodeFixAsync("""
        using System.Net;

        class C
        {
            void Configure()
            {
        #pragma warning disable SYSLIB0014
                {|#0:ServicePointManager.ServerCertificateValidationCallback|} += (sender, certificate, chain, errors) => true;
                ServicePointManager.DefaultConnectionLimit = 10;
            }
        }
        """, Expected(0, "'ServicePointManager.ServerCertificateValidationCallback'"), """
        using System.Net;

        class C
        {
            void Configure()
            {
        #pragma warning disable SYSLIB0014
                ServicePointManager.DefaultConnectionLimit = 10;
            }
        }
        """);

    [Fact]
    public Task TopLevelStatement_IsRemoved()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.Net.Http;

                var handler = new HttpClientHandler();
                {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                using var client = new HttpClient(handler);
                """,
            FixedCode = """
                using System.Net.Http;

                var handler = new HttpClientHandler();
                using var client = new HttpClient(handler);
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected(0));
        return test.RunAsync();
    }

    [Fact]
    public Task EmbeddedStatement_OffersNoFix()
    {
        // Deleting the only statement of an unbraced `if` would change what the `if` controls.
        const string source = """
            using System.Net.Http;

            class C
            {
                void Configure(HttpClientHandler handler, bool legacy)
                {
                    if (legacy)
                        {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                }
            }
            """;
        var test = new Verify.Test { TestCode = source, FixedCode = source };
        test.ExpectedDiagnostics.Add(Expected(0));
        test.FixedState.ExpectedDiagnostics.Add(Expected(0));
        return test.RunAsync();
    }

    [Fact]
    public Task NameOnlyCallback_OffersNoFix()
    {
        // Removing the override would break a deployment that relies on a private CA; the rule page shows the chain-based fix.
        const string source = """
            using System.Net.Http;

            class C
            {
                void Configure(HttpClientHandler handler)
                {
                    {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, cert, _, _) => cert!.Issuer == "CN=Contoso CA";
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(
            source,
            Verify.Diagnostic(Descriptors.AZSEC301_CertificateValidationDisabled).WithLocation(0)
                .WithArguments("'HttpClientHandler.ServerCertificateCustomValidationCallback', which trusts any certificate whose subject or issuer name matches (a self-signed certificate can carry any name),"),
            source);
    }

    [Fact]
    public Task FixAll_RemovesEveryOverrideInTheDocument()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using System.IO;
                using System.Net.Http;
                using System.Net.Security;

                class C
                {
                    HttpClientHandler Primary()
                    {
                        var handler = new HttpClientHandler();
                        {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                        return handler;
                    }

                    HttpClientHandler Secondary() => new HttpClientHandler
                    {
                        {|#1:ServerCertificateCustomValidationCallback|} = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                        UseProxy = false,
                    };

                    SocketsHttpHandler Sockets()
                    {
                        var handler = new SocketsHttpHandler();
                        {|#2:handler.SslOptions.RemoteCertificateValidationCallback|} = delegate { return true; };
                        return handler;
                    }

                    SslStream Open(Stream inner) => new SslStream(inner, false, {|#3:(s, c, ch, e) => true|});
                }
                """,
            FixedCode = """
                using System.IO;
                using System.Net.Http;
                using System.Net.Security;

                class C
                {
                    HttpClientHandler Primary()
                    {
                        var handler = new HttpClientHandler();
                        return handler;
                    }

                    HttpClientHandler Secondary() => new HttpClientHandler
                    {
                        UseProxy = false,
                    };

                    SocketsHttpHandler Sockets()
                    {
                        var handler = new SocketsHttpHandler();
                        return handler;
                    }

                    SslStream Open(Stream inner) => new SslStream(inner, false, null);
                }
                """,
            NumberOfFixAllIterations = 1,
        };
        test.ExpectedDiagnostics.AddRange(new[] { Expected(0), Expected(1), Expected(2, SslOptionsCallback), Expected(3, SslStreamArgument) });
        return test.RunAsync();
    }

    [Fact]
    public Task FixAll_AcrossDocumentsInProject()
    {
        var test = new Verify.Test();
        test.TestState.Sources.Add(("A.cs", """
            using System.Net.Http;

            class A
            {
                void Configure(HttpClientHandler handler)
                {
                    {|#0:handler.ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true;
                }
            }
            """));
        test.TestState.Sources.Add(("B.cs", """
            using System.Net.Http;

            class B
            {
                HttpClientHandler Create() => new() { {|#1:ServerCertificateCustomValidationCallback|} = (_, _, _, _) => true };
            }
            """));
        test.FixedState.Sources.Add(("A.cs", """
            using System.Net.Http;

            class A
            {
                void Configure(HttpClientHandler handler)
                {
                }
            }
            """));
        test.FixedState.Sources.Add(("B.cs", """
            using System.Net.Http;

            class B
            {
                HttpClientHandler Create() => new();
            }
            """));
        test.ExpectedDiagnostics.AddRange(new[] { Expected(0), Expected(1) });
        return test.RunAsync();
    }
}

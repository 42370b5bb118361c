using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Identity.ResourceOwnerPasswordCredentialsAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

public class ResourceOwnerPasswordCredentialsAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC203_ResourceOwnerPasswordCredentials).WithLocation(location).WithArguments($"'{api}'");

    [Fact]
    public Task UsernamePasswordCredential_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Azure.Identity;

        class C
        {
        #pragma warning disable CS0618 // The type is obsolete; the rule still has to see it.
            object Create(string user, string password) => new {|#0:UsernamePasswordCredential|}(user, password, "contoso.onmicrosoft.com", "00000000-0000-0000-0000-000000000001");
        #pragma warning restore CS0618
        }
        """, Expected(0, "UsernamePasswordCredential"));

    [Fact]
    public Task MsalAcquireTokenByUsernamePassword_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Microsoft.Identity.Client;

        class C
        {
        #pragma warning disable CS0618
            Task<AuthenticationResult> SignIn(IPublicClientApplication app, string user, string password)
                => app.{|#0:AcquireTokenByUsernamePassword|}(new[] { "https://graph.microsoft.com/.default" }, user, password).ExecuteAsync();
        #pragma warning restore CS0618
        }
        """, Expected(0, "AcquireTokenByUsernamePassword"));

    [Fact]
    public Task OtherFlowsAndLookalikes_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System.Threading.Tasks;
        using Azure.Identity;
        using Microsoft.Identity.Client;

        class UsernamePasswordCredential { }

        class C
        {
            void M(IPublicClientApplication app)
            {
                _ = new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
                _ = new DeviceCodeCredential();
                _ = app.AcquireTokenInteractive(new[] { "user.read" });
                _ = new UsernamePasswordCredential();
                AcquireTokenByUsernamePassword();
            }

            void AcquireTokenByUsernamePassword() { }
        }
        """);

    [Fact]
    public Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.Identity;

                class C
                {
                    object Create() => new UsernamePasswordCredential(
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        return test.RunAsync(CancellationToken.None);
    }
}

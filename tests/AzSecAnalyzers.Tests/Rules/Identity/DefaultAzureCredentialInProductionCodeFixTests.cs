using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.DefaultAzureCredentialInProductionAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.DefaultAzureCredentialInProductionCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>The test harness runs AZSEC204 although it is disabled by default, at its default (hidden) severity.</summary>
public class DefaultAzureCredentialInProductionCodeFixTests
{
    private static DiagnosticResult Expected(int location)
        => Verify.Diagnostic(Descriptors.AZSEC204_DefaultAzureCredentialInProduction).WithLocation(location).WithArguments("'DefaultAzureCredential'");

    [Fact]
    public Task Fix_ReplacesWithSystemAssignedManagedIdentity()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Azure.Core;
                using Azure.Identity;

                class C
                {
                    TokenCredential Create() => new {|#0:DefaultAzureCredential|}();
                }
                """,
            FixedCode = """
                using Azure.Core;
                using Azure.Identity;

                class C
                {
                    TokenCredential Create() => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
                }
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.ReplaceWithManagedIdentityCredential,
        };
        test.ExpectedDiagnostics.Add(Expected(0));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task Fix_AddsTheUsingDirective_AndSkipsTheOptionsForm()
    {
        var test = new Verify.Test
        {
            TestCode = """
                class C
                {
                    Azure.Core.TokenCredential Create() => new {|#0:Azure.Identity.DefaultAzureCredential|}();
                    Azure.Core.TokenCredential WithOptions() => new {|#1:Azure.Identity.DefaultAzureCredential|}(new Azure.Identity.DefaultAzureCredentialOptions());
                }
                """,
            FixedCode = """
                using Azure.Identity;

                class C
                {
                    Azure.Core.TokenCredential Create() => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
                    Azure.Core.TokenCredential WithOptions() => new {|#1:Azure.Identity.DefaultAzureCredential|}(new Azure.Identity.DefaultAzureCredentialOptions());
                }
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.ReplaceWithManagedIdentityCredential,
        };
        test.ExpectedDiagnostics.Add(Expected(0));
        test.ExpectedDiagnostics.Add(Expected(1));
        test.FixedState.ExpectedDiagnostics.Add(Expected(1));
        return test.RunAsync(CancellationToken.None);
    }
}

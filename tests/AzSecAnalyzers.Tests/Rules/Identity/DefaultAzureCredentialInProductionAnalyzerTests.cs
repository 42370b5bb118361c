using System.Collections.Immutable;
using AzSecAnalyzers.Rules.Identity;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using AnalyzerVerify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Identity.DefaultAzureCredentialInProductionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>
/// AZSEC204 is disabled by default. The test harness runs every supported diagnostic regardless, so these
/// tests see it at its default (hidden) severity; <see cref="Parameterless_InAPlainCompilation_IsNotReported"/>
/// checks that a plain build does not report it.
/// </summary>
public class DefaultAzureCredentialInProductionAnalyzerTests
{
    private static DiagnosticResult Expected(int location)
        => AnalyzerVerify.Diagnostic(Descriptors.AZSEC204_DefaultAzureCredentialInProduction).WithLocation(location).WithArguments("'DefaultAzureCredential'");

    private static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected) => AnalyzerVerify.VerifyAnalyzerAsync(source, expected);

    [Fact]
    public Task Parameterless_WhenEnabled_Triggers() => VerifyAnalyzerAsync("""
        using Azure.Identity;

        class C
        {
            object Create() => new {|#0:DefaultAzureCredential|}();
            object WithEmptyOptions() => new {|#1:DefaultAzureCredential|}(new DefaultAzureCredentialOptions { ManagedIdentityClientId = "id" });
        }
        """, Expected(0), Expected(1));

    [Fact]
    public async Task Parameterless_InAPlainCompilation_IsNotReported()
    {
        var tree = CSharpSyntaxTree.ParseText("""
            using Azure.Identity;

            class C
            {
                object Create() => new DefaultAzureCredential();
            }
            """, TestSetup.ParseOptions);
        var compilation = CSharpCompilation.Create("App", new[] { tree }, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DefaultAzureCredentialInProductionAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(diagnostics);
        Assert.False(Descriptors.AZSEC204_DefaultAzureCredentialInProduction.IsEnabledByDefault);
    }

    [Fact]
    public Task DeveloperCredentialsExcludedOrOptionsFromElsewhere_DoNotTrigger() => VerifyAnalyzerAsync("""
        using Azure.Identity;

        class C
        {
            object Excluding() => new DefaultAzureCredential(new DefaultAzureCredentialOptions
            {
                ExcludeAzureCliCredential = true,
                ExcludeVisualStudioCredential = true,
            });

            object FromElsewhere(DefaultAzureCredentialOptions options) => new DefaultAzureCredential(options);
            object Specific() => new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }
        """);

    [Fact]
    public async Task TestProject_IsNotReported()
    {
        // Enabled explicitly, as a user would; the compilation references xUnit, so it is a test project.
        var tree = CSharpSyntaxTree.ParseText("""
            using Azure.Identity;

            class IntegrationTests
            {
                object Create() => new DefaultAzureCredential();
            }
            """, TestSetup.ParseOptions);
        var references = TestReferences.All.Add(MetadataReference.CreateFromFile(typeof(FactAttribute).Assembly.Location));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
            .WithSpecificDiagnosticOptions(new Dictionary<string, ReportDiagnostic> { ["AZSEC204"] = ReportDiagnostic.Warn });
        var compilation = CSharpCompilation.Create("App.Tests", new[] { tree }, references, options);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new DefaultAzureCredentialInProductionAnalyzer());
        Assert.Empty(await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());

        // The same code in a project without a test framework is reported.
        var production = CSharpCompilation.Create("App", new[] { tree }, TestReferences.All, options);
        Assert.Single(await production.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync());
    }

    [Fact]
    public Task PartialCode_ReportsWithoutCrashing()
    {
        var test = new AnalyzerVerify.Test
        {
            TestCode = """
                using Azure.Identity;

                class C
                {
                    object Create() => new {|#0:DefaultAzureCredential|}(new DefaultAzureCredentialOptions {
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };

        // Options that exclude nothing yet: reported, without crashing on the unfinished initializer.
        test.ExpectedDiagnostics.Add(Expected(0));
        return test.RunAsync(CancellationToken.None);
    }
}

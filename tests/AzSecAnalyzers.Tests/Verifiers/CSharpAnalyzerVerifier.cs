using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AzSecAnalyzers.Tests.Verifiers;

/// <summary>Thin verifier: source with <c>{|#0:…|}</c> markup plus the expected diagnostics.</summary>
public static class CSharpAnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Test { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public sealed class Test : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    {
        public Test() => TestSetup.Configure(this);

        /// <summary>Reference only the .NET base library (no Azure SDK, no ASP.NET Core).</summary>
        public bool NetCoreOnly { get; init; }

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.CompilationOptions(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => TestSetup.ParseOptions;

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestSetup.AddReferences(TestState, NetCoreOnly);
            return base.RunImplAsync(cancellationToken);
        }
    }
}

/// <summary>Settings every test shares: real references, no downloads, C# 12 (Roslyn 4.8's newest).</summary>
internal static class TestSetup
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    public static void Configure(AnalyzerTest<DefaultVerifier> test)
    {
        test.ReferenceAssemblies = TestReferences.None;
    }

    public static CompilationOptions CompilationOptions(CompilationOptions options)
        => ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

    public static void AddReferences(SolutionState state, bool netCoreOnly)
    {
        if (state.AdditionalReferences.Count == 0)
        {
            state.AdditionalReferences.AddRange(netCoreOnly ? TestReferences.NetCoreOnly : TestReferences.All);
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AzSecAnalyzers.Tests.Verifiers;

/// <summary>Thin verifier for a rule and its fix: the fixed code must compile against the same real references.</summary>
public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource, string? equivalenceKey = null)
    {
        var test = new Test { TestCode = source, FixedCode = fixedSource, CodeActionEquivalenceKey = equivalenceKey };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource, string? equivalenceKey = null)
        => VerifyCodeFixAsync(source, new[] { expected }, fixedSource, equivalenceKey);

    public sealed class Test : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    {
        public Test() => TestSetup.Configure(this);

        /// <summary>Reference only the .NET base library (no Azure SDK, no ASP.NET Core): what a fix offers without any package.</summary>
        public bool NetCoreOnly { get; init; }

        protected override CompilationOptions CreateCompilationOptions() => TestSetup.CompilationOptions(base.CreateCompilationOptions());

        protected override ParseOptions CreateParseOptions() => TestSetup.ParseOptions;

        protected override Task RunImplAsync(CancellationToken cancellationToken)
        {
            TestSetup.AddReferences(TestState, NetCoreOnly);
            TestSetup.AddReferences(FixedState, NetCoreOnly);
            TestSetup.AddReferences(BatchFixedState, NetCoreOnly);
            return base.RunImplAsync(cancellationToken);
        }
    }
}

#pragma warning disable RS1036, RS2008, RS1001 // A test-only probe analyzer, never shipped.
using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure.Taint;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Tests.Infrastructure.Taint;

/// <summary>
/// <see cref="TaintSpec.ConstantSource"/>: string constants a spec calls sources (here: any constant containing
/// <c>SECRET-</c>) are tainted at their outermost constant operation and flow like other sources; without the
/// predicate every constant stays clean.
/// </summary>
public class TaintConstantSourceTests
{
    [Fact]
    public async Task ConstantSource_LiteralThroughLocalAndConcatenation_IsTainted()
    {
        var results = await RunAsync("""
            var value = "SECRET-1234";
            Sink("prefix " + value);
            Sink(value.Length);
            """);

        Assert.Equal(new[] { "Full, Secret|constant", "Typed, Secret|constant" }, results);
    }

    [Fact]
    public async Task ConstantSource_ConstFieldAndConstantConcatenation_JudgedAsWhole()
    {
        var results = await RunAsync("""
            Sink(Key);
            Sink("SECRET-" + "abc");
            Sink("SEC" + "RET-abc");
            Sink("SECRET");
            """,
            "const string Key = \"SECRET-9\";");

        Assert.Equal(new[] { "Full, Secret|constant", "Full, Secret|constant", "Full, Secret|constant", "clean|-" }, results);
    }

    [Fact]
    public async Task ConstantSource_ReturnedByHelper_IsTaintedThroughSummary()
    {
        var results = await RunAsync("Sink(Helper());", "static string Helper() => \"SECRET-x\";");

        Assert.Equal(new[] { "Full, Secret|constant" }, results);
    }

    [Fact]
    public async Task NoConstantSource_ConstantsStayClean()
    {
        var results = await RunAsync("""var value = "SECRET-1234"; Sink(value);""", useConstantSource: false);

        Assert.Equal(new[] { "clean|-" }, results);
    }

    private static async Task<IReadOnlyList<string>> RunAsync(string body, string members = "", bool useConstantSource = true)
    {
        var source = $$"""
            public class C
            {
                static void Sink(object? value) { }
                {{members}}

                void M()
                {
                    {{body}}
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Probe",
            new[] { CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions) },
            TestReferences.NetCoreOnly,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var analyzer = new ConstantProbe(useConstantSource);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer)).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics.OrderBy(d => d.Location.SourceSpan.Start).Select(d => d.GetMessage()).ToList();
    }

    private sealed class ConstantProbe(bool useConstantSource) : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TAINTC", "Taint probe", "{0}|{1}", "Test", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var spec = new TaintSpec("TAINTC", start.Compilation);
                if (useConstantSource)
                {
                    spec.ConstantSource = (IOperation operation, out TaintSource source) =>
                    {
                        var text = (string)operation.ConstantValue.Value!;
                        source = text.Contains("SECRET-", StringComparison.Ordinal) ? new TaintSource(TaintLabels.Secret | TaintLabels.Full, "constant") : default;
                        return !source.IsDefault;
                    };
                }

                TaintSinks.Register(
                    start,
                    spec,
                    static (operation, sinks) =>
                    {
                        if (operation is IInvocationOperation { TargetMethod.Name: "Sink", Arguments.Length: 1 } invocation)
                        {
                            sinks.Add(invocation.Arguments[0].Value, invocation);
                        }
                    },
                    static (context, sink, value) =>
                    {
                        var labels = value.Labels & (TaintLabels.Shapes | TaintLabels.Kinds);
                        context.ReportDiagnostic(Diagnostic.Create(Rule, sink.Value.Syntax.GetLocation(), labels == TaintLabels.None ? "clean" : labels.ToString(), value.Origin?.Description ?? "-"));
                    },
                    OperationKind.Invocation);
            });
        }
    }
}

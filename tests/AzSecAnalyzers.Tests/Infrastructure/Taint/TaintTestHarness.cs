#pragma warning disable RS1036, RS2008, RS1001 // A test-only probe analyzer, never shipped.
using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Taint;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Tests.Infrastructure.Taint;

/// <summary>One sink the test analyzer saw: the argument as written, its labels and origin.</summary>
public sealed record SinkResult(string Argument, string Labels, string? Origin, int Line);

/// <summary>
/// A test-only analyzer over the taint engine: sources are calls to <c>Source()</c>, parameters named <c>tainted…</c> and
/// (when <see cref="UseRequestSources"/>) the shared request model; sinks are the first argument of calls to <c>Sink(…)</c>;
/// <c>Clean(…)</c> sanitizes; <c>IsAllowed(x)</c> guards <c>x</c>; membership tests guard; <c>https://host/</c> pins.
/// It reports every sink with its labels so tests can assert clean results too.
/// </summary>

internal sealed class TaintProbeAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new("TAINT", "Taint probe", "{0}|{1}|{2}", "Test", DiagnosticSeverity.Warning, true);

    public bool UseRequestSources { get; init; }

    public bool UseUnknownAsNonConstant { get; init; }

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var request = AzSecContext.For(start.Compilation).Requests;
            var spec = new TaintSpec("TAINT", start.Compilation)
            {
                Source = (IOperation operation, out TaintSource source) =>
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "Source" })
                    {
                        source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "Source()");
                        return true;
                    }

                    if (UseRequestSources)
                    {
                        return request.TryGetSource(operation, out source);
                    }

                    source = default;
                    return false;
                },
                ParameterSource = (IParameterSymbol parameter, TaintFunction function, out TaintSource source) =>
                {
                    if (parameter.Name.StartsWith("tainted", StringComparison.Ordinal))
                    {
                        source = new TaintSource(TaintLabels.Request | TaintLabels.Full, $"parameter '{parameter.Name}'");
                        return true;
                    }

                    if (UseRequestSources)
                    {
                        return request.TryGetParameterSource(parameter, function, out source);
                    }

                    source = default;
                    return false;
                },
                Sanitizer = operation => operation is IInvocationOperation { TargetMethod.Name: "Clean" },
                Guard = (IOperation condition, out IOperation guarded, out bool whenTrue) =>
                {
                    whenTrue = true;
                    guarded = null!;
                    if (condition is IInvocationOperation { TargetMethod.Name: "IsAllowed", Arguments.Length: 1 } allowed)
                    {
                        guarded = allowed.Arguments[0].Value;
                        return true;
                    }

                    if (TaintGuards.IsHostComparison(condition, out guarded, out _, out whenTrue))
                    {
                        return true;
                    }

                    return TaintGuards.IsAbsolutePrefixCheck(condition, out guarded, out _);
                },
                IsPinningPrefix = prefix => TaintGuards.TryGetPinnedHost(prefix, out _),
                MembershipSanitizes = true,
                UnknownValue = UseUnknownAsNonConstant
                    ? operation => operation.Type?.SpecialType == SpecialType.System_String ? TaintLabels.NonConstant | TaintLabels.Full : TaintLabels.None
                    : null,
            };

            TaintSinks.Register(
                start,
                spec,
                static (operation, sinks) =>
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "Sink", Arguments.Length: > 0 } invocation)
                    {
                        sinks.Add(invocation.Arguments[0].Value, invocation);
                    }
                },
                static (context, sink, value) =>
                {
                    var labels = value.Labels & (TaintLabels.Shapes | TaintLabels.Kinds);
                    context.ReportDiagnostic(Diagnostic.Create(Rule, sink.Value.Syntax.GetLocation(), labels == TaintLabels.None ? "clean" : labels.ToString(), value.Origin?.Description ?? "-", sink.Value.Syntax.ToString()));
                },
                OperationKind.Invocation);
        });
    }
}

internal static class TaintHarness
{
    /// <summary>Compiles <paramref name="source"/> with the real references and returns every sink in source order.</summary>
    public static async Task<IReadOnlyList<SinkResult>> RunAsync(string source, bool requestSources = false, bool unknownAsNonConstant = false, bool allowErrors = false)
    {
        var tree = CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions);
        var compilation = CSharpCompilation.Create(
            "Probe",
            new[] { tree },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (!allowErrors)
        {
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }

        var analyzer = new TaintProbeAnalyzer { UseRequestSources = requestSources, UseUnknownAsNonConstant = unknownAsNonConstant };
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false);
        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options).GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics
            .Where(d => d.Id == "TAINT")
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Select(d =>
            {
                var parts = d.GetMessage().Split('|');
                return new SinkResult(parts[2], parts[0], parts[1] == "-" ? null : parts[1], d.Location.GetLineSpan().StartLinePosition.Line + 1);
            })
            .ToList();
    }

    /// <summary>Wraps statements in a class with the probe's helper methods.</summary>
    public static string Method(string body, string members = "") => $$"""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Threading.Tasks;

        public class C
        {
            static string Source() => "x";
            static void Sink(object? value) { }
            static string Clean(string value) => value;
            static bool IsAllowed(string value) => true;
            string field = "";
            static readonly HashSet<string> Allowed = new() { "a" };

            void M(string taintedInput, string other, int number)
            {
        {{body}}
            }
        {{members}}
        }
        """;
}

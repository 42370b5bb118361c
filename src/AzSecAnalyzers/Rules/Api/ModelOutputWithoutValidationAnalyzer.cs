using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.Operations;
using AzSecAnalyzers.Infrastructure.Symbols;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC414: the text a language model returns (OpenAI/Azure OpenAI <c>ChatClient</c>, Semantic Kernel chat completion
/// and prompt results, Microsoft.Extensions.AI <c>IChatClient</c>) reaching query text (AZSEC410's sinks), an outbound
/// URL (AZSEC406's sinks), a process, a file path, raw HTML, a type-name deserialization or a type loaded by name,
/// with no allow-list check, typed parsing or parameterization in between. Model text is steered by whatever the
/// model read (a retrieved document, an email, a web page), so it is untrusted input. Built on the taint engine:
/// the model calls are the sources, the sinks are found cheaply per operation, and the rule registers nothing when
/// the compilation references no model client.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("What the model may legitimately return (a table name, a host, a file) is the app's own knowledge; no mechanical rewrite can write the allow-list.")]
public sealed partial class ModelOutputWithoutValidationAnalyzer : AzSecAnalyzer
{
    /// <summary>The kind bit model output carries through the engine.</summary>
    private const TaintLabels ModelOutput = TaintLabels.Custom1;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC414_ModelOutputWithoutValidation);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var models = ModelCalls.Create(types);
        if (models is null)
        {
            return; // pay-for-play: no model client, nothing registered
        }

        var sinks = new Sinks(types, context.Options);
        var urls = sinks.Urls;
        var spec = new TaintSpec(RuleIds.ModelOutputWithoutValidation, context.Compilation)
        {
            Source = models.TryGetSource,
            Sanitizer = models.IsTypedParse,
            Propagator = models.Propagates,
            Guard = (IOperation condition, out IOperation guarded, out bool whenTrue) =>
                urls.Guard(condition, out guarded, out whenTrue) || IsConstantComparison(condition, out guarded, out whenTrue),
            IsPinningPrefix = ServerSideRequestForgeryAnalyzer.IsPinningPrefix,
            MembershipSanitizes = true,
            BlockMayHaveSource = models.MayBringModelOutput,
        };

        TaintSinks.Register(
            context,
            spec,
            sinks.Find,
            Report,
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.Conversion);
    }

    private static void Report(OperationBlockAnalysisContext context, TaintSink sink, TaintValue value)
    {
        var labels = value.Labels;
        if (!labels.HasAny(ModelOutput))
        {
            return;
        }

        // A model-chosen path after a fixed https://host/ cannot move the request elsewhere (AZSEC406's sinks, tagged
        // with their API's name, judged by host as AZSEC406 does); anywhere else text after a constant prefix still
        // changes the query, the command line, the path or the markup.
        string description;
        switch (sink.Tag)
        {
            case string url when labels.IsFull():
                description = "the URL of " + url;
                break;
            case SinkKind kind when labels.IsText():
                description = kind.Description;
                break;
            default:
                return;
        }

        var origin = value.Origin;
        var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC414_ModelOutputWithoutValidation,
            sink.Value.Syntax.GetLocation(),
            additional,
            origin?.Description ?? "a language model",
            description));
    }

    /// <summary>
    /// <c>x == "known"</c>, <c>"known" == x</c>, <c>x.Equals("known")</c>, <c>string.Equals(x, "known", …)</c>: on the equal
    /// branch <c>x</c> is that constant. A <c>switch</c> statement over known values lowers to these comparisons.
    /// </summary>
    private static bool IsConstantComparison(IOperation condition, out IOperation guarded, out bool whenTrue)
    {
        guarded = null!;
        whenTrue = true;
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                whenTrue = binary.OperatorKind == BinaryOperatorKind.Equals;
                return ValueAndConstant(binary.LeftOperand, binary.RightOperand, out guarded)
                    || ValueAndConstant(binary.RightOperand, binary.LeftOperand, out guarded);
            case IInvocationOperation { TargetMethod.Name: "Equals", Instance: { } instance } equals when equals.Arguments.Length >= 1:
                return ValueAndConstant(instance, equals.Arguments[0].Value, out guarded);
            case IInvocationOperation { TargetMethod.Name: "Equals", Instance: null } staticEquals when staticEquals.Arguments.Length >= 2:
                return ValueAndConstant(staticEquals.Arguments[0].Value, staticEquals.Arguments[1].Value, out guarded)
                    || ValueAndConstant(staticEquals.Arguments[1].Value, staticEquals.Arguments[0].Value, out guarded);
            default:
                return false;
        }
    }

    private static bool ValueAndConstant(IOperation value, IOperation constant, out IOperation guarded)
    {
        guarded = value.WalkDownConversionsAndDelegates();
        return constant.WalkDownConversionsAndDelegates().ConstantValue is { HasValue: true, Value: string }
               && guarded.Type?.SpecialType == SpecialType.System_String
               && !guarded.ConstantValue.HasValue;
    }

    /// <summary>How the message names one of the rule's own sinks (AZSEC406's come tagged with a plain string).</summary>
    private sealed class SinkKind
    {
        public SinkKind(string description) => Description = description;

        public string Description { get; }
    }
}

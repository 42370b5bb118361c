using AzSecAnalyzers.Infrastructure.Taint;

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

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
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
                urls.Guard(condition, out guarded, out whenTrue) || TaintGuards.IsKnownTextComparison(condition, out guarded, out whenTrue),
            IsPinningPrefix = ServerSideRequestForgeryAnalyzer.IsPinningPrefix,
            MembershipSanitizes = true,
            BlockMayHaveSource = models.MayBringModelOutput,
        };

        TaintSinks.Register<SinkKind>(
            context,
            spec,
            sinks.Find,
            Report,
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.Conversion);
    }

    private static void Report(OperationBlockAnalysisContext context, TaintSink<SinkKind> sink, TaintValue value)
    {
        var labels = value.Labels;
        if (!labels.HasAny(ModelOutput))
        {
            return;
        }

        // A model-chosen path after a fixed https://host/ cannot move the request elsewhere (AZSEC406's sinks, tagged
        // with their API's name, judged by host as AZSEC406 does); anywhere else text after a constant prefix still
        // changes the query, the command line, the path or the markup.
        var kind = sink.Tag;
        if (kind.IsUrl ? !labels.IsFull() : !labels.IsText())
        {
            return;
        }

        var description = kind.IsUrl ? "the URL of " + kind.Description : kind.Description;

        var origin = value.Origin;
        var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC414_ModelOutputWithoutValidation,
            sink.Value.Syntax.GetLocation(),
            additional,
            origin?.Description ?? "a language model",
            description));
    }

    /// <summary>How the message names a sink; an outbound URL (AZSEC406's sinks) is judged by host, not by text.</summary>
    private sealed class SinkKind
    {
        public SinkKind(string description, bool isUrl = false)
        {
            Description = description;
            IsUrl = isUrl;
        }

        public string Description { get; }

        public bool IsUrl { get; }
    }
}

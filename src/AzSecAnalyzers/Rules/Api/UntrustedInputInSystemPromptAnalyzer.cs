using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC415: request input or a received message body placed into a system or developer message of a language-model
/// conversation (OpenAI / Azure.AI.OpenAI, Semantic Kernel, Microsoft.Extensions.AI). The system message carries the
/// application's authority; text the caller controls there can rewrite the rules the model follows (prompt injection).
/// Built on the taint engine with AZSEC406's request and message sources. Clean: the input in a user message, constants,
/// configuration, scalars, and text checked against known values first (<c>allowed.Contains(x)</c>, <c>x == "a"</c>, a
/// <c>switch</c> over constant cases).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UntrustedInputInSystemPromptAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC415_UntrustedInputInSystemPrompt);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        // Pay-for-play: an app that references no model client registers nothing, before any request model is built.
        var chat = ChatMessages.For(types);
        if (!chat.HasAny)
        {
            return;
        }

        var request = RequestSources.For(types);
        if (!request.HasAny)
        {
            return;
        }

        var spec = new TaintSpec(RuleIds.UntrustedInputInSystemPrompt, context.Compilation)
        {
            Source = request.TryGetSource,
            ParameterSource = request.TryGetParameterSource,
            Guard = TaintGuards.IsKnownTextComparison,
            Propagator = chat.IsTextPart,
            MembershipSanitizes = true,
        };

        TaintSinks.Register(
            context,
            spec,
            (operation, sinks) =>
            {
                if (chat.TryGetText(operation, out var text) && text.IsInstruction)
                {
                    foreach (var value in text.Values)
                    {
                        sinks.Add(value, operation, text);
                    }
                }
            },
            Report,
            OperationKind.ObjectCreation,
            OperationKind.Invocation,
            OperationKind.SimpleAssignment);
    }

    private static void Report(OperationBlockAnalysisContext context, TaintSink sink, TaintValue value)
    {
        if (!value.Labels.IsText() || !value.Labels.HasAny(TaintLabels.Request | TaintLabels.Message) || sink.Tag is not ChatMessageText text)
        {
            return;
        }

        var origin = value.Origin;
        var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC415_UntrustedInputInSystemPrompt,
            sink.Value.Syntax.GetLocation(),
            additional,
            text.Api,
            origin?.Description ?? (value.Labels.HasAny(TaintLabels.Message) ? "a received message" : "request input"),
            text.Role == ChatMessageRole.Developer ? "developer message" : "system message"));
    }
}

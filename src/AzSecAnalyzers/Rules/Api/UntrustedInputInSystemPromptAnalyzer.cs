using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Taint;

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
    /// <summary>
    /// Present when the finding's value is written right in a message's content argument as an interpolation or a
    /// concatenation, so a fix can move its one non-constant part into a user message. The value says where that goes:
    /// <see cref="MessageShape"/> or one of the Semantic Kernel <c>ChatHistory</c> shapes.
    /// </summary>
    public const string FixShapeProperty = "FixShape";

    /// <summary>A message object (<c>new SystemChatMessage</c>, <c>ChatMessage.CreateSystemMessage</c>, <c>new ChatMessage(ChatRole.System, …)</c>, <c>new ChatMessageContent(AuthorRole.System, …)</c>): a user message follows it in the same list.</summary>
    public const string MessageShape = "Message";

    /// <summary><c>history.AddSystemMessage(…)</c>, <c>AddDeveloperMessage</c>, <c>AddMessage(AuthorRole.System, …)</c>: <c>history.AddUserMessage(…)</c> follows.</summary>
    public const string HistoryCallShape = "HistoryCall";

    /// <summary><c>var history = new ChatHistory(…)</c>: <c>history.AddUserMessage(…)</c> follows the declaration.</summary>
    public const string HistoryConstructorShape = "HistoryConstructor";

    /// <summary>The client family of the message (<see cref="ChatClientFamily"/> name), so the fix writes the matching user message.</summary>
    public const string FamilyProperty = "Family";
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC415_UntrustedInputInSystemPrompt);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        // Pay-for-play: an app that references no model client registers nothing, before any request model is built.
        var chat = types.ChatMessages;
        if (!chat.HasAny)
        {
            return;
        }

        var request = types.Requests;
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

        TaintSinks.Register<ChatMessageText>(
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

    private static void Report(OperationBlockAnalysisContext context, TaintSink<ChatMessageText> sink, TaintValue value)
    {
        if (!value.Labels.IsText() || !value.Labels.HasAny(TaintLabels.Request | TaintLabels.Message))
        {
            return;
        }

        var text = sink.Tag;

        var origin = value.Origin;
        var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
        var shape = FixShape(sink, text);
        var properties = shape is null
            ? ImmutableDictionary<string, string?>.Empty
            : ImmutableDictionary<string, string?>.Empty.Add(FixShapeProperty, shape).Add(FamilyProperty, text.Family.ToString());
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC415_UntrustedInputInSystemPrompt,
            sink.Value.Syntax.GetLocation(),
            additional,
            properties,
            text.Api,
            origin?.Description ?? (value.Labels.HasAny(TaintLabels.Message) ? "a received message" : "request input"),
            text.Role == ChatMessageRole.Developer ? "developer message" : "system message"));
    }

    private static string? FixShape(TaintSink<ChatMessageText> sink, ChatMessageText text)
    {
        // Only text written in the content argument itself; content parts, assignments and values built elsewhere are not moved.
        if (sink.Value != text.Content || sink.Value is not (IInterpolatedStringOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Add }))
        {
            return null;
        }

        return sink.Sink switch
        {
            IInvocationOperation { TargetMethod.IsStatic: false } when text.Family == ChatClientFamily.SemanticKernel => HistoryCallShape,
            IObjectCreationOperation { Type.Name: "ChatHistory" } when text.Family == ChatClientFamily.SemanticKernel => HistoryConstructorShape,
            IObjectCreationOperation or IInvocationOperation => MessageShape,
            _ => null,
        };
    }
}

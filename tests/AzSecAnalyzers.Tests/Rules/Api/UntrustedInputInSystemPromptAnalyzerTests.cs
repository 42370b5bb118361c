#pragma warning disable OPENAI001 // The developer-message types of OpenAI 2.14 are experimental; the rule covers them.
using System.Collections.Immutable;
using AzSecAnalyzers.Rules.Api;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.UntrustedInputInSystemPromptAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class UntrustedInputInSystemPromptAnalyzerTests
{
    // One header per client family: OpenAI.Chat and Microsoft.Extensions.AI both define ChatMessage.
    private const string Common = """
        #pragma warning disable OPENAI001
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Configuration;

        """;

    private const string OpenAIUsings = Common + "using OpenAI.Chat;\n";

    private const string KernelUsings = Common + "using Microsoft.SemanticKernel;\nusing Microsoft.SemanticKernel.ChatCompletion;\nusing Microsoft.SemanticKernel.Connectors.OpenAI;\n";

    private const string ExtensionsAIUsings = Common + "using Microsoft.Extensions.AI;\n";

    private static DiagnosticResult Expected(int sink, int source, string api, string origin, string message = "system message")
        => Verify.Diagnostic(Descriptors.AZSEC415_UntrustedInputInSystemPrompt).WithLocation(sink).WithLocation(source).WithArguments(api, origin, message);

    private static string MinimalApi(string usings, string handlers, string members = "") => usings + $$"""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
        {{handlers}}
            }
        {{members}}
        }
        """;

    // ---- OpenAI / Azure.AI.OpenAI sinks ------------------------------------------------------

    [Fact]
    public Task MinimalApi_RouteParameterInterpolatedIntoSystemChatMessage_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapPost("/tenants/{tenant}/ask", async (string {|#1:tenant|}, string question, ChatClient chat) =>
            {
                var messages = new List<ChatMessage>
                {
                    new SystemChatMessage({|#0:$"You are the catalog assistant of {tenant}. Answer only about its products."|}),
                    new UserChatMessage(question),
                };
                ChatCompletion completion = await chat.CompleteChatAsync(messages);
                return completion.Content[0].Text;
            });
        """),
        Expected(0, 1, "'new SystemChatMessage'", "route parameter 'tenant'"));

    [Fact]
    public Task MinimalApi_QueryParameterIntoCreateSystemMessage_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/ask", (string {|#1:persona|}, ChatClient chat) =>
            {
                var system = "You are " + persona + ".";
                return chat.CompleteChat(ChatMessage.CreateSystemMessage({|#0:system|}), ChatMessage.CreateUserMessage("Hello"));
            });
        """),
        Expected(0, 1, "'ChatMessage.CreateSystemMessage'", "query parameter 'persona'"));

    [Fact]
    public Task DeveloperMessages_Trigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string {|#1:style|}) => new DeveloperChatMessage({|#0:$"Answer in the style {style}"|}));
            app.MapGet("/b", (string {|#3:style|}) => ChatMessage.CreateDeveloperMessage({|#2:style|}));
        """),
        Expected(0, 1, "'new DeveloperChatMessage'", "query parameter 'style'", "developer message"),
        Expected(2, 3, "'ChatMessage.CreateDeveloperMessage'", "query parameter 'style'", "developer message"));

    [Fact]
    public Task ContentPartFromRequestText_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string {|#1:rules|}) => new SystemChatMessage(ChatMessageContentPart.CreateTextPart("Be brief."), {|#0:ChatMessageContentPart.CreateTextPart(rules)|}));
        """),
        Expected(0, 1, "'new SystemChatMessage'", "query parameter 'rules'"));

    [Fact]
    public Task Controller_BodyDtoPropertyThroughHelper_Triggers() => Verify.VerifyAnalyzerAsync(OpenAIUsings + """
        public record AskRequest(string Tenant, string Question);

        [ApiController, Route("api/ask")]
        public class AskController(ChatClient chat) : ControllerBase
        {
            [HttpPost]
            public async Task<string> Ask(AskRequest {|#1:request|})
            {
                ChatCompletion completion = await chat.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage({|#0:Prompt(request.Tenant)|}), new UserChatMessage(request.Question) });
                return completion.Content[0].Text;
            }

            private static string Prompt(string tenant) => $"You answer for the tenant {tenant} only.";
        }
        """,
        Expected(0, 1, "'new SystemChatMessage'", "request body parameter 'request'"));

    [Fact]
    public Task HttpRequestHeader_IntoSystemChatMessage_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (HttpRequest request) =>
            {
                string language = {|#1:request.Headers|}["Accept-Language"]!;
                return new SystemChatMessage({|#0:"Always answer in " + language|});
            });
        """),
        Expected(0, 1, "'new SystemChatMessage'", "'HttpRequest.Headers'"));

    [Fact]
    public Task MethodGroupHandler_WithFromQuery_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", Ask);
        """, """
            private static SystemChatMessage Ask([FromQuery] string {|#1:tone|}) => new({|#0:$"Use a {tone} tone."|});
        """),
        Expected(0, 1, "'new SystemChatMessage'", "query parameter 'tone'"));

    // ---- Messages: Service Bus, Event Hubs, Storage queues ------------------------------------

    [Fact]
    public Task ServiceBusMessageBody_IntoSystemMessage_Triggers() => Verify.VerifyAnalyzerAsync(OpenAIUsings + """
        using Azure.Messaging.ServiceBus;

        public class Worker(ChatClient chat)
        {
            public async Task Handle(ProcessMessageEventArgs args)
            {
                var instructions = {|#1:args.Message.Body|}.ToString();
                await chat.CompleteChatAsync(new SystemChatMessage({|#0:instructions|}), new UserChatMessage("Summarize the order."));
            }
        }
        """,
        Expected(0, 1, "'new SystemChatMessage'", "'ServiceBusReceivedMessage.Body'"));

    [Fact]
    public Task EventHubsBody_IntoChatHistory_Triggers() => Verify.VerifyAnalyzerAsync(KernelUsings + """
        using Azure.Messaging.EventHubs;

        public class Consumer
        {
            public ChatHistory Build(EventData data) => new ChatHistory({|#0:"Device profile: " + {|#1:data.EventBody|}.ToString()|});
        }
        """,
        Expected(0, 1, "'new ChatHistory'", "'EventData.Body'"));

    [Fact]
    public Task QueueMessageText_IntoChatOptionsInstructions_Triggers() => Verify.VerifyAnalyzerAsync(ExtensionsAIUsings + """
        using Azure.Storage.Queues.Models;

        public class QueueWorker(IChatClient client)
        {
            public Task<ChatResponse> Handle(QueueMessage message)
                => client.GetResponseAsync("Summarize today's orders.", new ChatOptions { Instructions = {|#0:{|#1:message.MessageText|}|} });
        }
        """,
        Expected(0, 1, "'ChatOptions.Instructions'", "'QueueMessage.MessageText'"));

    // ---- Semantic Kernel sinks ------------------------------------------------------------------

    [Fact]
    public Task SemanticKernel_SystemMessageApis_Trigger() => Verify.VerifyAnalyzerAsync(MinimalApi(KernelUsings, """
            app.MapGet("/a", (string {|#1:tenant|}) =>
            {
                var history = new ChatHistory();
                history.AddSystemMessage({|#0:$"You serve {tenant}."|});
                history.AddDeveloperMessage({|#2:tenant|});
                history.AddMessage(AuthorRole.System, {|#3:tenant|});
                history.Add(new ChatMessageContent(AuthorRole.System, {|#4:tenant|}));
                return new ChatHistory({|#5:tenant|}, AuthorRole.Developer);
            });
        """),
        Expected(0, 1, "'ChatHistory.AddSystemMessage'", "query parameter 'tenant'"),
        Expected(2, 1, "'ChatHistory.AddDeveloperMessage'", "query parameter 'tenant'", "developer message"),
        Expected(3, 1, "'ChatHistory.AddMessage'", "query parameter 'tenant'"),
        Expected(4, 1, "'new ChatMessageContent'", "query parameter 'tenant'"),
        Expected(5, 1, "'new ChatHistory'", "query parameter 'tenant'", "developer message"));

    [Fact]
    public Task SemanticKernel_ChatSystemPrompt_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(KernelUsings, """
            app.MapGet("/a", (string {|#1:rules|}) => new OpenAIPromptExecutionSettings { ChatSystemPrompt = {|#0:rules|} });
        """),
        Expected(0, 1, "'OpenAIPromptExecutionSettings.ChatSystemPrompt'", "query parameter 'rules'"));

    // ---- Microsoft.Extensions.AI sinks ----------------------------------------------------------

    [Fact]
    public Task ExtensionsAI_SystemRoleMessageAndInstructions_Trigger() => Verify.VerifyAnalyzerAsync(MinimalApi(ExtensionsAIUsings, """
            app.MapPost("/a", async (string {|#1:tenant|}, string question, IChatClient client) =>
            {
                var options = new ChatOptions();
                options.Instructions = {|#2:$"Tenant: {tenant}"|};
                var response = await client.GetResponseAsync(new[] { new ChatMessage(ChatRole.System, {|#0:$"You serve {tenant}."|}), new ChatMessage(ChatRole.User, question) }, options);
                return response.Text;
            });
        """),
        Expected(0, 1, "'new ChatMessage'", "query parameter 'tenant'"),
        Expected(2, 1, "'ChatOptions.Instructions'", "query parameter 'tenant'"));

    [Fact]
    public Task ExtensionsAI_TextContentInSystemRoleFromRoleName_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(ExtensionsAIUsings, """
            app.MapGet("/a", (string {|#1:rules|}) => new ChatMessage(new ChatRole("system"), {|#0:new List<AIContent> { new TextContent(rules) }|}));
        """),
        Expected(0, 1, "'new ChatMessage'", "query parameter 'rules'"));

    // ---- Clean look-alikes ----------------------------------------------------------------------

    [Fact]
    public Task RequestInputInUserMessages_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapPost("/a", (string tenant, string question, ChatClient chat) => chat.CompleteChat(
                new SystemChatMessage("You are the catalog assistant. The user message names the tenant."),
                new UserChatMessage($"Tenant: {tenant}"),
                ChatMessage.CreateUserMessage(question),
                new AssistantChatMessage("Noted.")));
        """));

    [Fact]
    public Task RequestInputInUserMessages_SemanticKernelAndExtensionsAI_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Common + """
        using Microsoft.SemanticKernel.ChatCompletion;
        using AI = Microsoft.Extensions.AI;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/sk", (string question) =>
                {
                    var history = new ChatHistory("You are the catalog assistant.");
                    history.AddUserMessage(question);
                    history.AddMessage(AuthorRole.User, question);
                    return history;
                });
                app.MapGet("/meai", (string question) => new[] { new AI.ChatMessage(AI.ChatRole.System, "Be brief."), new AI.ChatMessage(AI.ChatRole.User, question) });
            }
        }
        """);

    [Fact]
    public Task SystemPromptFromConstantsConfigurationAndResources_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string question, IConfiguration configuration) => new ChatMessage[]
            {
                new SystemChatMessage(Prompts.Catalog),
                new SystemChatMessage(configuration["Prompts:System"]!),
                new SystemChatMessage($"{Prompts.Catalog} Today is {DateTime.UtcNow:yyyy-MM-dd}."),
                new UserChatMessage(question),
            });
        """, """
            private static class Prompts
            {
                public const string Catalog = "You are the catalog assistant.";
            }
        """));

    [Fact]
    public Task PersonaChosenBySwitchOverKnownNames_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string persona) =>
            {
                var prompt = persona switch
                {
                    "support" => "You are a patient support agent.",
                    "sales" => "You are a concise sales assistant.",
                    _ => "You are the catalog assistant.",
                };
                return new SystemChatMessage(prompt);
            });
            app.MapGet("/b", (string persona) =>
            {
                switch (persona)
                {
                    case "support":
                    case "sales":
                        return new SystemChatMessage($"You are the {persona} assistant.");
                    default:
                        return new SystemChatMessage("You are the catalog assistant.");
                }
            });
            app.MapGet("/c", (string persona) => persona is "support" or "sales" ? new SystemChatMessage($"You are the {persona} assistant.") : null);
            app.MapGet("/d", (string persona) => string.Equals(persona, "support", StringComparison.Ordinal) ? new SystemChatMessage(persona) : null);
        """));

    [Fact]
    public Task AllowListContainsAndTypedValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string tenant) =>
            {
                if (!KnownTenants.Contains(tenant))
                {
                    return null;
                }

                return new SystemChatMessage($"You serve {tenant}.");
            });
            app.MapGet("/b", (int maxWords, Guid tenantId) => new SystemChatMessage($"Answer in at most {maxWords} words for tenant {tenantId}."));
            app.MapGet("/c", (string tone) => Enum.TryParse<Tone>(tone, out var parsed) ? new SystemChatMessage($"Use a {parsed} tone.") : null);
        """, """
            private static readonly HashSet<string> KnownTenants = new(StringComparer.OrdinalIgnoreCase) { "contoso", "fabrikam" };
            public enum Tone { Formal, Friendly }
        """));

    [Fact]
    public Task PromptLookedUpByTenantInAKnownMap_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string tenant) => TenantPrompts.TryGetValue(tenant, out var prompt) ? new SystemChatMessage(prompt) : null);
            app.MapGet("/b", (string tenant) => new SystemChatMessage(TenantPrompts[tenant]));
            app.MapGet("/c", (string tenant) => new SystemChatMessage(TenantPrompts.GetValueOrDefault(tenant, "You are the catalog assistant.")));
        """, """
            private static readonly Dictionary<string, string> TenantPrompts = new(StringComparer.OrdinalIgnoreCase)
            {
                ["contoso"] = "You are the catalog assistant of Contoso.",
            };
        """));

    [Fact]
    public Task NonRequestStringsAndUnknownRoles_DoNotTrigger() => Verify.VerifyAnalyzerAsync(KernelUsings + """
        public class PromptLibrary
        {
            // A service method's parameter is not request input.
            public ChatHistory Start(string tenant) => new ChatHistory($"You serve {tenant}.");
        }

        [ApiController, Route("api/history")]
        public class HistoryController : ControllerBase
        {
            // The role is a variable: nothing says it is the system role.
            [HttpPost]
            public ChatHistory Add(string text, [FromQuery] string roleName)
            {
                var history = new ChatHistory();
                history.AddMessage(new AuthorRole(roleName), text);
                return history;
            }
        }
        """);

    [Fact]
    public Task DenyListCheck_IsNoAllowList_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(OpenAIUsings, """
            app.MapGet("/a", (string {|#1:tenant|}) =>
            {
                if (tenant == "admin") { return null; }
                return new SystemChatMessage({|#0:$"You serve {tenant}."|});
            });
        """),
        Expected(0, 1, "'new SystemChatMessage'", "query parameter 'tenant'"));

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = MinimalApi(OpenAIUsings, """
                app.MapGet("/a", (HttpContext context) => new SystemChatMessage($"Request {context.TraceIdentifier
                app.MapGet("/b", (string tenant) => ChatMessage.CreateSystemMessage(
                app.MapGet("/c", (string tenant) => new ChatHistory().AddMessage(AuthorRole.
            """),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    // ---- Pay-for-play ---------------------------------------------------------------------------

    private const string WebAppWithoutModel = """
        using Microsoft.AspNetCore.Builder;
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/a", (string tenant) => "Hello " + tenant);
        }
        """;

    [Fact]
    public async Task NoModelClientReferenced_RegistersNothing()
    {
        var telemetry = await TelemetryAsync(TestReferences.WithoutAi);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.OperationBlockStartActionsCount);
        Assert.Equal(0, telemetry.OperationBlockEndActionsCount);
    }

    [Fact]
    public async Task ModelClientReferenced_RegistersItsActions()
    {
        // The control for the test above: the same app with the model packages referenced does register.
        var telemetry = await TelemetryAsync(TestReferences.All);
        Assert.True(telemetry.OperationBlockStartActionsCount > 0);
    }

    private static async Task<AnalyzerTelemetryInfo> TelemetryAsync(ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            "PayForPlay",
            new[] { CSharpSyntaxTree.ParseText(WebAppWithoutModel, TestSetup.ParseOptions) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var analyzer = new UntrustedInputInSystemPromptAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}

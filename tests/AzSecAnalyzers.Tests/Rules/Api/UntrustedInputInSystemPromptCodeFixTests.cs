using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.UntrustedInputInSystemPromptAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.UntrustedInputInSystemPromptCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

// The fixed code is compiled against the same real packages by the verifier: a fix that does not build fails here.
public class UntrustedInputInSystemPromptCodeFixTests
{
    private static DiagnosticResult Expected(int sink, int source, string api, string origin)
        => Verify.Diagnostic(Descriptors.AZSEC415_UntrustedInputInSystemPrompt).WithLocation(sink).WithLocation(source).WithArguments(api, origin, "system message");

    [Fact]
    public Task OpenAI_AddedSystemMessage_GetsAFollowingUserMessage() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using OpenAI.Chat;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/tenants/{tenant}/ask", (string {|#1:tenant|}, string question, ChatClient chat) =>
                {
                    var messages = new List<ChatMessage>();
                    messages.Add(new SystemChatMessage({|#0:$"You are the catalog assistant of {tenant}. Answer only about its products."|}));
                    messages.Add(new UserChatMessage(question));
                    return chat.CompleteChat(messages);
                });
            }
        }
        """, Expected(0, 1, "'new SystemChatMessage'", "route parameter 'tenant'"), """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using OpenAI.Chat;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/tenants/{tenant}/ask", (string tenant, string question, ChatClient chat) =>
                {
                    var messages = new List<ChatMessage>();
                    messages.Add(new SystemChatMessage("You are the catalog assistant of. Answer only about its products."));
                    messages.Add(new UserChatMessage(tenant));
                    messages.Add(new UserChatMessage(question));
                    return chat.CompleteChat(messages);
                });
            }
        }
        """, EquivalenceKeys.MoveInputToUserMessage);

    [Fact]
    public Task OpenAI_InitializerParamsAndCollectionExpression_FixAll() => Verify.VerifyCodeFixAsync("""
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using OpenAI.Chat;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string {|#1:tone|}, string question) => new List<ChatMessage>
                {
                    new SystemChatMessage({|#0:"Answer in a " + tone + " tone."|}),
                    new UserChatMessage(question),
                });
                app.MapGet("/b", (string {|#3:tone|}, ChatClient chat) => chat.CompleteChat(ChatMessage.CreateSystemMessage({|#2:$"Use a {tone} tone."|}), ChatMessage.CreateUserMessage("Hi")));
                app.MapGet("/c", (string {|#6:unit|}) =>
                {
                    ChatMessage[] messages = [new SystemChatMessage({|#4:$"Answer in {unit}."|})];
                    return messages;
                });
            }
        }
        """, new[]
        {
            Expected(0, 1, "'new SystemChatMessage'", "query parameter 'tone'"),
            Expected(2, 3, "'ChatMessage.CreateSystemMessage'", "query parameter 'tone'"),
            Expected(4, 6, "'new SystemChatMessage'", "query parameter 'unit'"),
        }, """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using OpenAI.Chat;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string tone, string question) => new List<ChatMessage>
                {
                    new SystemChatMessage("Answer in a tone."),
                    new UserChatMessage(tone),
                    new UserChatMessage(question),
                });
                app.MapGet("/b", (string tone, ChatClient chat) => chat.CompleteChat(ChatMessage.CreateSystemMessage("Use a tone."), ChatMessage.CreateUserMessage(tone), ChatMessage.CreateUserMessage("Hi")));
                app.MapGet("/c", (string unit) =>
                {
                    ChatMessage[] messages = [new SystemChatMessage("Answer in."), new UserChatMessage(unit)];
                    return messages;
                });
            }
        }
        """, EquivalenceKeys.MoveInputToUserMessage);

    [Fact]
    public Task SemanticKernel_SystemMessageAndHistoryConstructor_GetAddUserMessage() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.SemanticKernel.ChatCompletion;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string {|#1:tenant|}) =>
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage({|#0:$"You serve the tenant {tenant}, and no other."|});
                    return history;
                });
                app.MapGet("/b", (string {|#3:region|}) =>
                {
                    var history = new ChatHistory({|#2:"Prices are for region " + region|});
                    return history;
                });
            }
        }
        """, new[]
        {
            Expected(0, 1, "'ChatHistory.AddSystemMessage'", "query parameter 'tenant'"),
            Expected(2, 3, "'new ChatHistory'", "query parameter 'region'"),
        }, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.SemanticKernel.ChatCompletion;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string tenant) =>
                {
                    var history = new ChatHistory();
                    history.AddSystemMessage("You serve the tenant, and no other.");
                    history.AddUserMessage(tenant);
                    return history;
                });
                app.MapGet("/b", (string region) =>
                {
                    var history = new ChatHistory("Prices are for region");
                    history.AddUserMessage(region);
                    return history;
                });
            }
        }
        """, EquivalenceKeys.MoveInputToUserMessage);

    [Fact]
    public Task ExtensionsAI_SystemRoleMessage_GetsAUserRoleMessage() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string {|#1:tenant|}, string question) => new[]
                {
                    new ChatMessage(ChatRole.System, {|#0:$"Tenant: {tenant:G}"|}),
                    new ChatMessage(ChatRole.User, question),
                });
            }
        }
        """, Expected(0, 1, "'new ChatMessage'", "query parameter 'tenant'"), """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string tenant, string question) => new[]
                {
                    new ChatMessage(ChatRole.System, "Tenant:"),
                    new ChatMessage(ChatRole.User, $"{tenant:G}"),
                    new ChatMessage(ChatRole.User, question),
                });
            }
        }
        """, EquivalenceKeys.MoveInputToUserMessage);

    private const string NotMechanical = """
        using System.Collections.Generic;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                // A prompt built elsewhere, two inputs, the input alone, an assignment, a lone message: the author decides.
                app.MapGet("/a", (string {|#1:tenant|}, string tone) =>
                {
                    var prompt = $"You serve {tenant}.";
                    var messages = new List<OpenAI.Chat.ChatMessage> { new SystemChatMessage({|#0:prompt|}) };
                    messages.Add(new SystemChatMessage({|#3:$"You serve {tenant} in a {tone} tone."|}));
                    messages.Add(new SystemChatMessage({|#4:$"{tenant}"|}));
                    var options = new ChatOptions { Instructions = {|#5:$"Serve {tenant}."|} };
                    return new SystemChatMessage({|#6:$"You serve {tenant}."|});
                });
            }
        }
        """;

    [Fact]
    public Task NoFixOffered_WhenTheMoveIsNotMechanical() => new Verify.Test
    {
        TestCode = NotMechanical,
        FixedCode = NotMechanical,
        ExpectedDiagnostics =
        {
            Expected(0, 1, "'new SystemChatMessage'", "query parameter 'tenant'"),
            Expected(3, 1, "'new SystemChatMessage'", "query parameter 'tenant'"),
            Expected(4, 1, "'new SystemChatMessage'", "query parameter 'tenant'"),
            Expected(5, 1, "'ChatOptions.Instructions'", "query parameter 'tenant'"),
            Expected(6, 1, "'new SystemChatMessage'", "query parameter 'tenant'"),
        },
    }.RunAsync();
}

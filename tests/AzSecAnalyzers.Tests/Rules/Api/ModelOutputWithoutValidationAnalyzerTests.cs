using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ModelOutputWithoutValidationAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class ModelOutputWithoutValidationAnalyzerTests
{
    private const string Usings = """
        #pragma warning disable OPENAI001, SKEXP0001, MEAI001
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Text;
        using System.Text.Encodings.Web;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;
        using Microsoft.AspNetCore.Html;
        using Microsoft.AspNetCore.Mvc.Rendering;
        using Microsoft.Azure.Cosmos;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Newtonsoft.Json;
        using OpenAI.Chat;
        using ChatMessage = Microsoft.Extensions.AI.ChatMessage;
        using JsonSerializer = System.Text.Json.JsonSerializer;

        """;

    /// <summary>One method body with every client and sink at hand; <c>{|#1:…|}</c> marks the model call, <c>{|#0:…|}</c> the sink argument.</summary>
    private static string Assistant(string body, string members = "") => Usings + $$"""
        public enum Category { Books, Music }

        public sealed record SearchPlan(string Category, int Top);

        public sealed class Assistant(
            ChatClient openAi, IChatCompletionService chat, Kernel kernel, IChatClient ai,
            HttpClient http, Container container, IHtmlHelper html, ILogger<Assistant> logger)
        {
            private static readonly HashSet<string> Allowed = new() { "orders", "invoices" };

            public async Task<object?> Run(string question)
            {
                await Task.Yield();
        {{body}}
                return null;
            }
        {{members}}
        }
        """;

    private static DiagnosticResult Expected(string model, string sink)
        => Verify.Diagnostic(Descriptors.AZSEC414_ModelOutputWithoutValidation).WithLocation(0).WithLocation(1).WithArguments(model, sink);

    // ---- Sources: each client family's text, through locals, awaits, members, builders ----------------

    private static readonly Dictionary<string, (string Code, string Api)> Sources = new()
    {
        ["OpenAI.CompleteChatAsync"] = ("""
                ChatCompletion completion = await {|#1:openAi.CompleteChatAsync(new UserChatMessage(question))|};
                string text = completion.Content[0].Text;
        """, "'ChatClient.CompleteChatAsync'"),
        ["OpenAI.CompleteChat"] = ("""
                string text = {|#1:openAi.CompleteChat(new UserChatMessage(question))|}.Value.Content[0].Text;
        """, "'ChatClient.CompleteChat'"),
        ["OpenAI.Streaming"] = ("""
                var sb = new StringBuilder();
                await foreach (var update in openAi.CompleteChatStreamingAsync(new UserChatMessage(question)))
                {
                    foreach (var part in {|#1:update.ContentUpdate|})
                    {
                        sb.Append(part.Text);
                    }
                }

                string text = sb.ToString();
        """, "'ChatClient.CompleteChatStreamingAsync'"),
        ["SK.GetChatMessageContentAsync"] = ("""
                var reply = await {|#1:chat.GetChatMessageContentAsync(question)|};
                string text = reply.Content ?? "";
        """, "'IChatCompletionService.GetChatMessageContentAsync'"),
        ["SK.GetChatMessageContentsAsync"] = ("""
                var history = new ChatHistory();
                history.AddUserMessage(question);
                var replies = await {|#1:chat.GetChatMessageContentsAsync(history)|};
                string text = replies[0].ToString();
        """, "'IChatCompletionService.GetChatMessageContentsAsync'"),
        ["SK.InvokePromptAsync.ToString"] = ("""
                var result = await {|#1:kernel.InvokePromptAsync(question)|};
                string text = result.ToString();
        """, "'Kernel.InvokePromptAsync'"),
        ["SK.InvokePromptAsync.GetValue"] = ("""
                string text = (await {|#1:kernel.InvokePromptAsync(question)|}).GetValue<string>()!;
        """, "'Kernel.InvokePromptAsync'"),
        ["SK.InvokeAsync"] = ("""
                var function = kernel.CreateFunctionFromPrompt("Summarize: {{$input}}");
                var result = await {|#1:kernel.InvokeAsync(function, new KernelArguments { ["input"] = question })|};
                string text = result.ToString();
        """, "'Kernel.InvokeAsync'"),
        ["SK.Streaming"] = ("""
                var sb = new StringBuilder();
                await foreach (var chunk in chat.GetStreamingChatMessageContentsAsync(question))
                {
                    sb.Append({|#1:chunk.Content|});
                }

                string text = sb.ToString();
        """, "'IChatCompletionService.GetStreamingChatMessageContentsAsync'"),
        ["MEAI.GetResponseAsync"] = ("""
                ChatResponse response = await {|#1:ai.GetResponseAsync(question)|};
                string text = response.Text;
        """, "'IChatClient.GetResponseAsync'"),
        ["MEAI.Messages"] = ("""
                var response = await {|#1:ai.GetResponseAsync(new List<ChatMessage> { new(ChatRole.User, question) })|};
                string text = response.Messages[0].Text;
        """, "'IChatClient.GetResponseAsync'"),
        ["MEAI.Streaming"] = ("""
                var sb = new StringBuilder();
                await foreach (var update in ai.GetStreamingResponseAsync(question))
                {
                    sb.Append({|#1:update.Text|});
                }

                string text = sb.ToString();
        """, "'IChatClient.GetStreamingResponseAsync'"),
    };

    // ---- Sinks: every family, each reached by the local 'text' -------------------------------------

    private static readonly Dictionary<string, (string Code, string Description)> Sinks = new()
    {
        ["CosmosQueryDefinition"] = ("""        _ = new QueryDefinition({|#0:text|});""", "the query text of 'QueryDefinition(string)'"),
        ["CosmosBuiltQuery"] = ("""        _ = container.GetItemQueryIterator<object>({|#0:$"SELECT * FROM c WHERE c.category = '{text}'"|});""", "the query text of 'Container.GetItemQueryIterator(string)'"),
        ["HttpClient"] = ("""        await http.GetAsync({|#0:text|});""", "the URL of 'HttpClient.GetAsync'"),
        ["ProcessStart"] = ("""        Process.Start("git", {|#0:text|});""", "'Process.Start'"),
        ["ProcessStartInfo"] = ("""        _ = new ProcessStartInfo { FileName = "pwsh", Arguments = {|#0:"-c " + text|} };""", "'ProcessStartInfo.Arguments'"),
        ["FilePath"] = ("""        _ = File.ReadAllText({|#0:Path.Combine("/srv/reports", text)|});""", "the path of 'File.ReadAllText'"),
        ["FileStream"] = ("""        _ = new FileStream({|#0:text|}, FileMode.Open);""", "the path of 'new FileStream'"),
        ["HtmlString"] = ("""        _ = new HtmlString({|#0:$"<div>{text}</div>"|});""", "raw HTML 'new HtmlString'"),
        ["HtmlRaw"] = ("""        _ = html.Raw({|#0:text|});""", "raw HTML 'IHtmlHelper.Raw'"),
        ["MarkupString"] = ("""        _ = (MarkupString){|#0:text|};""", "raw HTML 'MarkupString'"),
        ["TypeGetType"] = ("""        _ = Type.GetType({|#0:text|});""", "the type name of 'Type.GetType'"),
        ["ActivatorCreateInstance"] = ("""        _ = Activator.CreateInstance("Contoso.Plugins", {|#0:text|});""", "the type name of 'Activator.CreateInstance'"),
        ["SqlCommand"] = ("""        _ = new Microsoft.Data.SqlClient.SqlCommand({|#0:text|});""", "the query text of 'SqlCommand(string)'"),
        ["AzureClientUri"] = ("""        _ = new Azure.Storage.Blobs.BlobClient({|#0:new Uri(text)|});""", "the URL of 'new BlobClient'"),
        ["ProcessStartInfoCtor"] = ("""        _ = new ProcessStartInfo({|#0:text|});""", "'ProcessStartInfo'"),
        ["DirectoryDelete"] = ("""        Directory.Delete({|#0:text|}, recursive: true);""", "the path of 'Directory.Delete'"),
        ["MarkupStringCtor"] = ("""        _ = new MarkupString({|#0:text|});""", "raw HTML 'MarkupString'"),
        ["TypeNameHandlingLocal"] = ("""
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = TypeNameHandling.All;
                _ = JsonConvert.DeserializeObject<object>({|#0:text|}, settings);
        """, "'JsonConvert.DeserializeObject' with TypeNameHandling.All"),
        ["TypeNameHandling"] = ("""        _ = JsonConvert.DeserializeObject({|#0:text|}, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto });""", "'JsonConvert.DeserializeObject' with TypeNameHandling.Auto"),
    };

    /// <summary>Every source with the Cosmos sink, and one source of each family with every sink.</summary>
    public static TheoryData<string, string> SourceBySink()
    {
        var data = new TheoryData<string, string>();
        foreach (var source in Sources.Keys)
        {
            data.Add(source, "CosmosQueryDefinition");
        }

        foreach (var source in new[] { "OpenAI.CompleteChatAsync", "SK.InvokePromptAsync.ToString", "MEAI.GetResponseAsync" })
        {
            foreach (var sink in Sinks.Keys)
            {
                if (sink != "CosmosQueryDefinition")
                {
                    data.Add(source, sink);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(SourceBySink))]
    public Task ModelText_ReachingSink_Triggers(string source, string sink)
        => Verify.VerifyAnalyzerAsync(
            Assistant(Sources[source].Code + "\n" + Sinks[sink].Code),
            Expected(Sources[source].Api, Sinks[sink].Description));

    [Fact]
    public Task ModelText_ThroughField_Triggers() => Verify.VerifyAnalyzerAsync(
        Assistant(
            """
                    var reply = await {|#1:chat.GetChatMessageContentAsync(question)|};
                    _lastAnswer = reply.ToString();
                    _ = Type.GetType({|#0:_lastAnswer|});
            """,
            """
                private string _lastAnswer = "";
            """),
        Expected("'IChatCompletionService.GetChatMessageContentAsync'", "the type name of 'Type.GetType'"));

    [Fact]
    public Task ModelText_TypeNamesWithRestrictiveBinder_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Assistant(
        """
                ChatCompletion completion = await openAi.CompleteChatAsync(question);
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto, SerializationBinder = new KnownTypes() };
                _ = JsonConvert.DeserializeObject(completion.Content[0].Text, settings);
                _ = JsonConvert.DeserializeObject(completion.Content[0].Text, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Objects, SerializationBinder = new KnownTypes() });
        """,
        """
                private sealed class KnownTypes : Newtonsoft.Json.Serialization.ISerializationBinder
                {
                    public Type BindToType(string? assemblyName, string typeName) => typeName == "Order" ? typeof(SearchPlan) : throw new InvalidOperationException();

                    public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) => (assemblyName, typeName) = (null, serializedType.Name);
                }
        """));

    [Fact]
    public Task ModelText_ThroughHelper_Triggers() => Verify.VerifyAnalyzerAsync(
        Assistant(
            """
                    string text = await Ask(question);
                    _ = new QueryDefinition({|#0:"SELECT * FROM c WHERE " + text|});
            """,
            """
                private async Task<string> Ask(string question)
                {
                    var response = await {|#1:ai.GetResponseAsync(question)|};
                    return response.Text;
                }
            """),
        Expected("'IChatClient.GetResponseAsync'", "the query text of 'QueryDefinition(string)'"));

    // ---- Clean: displayed, logged, stored, parameterized, checked, parsed -----------------------------

    [Fact]
    public Task ModelText_DisplayedLoggedStoredParameterized_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Assistant("""
                ChatResponse response = await ai.GetResponseAsync(question);
                string text = response.Text;
                logger.LogInformation("Answer: {Answer}", text);
                File.WriteAllText("/srv/answers/latest.txt", text);
                _ = new QueryDefinition("SELECT * FROM c WHERE c.category = @category").WithParameter("@category", text);
                _ = new Microsoft.Data.SqlClient.SqlParameter("@answer", text);
                await http.PostAsync("https://audit.contoso.com/answers", new StringContent(text));
                _ = new HtmlString(HtmlEncoder.Default.Encode(text));
                _ = new MarkupString("<p>Answer ready</p>");
                return text;
        """));

    [Fact]
    public Task ModelText_CheckedAgainstAllowList_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Assistant("""
                var reply = await chat.GetChatMessageContentAsync(question);
                string text = reply.Content ?? "";
                if (Allowed.Contains(text))
                {
                    _ = new QueryDefinition("SELECT * FROM " + text);
                }

                switch (text)
                {
                    case "orders":
                    case "invoices":
                        _ = File.ReadAllText(Path.Combine("/srv/reports", text));
                        break;
                }

                if (Enum.TryParse<Category>(text, out var category))
                {
                    _ = container.GetItemQueryIterator<object>($"SELECT * FROM c WHERE c.kind = {(int)category}");
                }

                var link = new Uri(text);
                if (link.Host == "docs.contoso.com")
                {
                    await http.GetAsync(link);
                }

                await http.GetAsync($"https://api.contoso.com/items/{Uri.EscapeDataString(text)}");
        """));

    [Fact]
    public Task ModelText_ParsedIntoAppRecord_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Assistant("""
                var result = await kernel.InvokePromptAsync(question);
                var plan = JsonSerializer.Deserialize<SearchPlan>(result.ToString())!;
                _ = new QueryDefinition($"SELECT TOP {plan.Top} * FROM c WHERE c.category = @category").WithParameter("@category", plan.Category);
                var structured = await ai.GetResponseAsync<SearchPlan>(question);
                _ = Type.GetType(structured.Result.Category);
        """));

    [Fact]
    public Task NotAModel_LookAlikes_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Assistant(
        """
                string text = await new FakeModel().GetResponseAsync(question) + CompleteChat(question);
                _ = new QueryDefinition(text);
                _ = JsonConvert.DeserializeObject(question, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
                Process.Start("dotnet", "--info");
        """,
        """
                private static string CompleteChat(string question) => "cached";

                private sealed class FakeModel
                {
                    public Task<string> GetResponseAsync(string prompt) => Task.FromResult("SELECT * FROM c");
                }
        """));

    [Fact]
    public Task ModelText_PathAfterPinnedHost_DoesNotTrigger_ButAnyHost_Triggers() => Verify.VerifyAnalyzerAsync(
        Assistant("""
                ChatResponse response = await {|#1:ai.GetResponseAsync(question)|};
                string text = response.Text;
                await http.GetAsync($"https://api.contoso.com/items/{text}");
                await http.GetAsync({|#0:$"https://{text}/items"|});
        """),
        Expected("'IChatClient.GetResponseAsync'", "the URL of 'HttpClient.GetAsync'"));

    // ---- Pay-for-play --------------------------------------------------------------------------

    private const string NoModelApp = """
        using System.Diagnostics;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Azure.Cosmos;

        public sealed class Reports(HttpClient http, Container container)
        {
            public async Task<string> Run(string name)
            {
                Process.Start("report", name);
                _ = new QueryDefinition("SELECT * FROM c WHERE c.name = '" + name + "'");
                await http.GetAsync(name);
                return File.ReadAllText(Path.Combine("/srv", name));
            }
        }
        """;

    [Fact]
    public async Task NoModelPackage_RegistersNoActions()
    {
        var without = await Telemetry(TestReferences.WithoutAi);
        var with = await Telemetry(TestReferences.All);

        Assert.Equal(0, without.OperationActionsCount);
        Assert.Equal(0, without.OperationBlockStartActionsCount);
        Assert.True(with.OperationBlockStartActionsCount > 0, "the same app with the model packages referenced registers the rule's actions");
    }

    private static async Task<Microsoft.CodeAnalysis.Diagnostics.Telemetry.AnalyzerTelemetryInfo> Telemetry(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.MetadataReference> references)
    {
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoModel",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(NoModelApp, TestSetup.ParseOptions) },
            references,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new AzSecAnalyzers.Rules.Api.ModelOutputWithoutValidationAnalyzer();
        var withAnalyzers = new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzers(
            compilation,
            System.Collections.Immutable.ImmutableArray.Create<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer>(analyzer),
            new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.AdditionalText>.Empty),
                onAnalyzerException: null,
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true));
        Assert.Empty(await withAnalyzers.GetAnalyzerDiagnosticsAsync());
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}

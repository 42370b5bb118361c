using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ServerSideRequestForgeryAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class ServerSideRequestForgeryAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        """;

    private static DiagnosticResult Expected(int sink, int source, string api, string origin)
        => Verify.Diagnostic(Descriptors.AZSEC406_ServerSideRequestForgery).WithLocation(sink).WithLocation(source).WithArguments(api, origin);

    private static string MinimalApi(string handlers, string members = "") => Usings + $$"""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
        {{handlers}}
            }
        {{members}}
        }
        """;

    // ---- Positives --------------------------------------------------------------------------

    [Fact]
    public Task MinimalApi_QueryParameterToGetStringAsync_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""app.MapGet("/fetch", async (string {|#1:url|}, HttpClient client) => await client.GetStringAsync({|#0:url|}));"""),
        Expected(0, 1, "'HttpClient.GetStringAsync'", "query parameter 'url'"));

    [Fact]
    public Task MinimalApi_RouteParameterAsHost_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""app.MapGet("/proxy/{host}", (string {|#1:host|}, HttpClient client) => client.GetAsync({|#0:$"https://{host}/status"|}));"""),
        Expected(0, 1, "'HttpClient.GetAsync'", "route parameter 'host'"));

    [Fact]
    public Task Controller_FromQueryToHttpRequestMessage_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController, Route("api/[controller]")]
        public class WebhookController : ControllerBase
        {
            private readonly HttpClient _client = new();

            [HttpPost("test")]
            public async Task<IActionResult> Test([FromQuery] string {|#1:callback|})
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, {|#0:callback|});
                await _client.SendAsync(message);
                return Ok();
            }
        }
        """,
        Expected(0, 1, "'new HttpRequestMessage'", "query parameter 'callback'"));

    [Fact]
    public Task BodyDtoProperty_ToPostAsJsonAsync_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public record Subscription(string Endpoint, string Payload);

        [ApiController]
        public class HooksController : ControllerBase
        {
            [HttpPost("hooks")]
            public async Task<IActionResult> Register(Subscription {|#1:subscription|}, HttpClient client)
            {
                await client.PostAsJsonAsync({|#0:subscription.Endpoint|}, subscription.Payload);
                return Ok();
            }
        }
        """,
        Expected(0, 1, "'HttpClient.PostAsJsonAsync'", "request body parameter 'subscription'"));

    [Fact]
    public Task RequestQuery_ToAzureBlobClientConstructor_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/blob", (HttpRequest request) =>
            {
                var uri = new Uri({|#1:request.Query|}["blob"]!);
                var blob = new Azure.Storage.Blobs.BlobClient({|#0:uri|});
                return blob.Name;
            });
        """),
        Expected(0, 1, "'new BlobClient'", "'HttpRequest.Query'"));

    [Fact]
    public Task ConstantBaseUriWithRequestRelative_ControlsHost_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""app.MapGet("/get", (string {|#1:path|}, HttpClient client) => client.GetAsync({|#0:new Uri(new Uri("https://api.contoso.com/"), path)|}));"""),
        Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'path'"));

    [Fact]
    public Task RequestValueAsWholeRelativeUrl_OnClientWithBaseAddress_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/get", (string {|#1:path|}) =>
            {
                var client = new HttpClient { BaseAddress = new Uri("https://api.contoso.com/") };
                return client.GetAsync({|#0:path|});
            });
        """),
        Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'path'"));

    [Fact]
    public Task HelperBuildingTheUrl_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi(
        """app.MapGet("/status", (string {|#1:region|}, HttpClient client) => client.GetAsync({|#0:StatusUrl(region)|}));""",
        """
            private static string StatusUrl(string region) => Scheme() + region + ".status.contoso.com/health";
            private static string Scheme() => "https://";
        """),
        Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'region'"));

    [Fact]
    public Task WebRequestCreate_AndBaseAddress_Trigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapPost("/legacy", ([FromForm] string {|#1:target|}) => WebRequest.Create({|#0:target|}).GetResponse());
            app.MapPost("/base", ([FromHeader(Name = "X-Upstream")] string {|#3:upstream|}, HttpClient client) => { client.BaseAddress = {|#2:new Uri(upstream)|}; });
        """),
        Expected(0, 1, "'WebRequest.Create'", "form parameter 'target'"),
        Expected(2, 3, "'HttpClient.BaseAddress'", "header parameter 'upstream'"));

    [Fact]
    public Task StringBuilderAndLocals_Trigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/sb", (string {|#1:host|}, HttpClient client) =>
            {
                var sb = new StringBuilder("https://");
                sb.Append(host).Append("/api");
                var url = sb.ToString();
                return client.GetAsync({|#0:url|});
            });
        """),
        Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'host'"));

    [Fact]
    public Task ServiceBusMessageBody_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        using Azure.Messaging.ServiceBus;

        public class Worker
        {
            private readonly HttpClient _client = new();

            public async Task Handle(ProcessMessageEventArgs args)
            {
                var target = {|#1:args.Message.Body|}.ToString();
                await _client.GetAsync({|#0:target|});
            }
        }
        """,
        Expected(0, 1, "'HttpClient.GetAsync'", "'ServiceBusReceivedMessage.Body'"));

    [Fact]
    public Task DenyListCheck_IsNoAllowList_Triggers() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/fetch", (string {|#1:url|}, HttpClient client) =>
            {
                var uri = new Uri(url);
                if (uri.Host == "169.254.169.254") { return null; }
                return client.GetAsync({|#0:uri|});
            });
        """),
        Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'url'"));

    [Fact]
    public Task AllowedHostsOption_ComparisonWithUnlistedHost_Triggers() => new Verify.Test
    {
        TestCode = MinimalApi("""
                app.MapGet("/fetch", (string {|#1:url|}, HttpClient client) =>
                {
                    var uri = new Uri(url);
                    if (uri.Host != "partner.example.net") { return null; }
                    return client.GetAsync({|#0:uri|});
                });
            """),
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.ssrf_allowed_hosts = api.contoso.com, *.contoso.net\n") } },
        ExpectedDiagnostics = { Expected(0, 1, "'HttpClient.GetAsync'", "query parameter 'url'") },
    }.RunAsync();

    // ---- Negatives --------------------------------------------------------------------------

    [Fact]
    public Task RequestValueAfterConstantHost_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/a", (string id, HttpClient client) => client.GetAsync("https://api.contoso.com/items/" + id));
            app.MapGet("/b", (string id, HttpClient client) => client.GetAsync($"https://api.contoso.com/items/{id}?expand=true"));
            app.MapGet("/c", (string id, HttpClient client) => client.GetAsync(string.Format("https://api.contoso.com:8443/items/{0}", id)));
            app.MapGet("/d", (string id, HttpClient client) => client.GetAsync($"api/items/{Uri.EscapeDataString(id)}"));
            app.MapGet("/e", (string id, HttpClient client) => client.GetAsync($"/api/items/{id}"));
            app.MapGet("/f", (string q, HttpClient client) => client.GetAsync(new Uri(client.BaseAddress!, "search?q=" + q)));
            app.MapGet("/g", (string id, HttpClient client) => client.GetAsync(Items(id)));
        """, """
            private static string Items(string id) => "https://api.contoso.com/items/" + id;
        """));

    [Fact]
    public Task TypedRequestValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/a/{id}", (int id, HttpClient client) => client.GetAsync("https://" + id));
            app.MapGet("/b", (Guid tenant, HttpClient client) => client.GetAsync($"https://{tenant}.contoso.com/"));
            app.MapGet("/c", (string port, HttpClient client) => client.GetAsync($"https://localhost:{int.Parse(port)}/"));
        """));

    [Fact]
    public Task AllowListChecks_DoNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/a", (string url, HttpClient client) =>
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !AllowedHosts.Contains(uri.Host)) { return null; }
                return client.GetAsync(uri);
            });
            app.MapGet("/b", (string url, HttpClient client) =>
            {
                var uri = new Uri(url);
                if (uri.Host != "api.contoso.com") { throw new BadHttpRequestException("host"); }
                return client.GetAsync(url);
            });
            app.MapGet("/c", (string url, HttpClient client) =>
                url.StartsWith("https://api.contoso.com/", StringComparison.OrdinalIgnoreCase) ? client.GetAsync(url) : null);
            app.MapGet("/d", (string url, HttpClient client) =>
            {
                var uri = new Uri(url);
                return uri.Host.EndsWith(".contoso.com") ? client.GetAsync(uri) : null;
            });
            app.MapGet("/e", (string url, HttpClient client) =>
            {
                var candidate = new Uri(url);
                return Trusted.IsBaseOf(candidate) ? client.GetAsync(candidate) : null;
            });
        """, """
            private static readonly HashSet<string> AllowedHosts = new(StringComparer.OrdinalIgnoreCase) { "api.contoso.com" };
            private static readonly Uri Trusted = new("https://api.contoso.com/");
        """));

    [Fact]
    public Task AllowedHostsOption_ListedHost_DoesNotTrigger() => new Verify.Test
    {
        TestCode = MinimalApi("""
                app.MapGet("/fetch", (string url, HttpClient client) =>
                {
                    var uri = new Uri(url);
                    if (uri.Host != "api.contoso.com" && !uri.Host.EndsWith(".contoso.net")) { return null; }
                    return client.GetAsync(uri);
                });
            """),
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.ssrf_allowed_hosts = api.contoso.com, *.contoso.net\n") } },
    }.RunAsync();

    [Fact]
    public Task NonRequestValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        using Microsoft.Extensions.Configuration;

        public class Client(HttpClient http, IConfiguration configuration)
        {
            public Task<string> Fetch(string url) => http.GetStringAsync(url);
            public Task<string> FromConfig() => http.GetStringAsync(configuration["Upstream:Url"]);
            public Task<string> Constant() => http.GetStringAsync("https://api.contoso.com/");
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/svc", (HttpClient client, [FromServices] IConfiguration configuration) => client.GetAsync(configuration["Url"]));
                app.MapGet("/ctx", (HttpContext context, HttpClient client) => client.GetAsync(context.Request.Scheme + "://" + context.Request.Host + "/health"));
            }
        }
        """);

    [Fact]
    public Task UserTypesWithSameNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class FakeClient { public Task GetAsync(string requestUri) => Task.CompletedTask; }
        public class BlobClient { public BlobClient(Uri uri) { } }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (string url) => new FakeClient().GetAsync(url));
                app.MapGet("/b", (string url) => new BlobClient(new Uri(url)));
            }
        }
        """);

    [Fact]
    public Task ReassignedToConstant_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(MinimalApi("""
            app.MapGet("/a", (string url, HttpClient client) =>
            {
                url = "https://api.contoso.com/";
                return client.GetAsync(url);
            });
        """));

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = MinimalApi("""
                app.MapGet("/a", (string url, HttpClient client) => client.GetAsync(url +
                app.MapGet("/b", (string url, HttpClient client) => { if (!Allowed.Contains(new Uri(url).Host { return client.GetAsync(new Uri(
            """),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task NoAspNetCore_RegistersNothing() => new Verify.Test
    {
        TestCode = """
            using System.Net.Http;
            class C { System.Threading.Tasks.Task M(HttpClient c, string url) => c.GetAsync(url); }
            """,
        NetCoreOnly = true,
    }.RunAsync();
}

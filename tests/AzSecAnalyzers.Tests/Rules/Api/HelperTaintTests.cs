using Microsoft.CodeAnalysis.Testing;
using Regexes = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.UnrestrictedResourceConsumptionAnalyzer>;
using Ssrf = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ServerSideRequestForgeryAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

/// <summary>Request input keeps its taint through helper methods of the same compilation whose sink takes a parameter.</summary>
public class HelperTaintTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using System.Text.RegularExpressions;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        """;

    [Fact]
    public Task PrivateHelper_TakingHeaderValue_ToHttpClient_Triggers_ConstantCaller_DoesNot() => Ssrf.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/fetch", (HttpRequest request, HttpClient client) => Fetch(client, {|#1:request.Headers|}["X-Target"].ToString()));
                app.MapGet("/known", (HttpClient client) => FetchKnown(client, "https://contoso.example/"));
            }

            private static Task<string> Fetch(HttpClient client, string target) => client.GetStringAsync({|#0:target|});

            private static Task<string> FetchKnown(HttpClient client, string target) => client.GetStringAsync(target);
        }
        """,
        Ssrf.Diagnostic(Descriptors.AZSEC406_ServerSideRequestForgery).WithLocation(0).WithLocation(1).WithArguments("'HttpClient.GetStringAsync'", "'HttpRequest.Headers'"));

    [Fact]
    public Task ControllerHelper_RunningRegexOnHeader_Triggers_HelperWithOwnInput_DoesNot() => Regexes.VerifyAnalyzerAsync(Usings + """
        [ApiController, Route("api/users")]
        public class UsersController : ControllerBase
        {
            [HttpGet]
            public IActionResult Check()
            {
                string value = {|#1:Request.Headers|}["X-Email"]!;
                return IsValid(value) ? Ok() : BadRequest();
            }

            [HttpGet("fixed")]
            public IActionResult Fixed() => IsValidKnown("someone@contoso.example") ? Ok() : BadRequest();

            private static bool IsValid(string input) => Regex.IsMatch({|#0:input|}, @"^([a-z0-9]+)*@contoso\.com$");

            private static bool IsValidKnown(string input) => Regex.IsMatch(input, @"^([a-z0-9]+)*@contoso\.com$");
        }
        """,
        Regexes.Diagnostic(Descriptors.AZSEC405_UnrestrictedResourceConsumption).WithLocation(0).WithLocation(1)
            .WithArguments("'Regex.IsMatch' runs on 'HttpRequest.Headers' without a match timeout", "pass a timeout such as TimeSpan.FromSeconds(1), or use RegexOptions.NonBacktracking"));

    [Fact]
    public Task UriBuilder_RequestPathAndQuery_DoNotDecideTheHost_RequestHostDoes() => Ssrf.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/mirror", (HttpRequest req, HttpClient client) =>
                    client.GetStringAsync(new UriBuilder { Scheme = "https", Host = "backend.contoso.example", Path = req.Path, Query = req.QueryString.ToString() }.Uri));
                app.MapGet("/relay", (HttpRequest req, HttpClient client) =>
                    client.GetStringAsync({|#0:new UriBuilder { Scheme = "https", Host = {|#1:req.Query|}["host"].ToString(), Path = "/status" }.Uri|}));
            }
        }
        """,
        Ssrf.Diagnostic(Descriptors.AZSEC406_ServerSideRequestForgery).WithLocation(0).WithLocation(1).WithArguments("'HttpClient.GetStringAsync'", "'HttpRequest.Query'"));
}

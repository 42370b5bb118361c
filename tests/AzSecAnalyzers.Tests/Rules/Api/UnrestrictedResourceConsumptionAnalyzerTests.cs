using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.UnrestrictedResourceConsumptionAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class UnrestrictedResourceConsumptionAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Linq;
        using System.Text.RegularExpressions;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Http.Features;
        using Microsoft.AspNetCore.Mvc;

        """;

    private const string RegexFix = "pass a timeout such as TimeSpan.FromSeconds(1), or use RegexOptions.NonBacktracking";
    private const string PatternFix = "escape it with Regex.Escape, or allow only known patterns, and set a match timeout such as TimeSpan.FromSeconds(1)";
    private const string BodyFix = "keep a finite limit (the default is 30,000,000 bytes)";

    private static DiagnosticResult Expected(int location, string what, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC405_UnrestrictedResourceConsumption).WithLocation(location).WithArguments(what, fix);

    private static DiagnosticResult Expected(int location, int source, string what, string fix)
        => Expected(location, what, fix).WithLocation(source);

    private static string Page(string api, string origin) => $"'{api}' receives a page size from {origin} with no upper bound";

    private static string Clamp(int max = 100) => $"clamp it, e.g. Math.Clamp(value, 1, {max})";

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

    // ---- Request size and form limits ----------------------------------------------------------

    [Fact]
    public Task DisableRequestSizeLimit_OnAction_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        public class UploadController : ControllerBase
        {
            [HttpPost("upload"), {|#0:DisableRequestSizeLimit|}]
            public IActionResult Upload() => Ok();
        }
        """,
        Expected(0, "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]"));

    [Fact]
    public Task DisableRequestSizeLimit_OnControllerAndLambda_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        [{|#0:DisableRequestSizeLimit|}]
        public class ImportController : ControllerBase
        {
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/import", [{|#1:DisableRequestSizeLimit|}] () => Results.Ok());
            }
        }
        """,
        Expected(0, "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]"),
        Expected(1, "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]"));

    [Fact]
    public Task RequestSizeLimit_LongMaxValue_Triggers_FiniteLimit_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class UploadController : ControllerBase
        {
            [HttpPost("big"), RequestSizeLimit({|#0:long.MaxValue|})]
            public IActionResult Big() => Ok();

            [HttpPost("video"), RequestSizeLimit(1_000_000_000)]
            public IActionResult Video() => Ok();
        }
        """,
        Expected(0, "[RequestSizeLimit(long.MaxValue)] sets no real request body size limit", "set the size the endpoint needs"));

    [Fact]
    public Task RequestFormLimits_UnboundedNamedArguments_Trigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class UploadController : ControllerBase
        {
            [HttpPost("form"), RequestFormLimits(MultipartBodyLengthLimit = {|#0:long.MaxValue|}, ValueLengthLimit = {|#1:int.MaxValue|}, ValueCountLimit = 2048)]
            public IActionResult Form() => Ok();
        }
        """,
        Expected(0, "'RequestFormLimits.MultipartBodyLengthLimit = long.MaxValue' removes the form limit", "keep a finite limit the endpoint needs"),
        Expected(1, "'RequestFormLimits.ValueLengthLimit = int.MaxValue' removes the form limit", "keep a finite limit the endpoint needs"));

    [Fact]
    public Task ServerOptions_MaxRequestBodySizeNull_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.AspNetCore.Server.Kestrel.Core;
        using Microsoft.Extensions.DependencyInjection;

        public static class Setup
        {
            public static void Configure(WebApplicationBuilder builder)
            {
                builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = {|#0:null|});
                builder.Services.Configure<IISServerOptions>(o => o.MaxRequestBodySize = {|#1:null|});
                builder.Services.Configure<FormOptions>(o =>
                {
                    o.MultipartBodyLengthLimit = {|#2:long.MaxValue|};
                    o.MultipartHeadersLengthLimit = {|#3:int.MaxValue|};
                    o.ValueLengthLimit = 4 * 1024 * 1024;
                });
                builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = 50_000_000);
            }

            public static void PerRequest(HttpContext context)
            {
                var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
                if (feature is not null)
                {
                    feature.MaxRequestBodySize = {|#4:null|};
                }
            }
        }
        """,
        Expected(0, "'KestrelServerLimits.MaxRequestBodySize = null' removes the request body size limit", BodyFix),
        Expected(1, "'IISServerOptions.MaxRequestBodySize = null' removes the request body size limit", BodyFix),
        Expected(2, "'FormOptions.MultipartBodyLengthLimit = long.MaxValue' removes the form limit", "keep a finite limit the endpoint needs"),
        Expected(3, "'FormOptions.MultipartHeadersLengthLimit = int.MaxValue' removes the form limit", "keep a finite limit the endpoint needs"),
        Expected(4, "'IHttpMaxRequestBodySizeFeature.MaxRequestBodySize = null' removes the request body size limit", BodyFix));

    [Fact]
    public Task UserTypeWithSameMemberNames_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class MyLimits
        {
            public long? MaxRequestBodySize { get; set; }
            public long MultipartBodyLengthLimit { get; set; }
        }

        public class DisableRequestSizeLimitAttribute : Attribute { }

        [DisableRequestSizeLimit]
        public static class Setup
        {
            public static void Configure(MyLimits limits)
            {
                limits.MaxRequestBodySize = null;
                limits.MultipartBodyLengthLimit = long.MaxValue;
            }
        }
        """);

    // ---- Regex ---------------------------------------------------------------------------------

    [Fact]
    public Task StaticRegex_QueryParameterInput_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""app.MapGet("/check", (string {|#1:email|}) => Regex.IsMatch({|#0:email|}, @"^([a-z0-9]+)*@contoso\.com$"));"""),
        Expected(0, 1, "'Regex.IsMatch' runs on query parameter 'email' without a match timeout", RegexFix));

    [Fact]
    public Task InstanceRegex_FieldWithoutTimeout_BodyDtoProperty_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public record Comment(string Text);

        [ApiController]
        public class CommentsController : ControllerBase
        {
            private static readonly Regex Links = {|#2:new(@"(https?://\S+)+", RegexOptions.IgnoreCase)|};

            [HttpPost("comments")]
            public IActionResult Post(Comment {|#1:comment|})
            {
                var text = comment.Text.Trim();
                return Ok(Links.Matches({|#0:text|}).Count);
            }
        }
        """,
        Expected(0, 1, "'Regex.Matches' runs on request body parameter 'comment' without a match timeout", RegexFix).WithLocation(2));

    [Fact]
    public Task InstanceRegex_LocalWithoutTimeout_RequestQuery_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""
                    app.MapGet("/split", (HttpRequest request) =>
                    {
                        var separator = {|#2:new Regex("[,;]+")|};
                        string value = {|#1:request.Query|}["list"];
                        return separator.Split({|#0:value|}).Length;
                    });
            """),
        Expected(0, 1, "'Regex.Split' runs on 'HttpRequest.Query' without a match timeout", RegexFix).WithLocation(2));

    [Fact]
    public Task PatternFromRequest_WithoutTimeout_Triggers_WithTimeout_DoesNot() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""
                    app.MapGet("/search", (string pattern, string text) => Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)));
                    app.MapGet("/search2", (string {|#1:pattern|}) => new Regex({|#0:pattern|}));
                    app.MapGet("/search3", (string pattern, string text) => new Regex(pattern, RegexOptions.IgnoreCase, TimeSpan.FromMilliseconds(200)).IsMatch(text));
                    app.MapGet("/search4", (string pattern, string text) => Regex.Match(text, pattern, RegexOptions.NonBacktracking).Success);
            """),
        Expected(0, 1, "'new Regex' uses a pattern from query parameter 'pattern' (pattern injection)", PatternFix));

    [Fact]
    public Task PatternAndInputFromRequest_ReportsOnce() => Verify.VerifyAnalyzerAsync(
        MinimalApi("""app.MapGet("/search", (string {|#1:pattern|}, string text) => Regex.IsMatch(text, {|#0:pattern|}));"""),
        Expected(0, 1, "'Regex.IsMatch' uses a pattern from query parameter 'pattern' (pattern injection)", PatternFix));

    [Fact]
    public Task Regex_TimeoutNonBacktrackingEscapeConstantOrLocalInput_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public partial class SearchController : ControllerBase
        {
            private static readonly Regex Timed = new(@"(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(250));
            private static readonly Regex Linear = new(@"(a+)+$", RegexOptions.NonBacktracking | RegexOptions.IgnoreCase);

            [GeneratedRegex(@"(a+)+$", RegexOptions.None, matchTimeoutMilliseconds: 500)]
            private static partial Regex Generated();

            private static partial Regex Generated() => new(@"(a+)+$", RegexOptions.None, TimeSpan.FromMilliseconds(500));

            [HttpGet("a")]
            public bool A(string q) => Timed.IsMatch(q) && Linear.IsMatch(q) && Generated().IsMatch(q);

            [HttpGet("b")]
            public bool B(string q) => Regex.IsMatch(q, @"^\d+$", RegexOptions.None, TimeSpan.FromSeconds(1))
                && Regex.IsMatch(q, @"^\d+$", RegexOptions.NonBacktracking);

            [HttpGet("c")]
            public bool C(string q, string text) => Regex.IsMatch(text, Regex.Escape(q), RegexOptions.None, TimeSpan.FromSeconds(1));

            [HttpGet("d")]
            public bool D() => Regex.IsMatch("constant", @"^\w+$");

            public static bool NotAnEndpoint(string value) => Regex.IsMatch(value, @"^\w+$");
        }
        """);

    [Fact]
    public Task GeneratedRegexWithoutTimeout_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public partial class SearchController : ControllerBase
        {
            [GeneratedRegex(@"^(\w+\s?)*$")]
            private static partial Regex Words();

            private static partial Regex Words() => new(@"^(\w+\s?)*$");

            [HttpGet("words")]
            public bool Check(string {|#1:q|}) => Words().IsMatch({|#0:q|});
        }
        """,
        Expected(0, 1, "'Regex.IsMatch' runs on request parameter 'q' without a match timeout", RegexFix));

    [Fact]
    public Task InstanceRegex_UnknownOrigin_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class SearchController : ControllerBase
        {
            private readonly Regex _injected;
            private Regex _mutable = new("a+");

            public SearchController(Regex injected) => _injected = injected;

            [HttpGet("x")]
            public bool X(string q) => _injected.IsMatch(q) && _mutable.IsMatch(q);
        }
        """);

    // ---- Page sizes ----------------------------------------------------------------------------

    [Fact]
    public Task Take_QueryParameterPageSize_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi(
            """app.MapGet("/items", (int {|#1:pageSize|}) => Items.Skip(0).Take({|#0:pageSize|}).ToList());""",
            "    private static readonly List<string> Items = new();"),
        Expected(0, 1, Page("Enumerable.Take", "query parameter 'pageSize'"), Clamp()));

    [Fact]
    public Task Take_ParsedFromRequestQuery_Triggers() => Verify.VerifyAnalyzerAsync(
        MinimalApi(
            """
                    app.MapGet("/items", (HttpRequest request) =>
                    {
                        var size = int.Parse({|#1:request.Query|}["size"]);
                        return Items.AsQueryable().Take({|#0:size|}).ToList();
                    });
            """,
            "    private static readonly List<string> Items = new();"),
        Expected(0, 1, Page("Queryable.Take", "'HttpRequest.Query'"), Clamp()));

    [Fact]
    public Task Take_Bounded_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        public class ItemsController : ControllerBase
        {
            private static readonly List<string> Items = new();
            private const int MaxPage = 50;

            [HttpGet("a")]
            public IActionResult A(int pageSize) => Ok(Items.Take(Math.Clamp(pageSize, 1, 100)));

            [HttpGet("b")]
            public IActionResult B(int pageSize) => Ok(Items.Take(Math.Min(pageSize, MaxPage)));

            [HttpGet("c")]
            public IActionResult C(int pageSize)
            {
                if (pageSize < 1 || pageSize > 100)
                {
                    return BadRequest();
                }

                return Ok(Items.Take(pageSize));
            }

            [HttpGet("d")]
            public IActionResult D(int pageSize)
            {
                if (pageSize > MaxPage)
                {
                    pageSize = MaxPage;
                }

                return Ok(Items.Take(pageSize));
            }

            [HttpGet("e")]
            public IActionResult E([Range(1, 100)] int pageSize) => Ok(Items.Take(pageSize));

            [HttpGet("f")]
            public IActionResult F([FromQuery] Paging paging) => Ok(Items.Take(paging.Size));

            [HttpGet("g")]
            public IActionResult G() => Ok(Items.Take(20));

            public static List<string> Service(int count) => Items.Take(count).ToList();
        }

        public class Paging
        {
            [Range(1, 100)]
            public int Size { get; set; }
        }
        """);

    [Fact]
    public Task Take_LowerBoundOnly_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        [ApiController]
        public class ItemsController : ControllerBase
        {
            private static readonly List<string> Items = new();

            [HttpGet("a")]
            public IActionResult A(int {|#1:pageSize|})
            {
                if (pageSize < 1)
                {
                    return BadRequest();
                }

                return Ok(Items.Take({|#0:pageSize|}));
            }
        }
        """,
        Expected(0, 1, Page("Enumerable.Take", "query parameter 'pageSize'"), Clamp()));

    [Fact]
    public Task RangeWithoutApiController_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public class ItemsController : Controller
        {
            private static readonly List<string> Items = new();

            [HttpGet("a")]
            public IActionResult A([Range(1, 100)] int {|#1:pageSize|}) => Ok(Items.Take({|#0:pageSize|}));
        }
        """,
        Expected(0, 1, Page("Enumerable.Take", "request parameter 'pageSize'"), Clamp()));

    [Fact]
    public Task CosmosTablesSearch_PageSizes_Trigger() => Verify.VerifyAnalyzerAsync(Usings + """
        using Azure;
        using Azure.Data.Tables;
        using Azure.Search.Documents;
        using Microsoft.Azure.Cosmos;

        [ApiController]
        public class OrdersController : ControllerBase
        {
            [HttpGet("cosmos")]
            public IActionResult Cosmos(Container container, int {|#1:max|})
            {
                var options = new QueryRequestOptions { MaxItemCount = {|#0:max|} };
                return Ok(container.GetItemQueryIterator<object>("SELECT * FROM c", requestOptions: options));
            }

            [HttpGet("tables")]
            public IActionResult Tables(TableClient table, int {|#3:top|}, string? token)
                => Ok(table.Query<TableEntity>(maxPerPage: {|#2:top|}).AsPages(token, {|#4:top|}));

            [HttpGet("search")]
            public IActionResult Search(int? {|#6:size|})
            {
                var options = new SearchOptions();
                options.Size = {|#5:size|};
                return Ok(options);
            }
        }
        """,
        Expected(0, 1, Page("QueryRequestOptions.MaxItemCount", "query parameter 'max'"), Clamp()),
        Expected(2, 3, Page("TableClient.Query", "query parameter 'top'"), Clamp()),
        Expected(4, 3, Page("Pageable.AsPages", "query parameter 'top'"), Clamp()),
        Expected(5, 6, Page("SearchOptions.Size", "query parameter 'size'"), Clamp()));

    [Fact]
    public Task MaxPageSizeOption_IsUsedInTheMessage() => new Verify.Test
    {
        TestCode = MinimalApi(
            """app.MapGet("/items", (int {|#1:pageSize|}) => Items.Take({|#0:pageSize|}).ToList());""",
            "    private static readonly List<string> Items = new();"),
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.AZSEC405.max_page_size = 250\n") } },
        ExpectedDiagnostics = { Expected(0, 1, Page("Enumerable.Take", "query parameter 'pageSize'"), Clamp(250)) },
    }.RunAsync();

    // ---- Edge cases ------------------------------------------------------------------------------

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = MinimalApi("""
                    app.MapGet("/x", (string q, int n) => Regex.IsMatch(q, ) && new Regex(q, RegexOptions.).IsMatch() && Items.Take().Count() > n);
                    app.MapGet("/y", [RequestSizeLimit(] () => 1);
            """, "    private static readonly List<string> Items = new();"),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + MinimalApi(
        """app.MapGet("/check", [DisableRequestSizeLimit] (string email) => Regex.IsMatch(email, "^a+$"));"""));
}

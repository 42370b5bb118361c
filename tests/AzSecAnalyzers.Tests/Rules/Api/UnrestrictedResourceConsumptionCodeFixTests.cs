using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.UnrestrictedResourceConsumptionAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.UnrestrictedResourceConsumptionCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class UnrestrictedResourceConsumptionCodeFixTests
{
    private const string RegexFix = "pass a timeout such as TimeSpan.FromSeconds(1), or use RegexOptions.NonBacktracking";
    private const string PatternFix = "escape it with Regex.Escape, or allow only known patterns, and set a match timeout such as TimeSpan.FromSeconds(1)";

    private static DiagnosticResult Expected(int location, int source, string what, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC405_UnrestrictedResourceConsumption).WithLocation(location).WithLocation(source).WithArguments(what, fix);

    private static string Page(string api, string origin) => $"'{api}' receives a page size from {origin} with no upper bound";

    [Fact]
    public Task StaticRegexCalls_GetOptionsAndTimeout_FixAll() => new Verify.Test
    {
        TestCode = """
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class CheckController : Controller
            {
                [HttpGet("a")]
                public bool A(string {|#1:email|}) => Regex.IsMatch({|#0:email|}, @"^([a-z0-9]+)*@contoso\.com$");

                [HttpGet("b")]
                public string B(string {|#3:text|}) => Regex.Replace({|#2:text|}, @"\s+", " ", RegexOptions.Multiline);

                [HttpGet("c")]
                public int C(string {|#5:text|}) => Regex.Matches(input: {|#4:text|}, pattern: @"\d+").Count;
            }
            """,
        FixedCode = """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            public class CheckController : Controller
            {
                [HttpGet("a")]
                public bool A(string email) => Regex.IsMatch(email, @"^([a-z0-9]+)*@contoso\.com$", RegexOptions.None, TimeSpan.FromSeconds(1));

                [HttpGet("b")]
                public string B(string text) => Regex.Replace(text, @"\s+", " ", RegexOptions.Multiline, TimeSpan.FromSeconds(1));

                [HttpGet("c")]
                public int C(string text) => Regex.Matches(input: text, pattern: @"\d+", options: RegexOptions.None, matchTimeout: TimeSpan.FromSeconds(1)).Count;
            }
            """,
        ExpectedDiagnostics =
        {
            Expected(0, 1, "'Regex.IsMatch' runs on request parameter 'email' without a match timeout", RegexFix),
            Expected(2, 3, "'Regex.Replace' runs on request parameter 'text' without a match timeout", RegexFix),
            Expected(4, 5, "'Regex.Matches' runs on request parameter 'text' without a match timeout", RegexFix),
        },
        CodeActionEquivalenceKey = EquivalenceKeys.LimitResourceConsumption,
    }.RunAsync();

    [Fact]
    public Task RegexCreation_GetsTimeout_SharedByTwoCalls_FixAll() => new Verify.Test
    {
        TestCode = """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class CheckController : ControllerBase
            {
                private static readonly Regex Words = {|#5:new Regex(@"^(\w+\s?)*$")|};
                private static readonly Regex Tags = {|#6:new(@"<(\w+)>", RegexOptions.IgnoreCase)|};

                [HttpGet("a")]
                public bool A(string {|#1:q|}) => Words.IsMatch({|#0:q|}) && Tags.IsMatch({|#2:q|});

                [HttpGet("b")]
                public bool B(string {|#4:text|}) => Words.IsMatch({|#3:text|});
            }
            """,
        FixedCode = """
            using System;
            using System.Text.RegularExpressions;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class CheckController : ControllerBase
            {
                private static readonly Regex Words = new Regex(@"^(\w+\s?)*$", RegexOptions.None, TimeSpan.FromSeconds(1));
                private static readonly Regex Tags = new(@"<(\w+)>", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

                [HttpGet("a")]
                public bool A(string q) => Words.IsMatch(q) && Tags.IsMatch(q);

                [HttpGet("b")]
                public bool B(string text) => Words.IsMatch(text);
            }
            """,
        ExpectedDiagnostics =
        {
            Expected(0, 1, "'Regex.IsMatch' runs on query parameter 'q' without a match timeout", RegexFix).WithLocation(5),
            Expected(2, 1, "'Regex.IsMatch' runs on query parameter 'q' without a match timeout", RegexFix).WithLocation(6),
            Expected(3, 4, "'Regex.IsMatch' runs on query parameter 'text' without a match timeout", RegexFix).WithLocation(5),
        },
        CodeActionEquivalenceKey = EquivalenceKeys.LimitResourceConsumption,
    }.RunAsync();

    [Fact]
    public Task PageSizes_AreClamped_FixAll() => new Verify.Test
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Azure.Cosmos;

            [ApiController]
            public class ItemsController : ControllerBase
            {
                private static readonly List<string> Items = new();

                [HttpGet("a")]
                public IActionResult A(int {|#1:pageSize|}, long {|#3:top|}) => Ok(Items.Take({|#0:pageSize|}).Concat(Items.AsQueryable().Take({|#2:(int)top|})));

                [HttpGet("b")]
                public IActionResult B(int {|#5:max|}) => Ok(new QueryRequestOptions { MaxItemCount = {|#4:max|} });
            }
            """,
        FixedCode = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.Azure.Cosmos;

            [ApiController]
            public class ItemsController : ControllerBase
            {
                private static readonly List<string> Items = new();

                [HttpGet("a")]
                public IActionResult A(int pageSize, long top) => Ok(Items.Take(Math.Clamp(pageSize, 1, 100)).Concat(Items.AsQueryable().Take(Math.Clamp((int)top, 1, 100))));

                [HttpGet("b")]
                public IActionResult B(int max) => Ok(new QueryRequestOptions { MaxItemCount = Math.Clamp(max, 1, 100) });
            }
            """,
        ExpectedDiagnostics =
        {
            Expected(0, 1, Page("Enumerable.Take", "query parameter 'pageSize'"), "clamp it, e.g. Math.Clamp(value, 1, 100)"),
            Expected(2, 3, Page("Queryable.Take", "query parameter 'top'"), "clamp it, e.g. Math.Clamp(value, 1, 100)"),
            Expected(4, 5, Page("QueryRequestOptions.MaxItemCount", "query parameter 'max'"), "clamp it, e.g. Math.Clamp(value, 1, 100)"),
        },
        CodeActionEquivalenceKey = EquivalenceKeys.LimitResourceConsumption,
    }.RunAsync();

    [Fact]
    public Task PageSize_UsesConfiguredMaximum() => new Verify.Test
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class ItemsController : ControllerBase
            {
                private static readonly List<string> Items = new();

                [HttpGet("a")]
                public IActionResult A(int {|#1:pageSize|}) => Ok(Items.Take({|#0:pageSize|}));
            }
            """,
        FixedCode = """
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using Microsoft.AspNetCore.Mvc;

            [ApiController]
            public class ItemsController : ControllerBase
            {
                private static readonly List<string> Items = new();

                [HttpGet("a")]
                public IActionResult A(int pageSize) => Ok(Items.Take(Math.Clamp(pageSize, 1, 500)));
            }
            """,
        TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.AZSEC405.max_page_size = 500\n") } },
        ExpectedDiagnostics = { Expected(0, 1, Page("Enumerable.Take", "query parameter 'pageSize'"), "clamp it, e.g. Math.Clamp(value, 1, 500)") },
        CodeActionEquivalenceKey = EquivalenceKeys.LimitResourceConsumption,
    }.RunAsync();

    [Fact]
    public Task NoFixOffered_ForNullablePageSizeTimedPatternAndLimits() => new Verify.Test
    {
        TestCode = Source,
        FixedCode = Source,
        ExpectedDiagnostics =
        {
            Expected(0, 1, Page("SearchOptions.Size", "query parameter 'size'"), "clamp it, e.g. Math.Clamp(value, 1, 100)"),
            Expected(2, 3, "'Regex.IsMatch' uses a pattern from query parameter 'pattern' (pattern injection)", PatternFix),
            Expected(5, 3, "'new Regex' uses a pattern from query parameter 'pattern' (pattern injection)", PatternFix),
            Verify.Diagnostic(Descriptors.AZSEC405_UnrestrictedResourceConsumption).WithLocation(4)
                .WithArguments("[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]"),
        },
    }.RunAsync();

    private const string Source = """
        using System;
        using System.Text.RegularExpressions;
        using Azure.Search.Documents;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        public class SearchController : ControllerBase
        {
            [HttpGet("a"), {|#4:DisableRequestSizeLimit|}]
            public IActionResult A(int? {|#1:size|}, string {|#3:pattern|})
            {
                var options = new SearchOptions { Size = {|#0:size|} };
                return Ok(Regex.IsMatch("text", {|#2:pattern|}) && new Regex({|#5:pattern|}).IsMatch("text"));
            }
        }
        """;
}

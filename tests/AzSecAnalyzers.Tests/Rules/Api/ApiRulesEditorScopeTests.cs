using System.Collections.Immutable;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Rules.Api;

/// <summary>
/// The editor's default scope: an open document is analyzed alone (its syntax and semantic analyzer diagnostics,
/// never the compilation-end ones), in a compilation made anew for every keystroke from the same syntax trees.
/// Every AZSEC4xx finding a build reports must show this way, in the document it belongs to, whichever file
/// holds the configuration it depends on.
/// </summary>
public class ApiRulesEditorScopeTests
{
    private const string Program = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.RateLimiting;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.AllowAnyOrigin()));
        builder.Services.AddRateLimiter(options => options.AddFixedWindowLimiter("strict", limiter => limiter.PermitLimit = 5));
        var app = builder.Build();
        app.UseCors();
        app.MapControllers();
        app.MapGroup("/api/orders").RequireAuthorization().MapOrders();
        app.MapBasketApi().RequireAuthorization();
        app.MapInvoices();
        app.Run();
        """;

    private const string Endpoints = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        namespace Shop;

        public static class ShopEndpoints
        {
            // Authorized by the caller's group.
            public static RouteGroupBuilder MapOrders(this RouteGroupBuilder group)
            {
                group.MapPost("/", (string order) => order);
                group.MapPost("/checkout", Checkout);
                return group;
            }

            // The caller authorizes the group this helper builds and returns.
            public static RouteGroupBuilder MapBasketApi(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("/api/basket");
                api.MapDelete("/{id}", (int id) => id);
                return api;
            }

            public static IEndpointRouteBuilder MapInvoices(this IEndpointRouteBuilder routes)
            {
                routes.MapPost("/invoices", (string invoice) => invoice);
                routes.MapPost("/invoices/pay", (string invoice) => invoice);
                return routes;
            }

            private static string Checkout(string cart) => cart;
        }
        """;

    private const string Controllers = """
        using Microsoft.AspNetCore.Mvc;

        namespace Shop;

        [ApiController]
        [Route("api/account")]
        public class AccountController : ControllerBase
        {
            [HttpPost("login")]
            public IActionResult Login(string user, string password) => Ok();

            [HttpPost("logout")]
            public IActionResult Logout() => Ok();

            [HttpDelete("{id}")]
            public IActionResult Delete(int id) => NoContent();
        }
        """;

    private const string FallbackProgram = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Shop;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.MapControllers();
        app.MapInvoices();
        app.Run();
        """;

    [Fact]
    public async Task EveryApiFinding_IsReportedPerDocument()
    {
        var trees = Parse(Program, Endpoints, Controllers);
        var build = await BuildDiagnosticsAsync(trees);
        var editor = await EditorDiagnosticsAsync(trees);

        // Written out, so the comparison below cannot pass on two empty lists.
        Assert.Equal(
            new[]
            {
                "AZSEC401 Controllers.cs: Action 'AccountController.Delete' accepts DELETE",
                "AZSEC401 Endpoints.cs: Endpoint 'MapPost(\"/invoices\")' accepts POST",
                "AZSEC401 Endpoints.cs: Endpoint 'MapPost(\"/invoices/pay\")' accepts POST",
                "AZSEC412 Controllers.cs: Action 'AccountController.Login' is a sign-in or account flow",
                "AZSEC412 Endpoints.cs: Endpoint 'MapPost(\"/checkout\")' is a payment flow",
                "AZSEC412 Endpoints.cs: Endpoint 'MapPost(\"/invoices/pay\")' is a payment flow",
            },
            build.Where(d => d.Id is "AZSEC401" or "AZSEC412").Select(Summary).Order(StringComparer.Ordinal));
        Assert.Contains(build, d => d.Id == "AZSEC407");
        Assert.Equal(build.Select(Describe).Order(StringComparer.Ordinal), editor.Select(Describe).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FallbackPolicyInAnotherFile_SilencesTheOpenDocument_InAnyFileOrder(bool programFirst)
    {
        var trees = programFirst ? Parse(FallbackProgram, Endpoints, Controllers) : Parse(Endpoints, Controllers, FallbackProgram);
        var editor = await EditorDiagnosticsAsync(trees);

        Assert.DoesNotContain(editor, d => d.Id == "AZSEC401");
        Assert.Contains(editor, d => d.Id == "AZSEC412");
    }

    private static SyntaxTree[] Parse(params string[] sources)
    {
        var names = new Dictionary<string, string> { [Program] = "Program.cs", [FallbackProgram] = "Program.cs", [Endpoints] = "Endpoints.cs", [Controllers] = "Controllers.cs" };
        return sources.Select(source => CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions, names[source])).ToArray();
    }

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create("Shop", trees, TestReferences.All, new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

    private static ImmutableArray<DiagnosticAnalyzer> ApiAnalyzers()
        => PackageCatalog.CreateAnalyzers().Where(a => a.SupportedDiagnostics.Any(d => d.Id.StartsWith("AZSEC4", StringComparison.Ordinal))).ToImmutableArray();

    private static async Task<ImmutableArray<Diagnostic>> BuildDiagnosticsAsync(SyntaxTree[] trees)
    {
        var compilation = Compile(trees);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var all = await compilation.WithAnalyzers(ApiAnalyzers()).GetAnalyzerDiagnosticsAsync();
        return all.Where(d => d.Id.StartsWith("AZSEC4", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>Each document on its own, as the editor does it: a new compilation over the same trees, one document's analysis.</summary>
    private static async Task<List<Diagnostic>> EditorDiagnosticsAsync(SyntaxTree[] trees)
    {
        var reported = new List<Diagnostic>();
        foreach (var tree in trees)
        {
            var compilation = Compile(trees);
            var analysis = compilation.WithAnalyzers(ApiAnalyzers());
            var model = compilation.GetSemanticModel(tree);
            reported.AddRange(await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None));
            reported.AddRange(await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, tree.GetRoot().FullSpan, CancellationToken.None));
        }

        Assert.DoesNotContain(reported, d => d.Id is "AD0001" or "AD0002");
        return reported.Where(d => d.Id.StartsWith("AZSEC4", StringComparison.Ordinal)).ToList();
    }

    private static string Summary(Diagnostic diagnostic)
    {
        var message = diagnostic.GetMessage();
        var end = message.IndexOf(" without", StringComparison.Ordinal);
        return $"{diagnostic.Id} {diagnostic.Location.SourceTree!.FilePath}: {(end < 0 ? message : message.Substring(0, end))}";
    }

    private static string Describe(Diagnostic diagnostic)
        => $"{diagnostic.Id} {diagnostic.Location.SourceTree?.FilePath}{diagnostic.Location.GetLineSpan().StartLinePosition} {diagnostic.GetMessage()}";
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.SensitiveFlowWithoutRateLimitingAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class SensitiveFlowWithoutRateLimitingAnalyzerTests
{
    internal static DiagnosticResult Expected(int location, string name, string flow = "sign-in or account")
        => Verify.Diagnostic(Descriptors.AZSEC412_SensitiveFlowWithoutRateLimiting).WithLocation(location).WithArguments(name, flow);

    private static Task VerifyProgramAsync(string[] sources, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test();
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"File{i}.cs", sources[i]));
        }

        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private const string AccountController = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("api/account")]
        public class AccountController : ControllerBase
        {
            [HttpPost("login"), AllowAnonymous]
            public IActionResult {|#0:SignIn|}(string user, string password) => Ok();

            [HttpPost]
            public IActionResult {|#1:ResetPassword|}(string email) => Ok();

            [HttpGet("login")]
            public IActionResult LoginPage() => Ok();

            [HttpPost("profile")]
            public IActionResult UpdateProfile(string name) => Ok();
        }
        """;

    [Fact]
    public Task ControllersAndMinimalApis_WithoutLimiter_Trigger() => VerifyProgramAsync(new[]
    {
        AccountController,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.{|#2:MapPost|}("/checkout", (string cart) => cart);
        app.{|#3:MapPost|}("/api/sign-up", (string email) => email);
        app.MapGet("/checkout", () => "page");
        app.MapPost("/orders", (string order) => order);
        app.Run();
        """,
    },
    Expected(0, "Action 'AccountController.SignIn'"),
    Expected(1, "Action 'AccountController.ResetPassword'"),
    Expected(2, "Endpoint 'MapPost(\"/checkout\")'", "payment"),
    Expected(3, "Endpoint 'MapPost(\"/api/sign-up\")'"));

    [Fact]
    public Task RateLimitedEndpoints_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.RateLimiting;

        [EnableRateLimiting("auth")]
        public class AccountController : ControllerBase
        {
            [HttpPost("login")]
            public IActionResult Login(string user) => Ok();
        }

        public class PaymentsController : ControllerBase
        {
            [HttpPost("transfer"), EnableRateLimiting("money")]
            public IActionResult Transfer(decimal amount) => Ok();

            [HttpPost("checkout"), DisableRateLimiting]
            public IActionResult Checkout() => Ok();
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapPost("/login", (string user) => user).RequireRateLimiting("auth");
        var auth = app.MapGroup("/auth").RequireRateLimiting("auth");
        auth.MapPost("/register", (string user) => user);
        app.Run();
        """,
    });

    [Fact]
    public Task GlobalLimiterInAnotherFile_BothOrders_DoNotTrigger()
    {
        const string Program = """
            using System.Threading.RateLimiting;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRateLimiter(options =>
                options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                    RateLimitPartition.GetFixedWindowLimiter("all", _ => new FixedWindowRateLimiterOptions { PermitLimit = 100, Window = System.TimeSpan.FromMinutes(1) })));
            var app = builder.Build();
            app.UseRateLimiter();
            app.MapPost("/login", (string user) => user);
            app.Run();
            """;
        const string Controller = """
            using Microsoft.AspNetCore.Mvc;

            public class AccountController : ControllerBase
            {
                [HttpPost]
                public IActionResult Login(string user) => Ok();
            }
            """;
        return Task.WhenAll(VerifyProgramAsync(new[] { Program, Controller }), VerifyProgramAsync(new[] { Controller, Program }));
    }

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class AccountController { public void Login() { } }",
        NetCoreOnly = true,
    }.RunAsync();
}

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
    public Task RouteGroups_MethodGroupsAndLambdas_Trigger() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        public static class PaymentEndpoints
        {
            public static RouteGroupBuilder MapPayments(this IEndpointRouteBuilder app)
            {
                var payments = app.MapGroup("/api/payments");
                payments.{|#0:MapPost|}("/transfer", Transfer);
                payments.MapDelete("/{id}", (int id) => id);
                payments.MapPost("/{id}/notes", AddNote);

                var checkout = app.MapGroup("/api/checkout");
                checkout.{|#1:MapPost|}("/", (string cart) => cart);

                var orders = app.MapGroup("/api/orders");
                orders.MapPost("/", (string order) => order);
                orders.{|#2:MapPost|}("/{id}", SignIn);
                return payments;
            }

            private static string Transfer(decimal amount) => "ok";
            private static string AddNote(int id, string note) => note;
            private static string SignIn(int id) => "ok";
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapPayments();
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/transfer\")'", "payment"),
    Expected(1, "Endpoint 'MapPost(\"/\")'", "payment"),
    Expected(2, "Endpoint 'MapPost(\"/{id}\")'"));

    [Fact]
    public Task LocalFunctionHandler_IsNamedByItsFunction() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        var v1 = app.MapGroup("/api/v1");
        v1.{|#0:MapPost|}("/", TransferFunds);
        v1.MapPut("/{id}", RenameAccount);
        app.Run();

        static string TransferFunds(decimal amount) => "ok";
        static string RenameAccount(int id, string name) => name;
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/\")'", "payment"));

    [Fact]
    public Task LimiterAppliedByTheCallerOfAMappingHelper_DoesNotTrigger() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        public static class AccountEndpoints
        {
            public static RouteGroupBuilder MapAccount(this IEndpointRouteBuilder app)
            {
                var account = app.MapGroup("/account");
                account.MapPost("/login", (string user) => user);
                return account;
            }

            public static void MapCart(this RouteGroupBuilder group) => group.MapPost("/checkout", (string cart) => cart);
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapAccount().RequireRateLimiting("auth");
        app.MapGroup("/cart").RequireRateLimiting("shop").MapCart();
        app.Run();
        """,
    });

    [Fact]
    public Task VersionedApiGroups_FollowTheirConventions() => VerifyProgramAsync(new[]
    {
        """
        using Asp.Versioning;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        public static class BasketApi
        {
            public static IEndpointRouteBuilder MapBasketApiV1(this IEndpointRouteBuilder app)
            {
                var api = app.NewVersionedApi("Basket").MapGroup("/api/basket").HasApiVersion(1.0);
                api.{|#0:MapPost|}("/checkout", Checkout);
                api.MapPost("/items", (string item) => item);
                return app;
            }

            public static IEndpointRouteBuilder MapPaymentsApiV1(this IEndpointRouteBuilder app)
            {
                var api = app.NewVersionedApi("Payments").MapGroup("/api/payments").HasApiVersion(1.0).RequireRateLimiting("money");
                api.MapPost("/transfer", Transfer);
                return app;
            }

            public static RouteGroupBuilder MapLoginApiV1(this IEndpointRouteBuilder app)
            {
                var api = app.NewVersionedApi("Login").MapGroup("/api/login").HasApiVersion(1.0);
                api.MapPost("/", (string user) => user);
                return api;
            }

            private static string Checkout(string cart) => cart;
            private static string Transfer(decimal amount) => "ok";
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapBasketApiV1();
        app.MapPaymentsApiV1();
        app.MapLoginApiV1().RequireRateLimiting("auth");
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/checkout\")'", "payment"));

    [Fact]
    public Task SignOutAndAccountResources_AreClassifiedFromTheirNames() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Mvc;

        public class RegistrationsController : ControllerBase
        {
            [HttpPost]
            public IActionResult {|#0:Post|}(string email) => Ok();

            [HttpPost("{id}/approve")]
            public IActionResult Approve(int id) => Ok();
        }

        public class SessionController : ControllerBase
        {
            [HttpPost("logout")]
            public IActionResult Logout() => Ok();
        }

        // Managing the external logins of a signed-in user is no sign-in; changing the password still counts.
        public class ManageController : ControllerBase
        {
            [HttpPost]
            public IActionResult LinkLogin(string provider) => Ok();

            [HttpPost]
            public IActionResult RemoveLogin(string provider, string key) => Ok();

            [HttpPost]
            public IActionResult {|#1:ChangePassword|}(string current, string next) => Ok();
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapPost("/logout", () => "bye");
        app.MapPost("/tokens", (string name) => name);
        app.Run();
        """,
    },
    Expected(0, "Action 'RegistrationsController.Post'"),
    Expected(1, "Action 'ManageController.ChangePassword'"));

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class AccountController { public void Login() { } }",
        NetCoreOnly = true,
    }.RunAsync();
}

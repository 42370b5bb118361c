using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.EndpointWithoutAuthorizationAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class EndpointWithoutAuthorizationAnalyzerTests
{
    private const string AddAuthorize = "add [Authorize] or configure a fallback authorization policy";
    private const string AddRequireAuthorization = "add .RequireAuthorization() or configure a fallback authorization policy";

    private static DiagnosticResult Expected(int location, string name, string verbs, string fix = AddAuthorize)
        => Verify.Diagnostic(Descriptors.AZSEC401_EndpointWithoutAuthorization).WithLocation(location).WithArguments(name, verbs, fix);

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

    private const string ProgramWithoutAuthorization = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        var app = builder.Build();
        app.MapControllers();
        app.Run();
        """;

    [Fact]
    public Task ApiControllerPostWithoutAuthorize_Triggers() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Mvc;

        [ApiController]
        [Route("api/orders")]
        public class OrdersController : ControllerBase
        {
            [HttpGet("{id}")]
            public IActionResult Get(int id) => Ok();

            [HttpPost]
            public IActionResult {|#0:Create|}(string order) => Ok();

            [HttpDelete("{id}")]
            public IActionResult {|#1:Remove|}(int id) => NoContent();

            [AcceptVerbs("PUT", "PATCH")]
            public IActionResult {|#2:Change|}(int id) => NoContent();
        }
        """,
    },
    Expected(0, "Action 'OrdersController.Create'", "POST"),
    Expected(1, "Action 'OrdersController.Remove'", "DELETE"),
    Expected(2, "Action 'OrdersController.Change'", "PUT, PATCH"));

    [Fact]
    public Task AuthorizeOnActionControllerOrBaseClass_DoesNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public abstract class SecuredController : ControllerBase { }

        public class OrdersController : SecuredController
        {
            [HttpPost]
            public IActionResult Create(string order) => Ok();
        }

        [Authorize(Roles = "Admin")]
        public class AdminController : Controller
        {
            [HttpDelete]
            public IActionResult Delete(int id) => Ok();
        }

        public class InvoicesController : ControllerBase
        {
            [HttpPut, Authorize(Policy = "Billing")]
            public IActionResult Update(int id) => Ok();
        }
        """,
    });

    [Fact]
    public Task GetActionsNonActionsAndMvcPages_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Mvc;

        public class HomeController : Controller
        {
            public IActionResult Index() => View();

            [HttpGet("health")]
            public IActionResult Health() => Ok();

            [NonAction, HttpPost]
            public IActionResult Helper() => Ok();

            [HttpPost]
            public static void NotAnAction() { }

            [HttpPost]
            internal void AlsoNotAnAction() { }
        }

        [NonController]
        public class ToolsController : ControllerBase
        {
            [HttpPost]
            public IActionResult Run() => Ok();
        }

        public class Helper
        {
            [HttpPost]
            public void Post() { }
        }
        """,
    });

    [Fact]
    public Task WebApiNamingConvention_Triggers() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Mvc;

        public class ItemsController : ControllerBase
        {
            public IActionResult {|#0:DeleteItem|}(int id) => Ok();
        }
        """,
    },
    Expected(0, "Action 'ItemsController.DeleteItem'", "DELETE"));

    [Fact]
    public Task AllowAnonymousPostInAuthorizeController_Triggers() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        public class OrdersController : ControllerBase
        {
            [HttpPost, {|#0:AllowAnonymous|}]
            public IActionResult Create(string order) => Ok();

            [HttpGet, AllowAnonymous]
            public IActionResult List() => Ok();
        }
        """,
    },
    Verify.Diagnostic(Descriptors.AZSEC401_EndpointWithoutAuthorization).WithLocation(0)
        .WithArguments("Action 'OrdersController.Create'", "POST", "remove [AllowAnonymous] so the controller's [Authorize] applies"));

    [Fact]
    public Task AllowAnonymousLoginAndRegistration_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        [Authorize]
        [ApiController]
        [Route("api/account")]
        public class AccountController : ControllerBase
        {
            [HttpPost("login"), AllowAnonymous]
            public IActionResult SignIn(string user, string password) => Ok();

            [HttpPost, AllowAnonymous]
            public IActionResult Register(string user) => Ok();

            [HttpPost("forgot-password"), AllowAnonymous]
            public IActionResult Forgot(string email) => Ok();
        }

        public class TokenController : ControllerBase
        {
            [HttpPost("/connect/token")]
            public IActionResult Issue() => Ok();
        }
        """,
    });

    [Fact]
    public Task ExplicitAllowAnonymousWithoutAuthorizeController_DoesNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;

        public class WebhooksController : ControllerBase
        {
            [HttpPost, AllowAnonymous]
            public IActionResult Receive(string payload) => Ok();
        }
        """,
    });

    private const string OrdersController = """
        using Microsoft.AspNetCore.Mvc;

        public class OrdersController : ControllerBase
        {
            [HttpPost]
            public IActionResult Create(string order) => Ok();
        }
        """;

    private const string FallbackPolicyProgram = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorization(options =>
        {
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        var app = builder.Build();
        app.MapControllers();
        app.MapPost("/orders", (string order) => order);
        app.Run();
        """;

    [Fact]
    public Task FallbackPolicyInAnotherFile_ProgramFirst_DoesNotTrigger() => VerifyProgramAsync(new[] { FallbackPolicyProgram, OrdersController });

    [Fact]
    public Task FallbackPolicyInAnotherFile_ControllerFirst_DoesNotTrigger() => VerifyProgramAsync(new[] { OrdersController, FallbackPolicyProgram });

    [Fact]
    public Task FallbackPolicyThroughAuthorizationBuilder_DoesNotTrigger() => VerifyProgramAsync(new[]
    {
        OrdersController,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.MapControllers();
        app.MapDelete("/orders/{id}", (int id) => id);
        app.Run();
        """,
    });

    [Fact]
    public Task FallbackPolicySetToNull_Triggers() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorization(options => options.FallbackPolicy = null);
        var app = builder.Build();
        app.{|#0:MapPost|}("/orders", (string order) => order);
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/orders\")'", "POST", AddRequireAuthorization));

    [Fact]
    public Task DefaultPolicyOnly_StillTriggers() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddAuthorizationBuilder().SetDefaultPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        var app = builder.Build();
        app.{|#0:MapPut|}("/orders/{id}", (int id) => id);
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPut(\"/orders/{id}\")'", "PUT", AddRequireAuthorization));

    [Fact]
    public Task GlobalAuthorizeFilter_SilencesControllers() => VerifyProgramAsync(new[]
    {
        OrdersController,
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc.Authorization;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers(options => options.Filters.Add(new AuthorizeFilter()));
        var app = builder.Build();
        app.MapControllers();
        app.Run();
        """,
    });

    [Fact]
    public Task MapControllersRequireAuthorization_SilencesControllersOnly() => VerifyProgramAsync(new[]
    {
        OrdersController,
        """
        using Microsoft.AspNetCore.Builder;

        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapControllers().RequireAuthorization();
        app.{|#0:MapPatch|}("/orders/{id}", (int id) => id);
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPatch(\"/orders/{id}\")'", "PATCH", AddRequireAuthorization));

    [Fact]
    public Task MinimalApis_WithoutAuthorization_Trigger() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var app = WebApplication.Create(args);
        app.MapGet("/orders", () => "all");
        app.MapGet("/health", () => Results.Ok()).AllowAnonymous();
        app.{|#0:MapPost|}("/orders", (string order) => order).WithName("CreateOrder");
        app.{|#1:MapMethods|}("/orders/{id}", new[] { "PUT" }, (int id) => id);
        app.MapMethods("/orders", new[] { "GET", "HEAD" }, () => "all");
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/orders\")'", "POST", AddRequireAuthorization),
    Expected(1, "Endpoint 'MapMethods(\"/orders/{id}\")'", "PUT", AddRequireAuthorization));

    [Fact]
    public Task MinimalApis_WithAuthorization_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapPost("/a", (string order) => order).RequireAuthorization();
        app.MapPost("/b", (string order) => order).WithName("B").RequireAuthorization("Admin");
        app.MapPost("/c", [Authorize] (string order) => order);
        app.MapDelete("/d/{id}", Handlers.Delete);
        var e = app.MapPut("/e/{id}", (int id) => id);
        e.RequireAuthorization();
        app.MapPost("/webhooks/stripe", (string payload) => payload).AllowAnonymous();
        app.MapPost("/login", (string user, string password) => user);
        app.MapPost("/account/sign-up", (string user) => user);
        app.Run();

        static class Handlers
        {
            [Authorize]
            public static int Delete(int id) => id;
        }
        """,
    });

    [Fact]
    public Task RouteGroups_FollowTheGroupsConventions() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);

        var secured = app.MapGroup("/api").RequireAuthorization();
        secured.MapPost("/orders", (string order) => order);
        secured.MapGroup("/admin").MapDelete("/users/{id}", (int id) => id);

        var later = app.MapGroup("/later");
        later.RequireAuthorization();
        later.MapPut("/x/{id}", (int id) => id);

        app.MapGroup("/inline").RequireAuthorization().MapPost("/y", (string y) => y);

        var open = app.MapGroup("/open");
        open.{|#0:MapPost|}("/z", (string z) => z);

        secured.{|#1:MapPost|}("/public", (string p) => p).AllowAnonymous();
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/z\")'", "POST", AddRequireAuthorization),
    Verify.Diagnostic(Descriptors.AZSEC401_EndpointWithoutAuthorization).WithLocation(1)
        .WithArguments("Endpoint 'MapPost(\"/public\")'", "POST", "remove AllowAnonymous() so the group's authorization applies"));

    [Fact]
    public Task GroupPassedToMappingMethodInAnotherFile_FollowsTheCaller() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        static class OrderEndpoints
        {
            public static RouteGroupBuilder MapOrders(this RouteGroupBuilder group)
            {
                group.MapPost("/", (string order) => order);
                return group;
            }

            public static IEndpointRouteBuilder MapInvoices(this IEndpointRouteBuilder routes)
            {
                routes.{|#0:MapPost|}("/invoices", (string invoice) => invoice);
                return routes;
            }

            public static void MapLibrary(this IEndpointRouteBuilder routes)
            {
                // Never called in this compilation: its callers decide, nothing is said.
                routes.MapPost("/library", (string item) => item);
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.MapGroup("/orders").RequireAuthorization().MapOrders();
        app.MapInvoices();
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/invoices\")'", "POST", AddRequireAuthorization));

    [Fact]
    public Task MappingMethodOnTheApp_IsJudgedWithoutItsCallers() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;

        public static class AdminEndpoints
        {
            // The app itself carries no group conventions, whoever passes it (and even if nobody does here).
            public static void MapAdmin(this WebApplication app)
                => app.{|#0:MapDelete|}("/admin/cache", () => "cleared");
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapDelete(\"/admin/cache\")'", "DELETE", AddRequireAuthorization));

    [Fact]
    public Task MappingHelperReturningItsGroup_FollowsWhatTheCallerApplies() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Routing;

        public static class CatalogApi
        {
            // The caller authorizes the group this helper builds and returns.
            public static RouteGroupBuilder MapCatalogApi(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("/api/catalog");
                api.MapPost("/items", (string item) => item);
                api.MapDelete("/items/{id}", (int id) => id);
                return api;
            }

            // Same shape, but its caller applies nothing to the result.
            public static RouteGroupBuilder MapReviewsApi(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("/api/reviews");
                api.{|#0:MapPost|}("/", (string review) => review);
                return api;
            }

            // The group is built here but never handed back: what the caller does to the result is not the group.
            public static IEndpointRouteBuilder MapRatingsApi(this IEndpointRouteBuilder app)
            {
                var api = app.MapGroup("/api/ratings");
                api.{|#1:MapPut|}("/{id}", (int id) => id);
                return app;
            }
        }
        """,
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;

        var app = WebApplication.Create(args);
        app.MapCatalogApi().RequireAuthorization();
        var reviews = app.MapReviewsApi();
        reviews.WithTags("Reviews");
        app.MapRatingsApi();
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/\")'", "POST", AddRequireAuthorization),
    Expected(1, "Endpoint 'MapPut(\"/{id}\")'", "PUT", AddRequireAuthorization));

    [Fact]
    public Task AnonymousByDesignControllers_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Mvc;

        [ApiController, Route("api/authorizations")]
        public class AuthorizationsController : ControllerBase
        {
            // Signs the caller in: POST /api/authorizations issues a token.
            [HttpPost]
            public IActionResult Post(string user, string password) => Ok();

            [HttpPost("revoke")]
            public IActionResult {|#0:Revoke|}(string token) => Ok();
        }

        [ApiController, Route("api/registrations")]
        public class RegistrationsController : ControllerBase
        {
            [HttpPost]
            public IActionResult PostAsync(string email) => Ok();

            [HttpDelete("{id}")]
            public IActionResult {|#1:Delete|}(int id) => NoContent();
        }

        [ApiController, Route("api/password-resets")]
        public class PasswordResetsController : ControllerBase
        {
            [HttpPost]
            public IActionResult Post(string email) => Ok();

            [HttpPut("{token}")]
            public IActionResult Put(string token, string newPassword) => Ok();
        }

        [ApiController, Route("api/shipments")]
        public class ShipmentsController : ControllerBase
        {
            [HttpPost]
            public IActionResult {|#2:Post|}(string shipment) => Ok();
        }
        """,
    },
    Expected(0, "Action 'AuthorizationsController.Revoke'", "POST"),
    Expected(1, "Action 'RegistrationsController.Delete'", "DELETE"),
    Expected(2, "Action 'ShipmentsController.Post'", "POST"));

    [Fact]
    public Task SignOutEndpoints_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authentication;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class SessionController : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Logout()
            {
                await HttpContext.SignOutAsync();
                return RedirectToAction("Index", "Home");
            }

            [HttpPost("sign-out")]
            public IActionResult End() => SignOut();
        }

        public static class SessionEndpoints
        {
            public static void MapSession(WebApplication app)
            {
                app.MapPost("/logout", (HttpContext context) => context.SignOutAsync());
                app.MapPost("/account/log-out", (HttpContext context) => context.SignOutAsync());
                app.{|#0:MapPost|}("/blog/output", (string text) => text);
            }
        }
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/blog/output\")'", "POST", AddRequireAuthorization));

    [Fact]
    public Task AppServiceAuthenticationHeaders_DoNotTrigger() => VerifyProgramAsync(new[]
    {
        ProgramWithoutAuthorization,
        """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;

        public class NotesController : ControllerBase
        {
            [HttpPost]
            public IActionResult Create(string note)
            {
                var user = Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"].ToString();
                return Ok(user);
            }

            [HttpPost]
            public IActionResult {|#0:Import|}(string note)
            {
                var trace = Request.Headers["X-Request-Id"].ToString();
                return Ok(trace);
            }
        }

        public static class NoteEndpoints
        {
            public static void MapNotes(WebApplication app)
            {
                app.MapPost("/notes", (HttpRequest request, string note) => request.Headers["x-ms-client-principal-id"].ToString());
                app.MapPut("/notes/{id}", UpdateNote);
                app.{|#1:MapDelete|}("/notes/{id}", (HttpRequest request, int id) => request.Headers["x-correlation-id"].ToString());
            }

            private static string UpdateNote(HttpRequest request, int id) => request.Headers[$"X-MS-CLIENT-PRINCIPAL"].ToString();
        }
        """,
    },
    Expected(0, "Action 'NotesController.Import'", "POST"),
    Expected(1, "Endpoint 'MapDelete(\"/notes/{id}\")'", "DELETE", AddRequireAuthorization));

    [Fact]
    public Task AuthenticationGroupPrefix_DoesNotTrigger_OtherGroupsDo() => VerifyProgramAsync(new[]
    {
        """
        using Microsoft.AspNetCore.Builder;

        var app = WebApplication.Create(args);
        var register = app.MapGroup("/api/register");
        register.MapPost("/", (string email) => email);
        var reports = app.MapGroup("/api/reports");
        reports.{|#0:MapPost|}("/", (string report) => report);
        app.Run();
        """,
    },
    Expected(0, "Endpoint 'MapPost(\"/\")'", "POST", AddRequireAuthorization));

    private static Task VerifyFunctionsAsync(string source, bool aspNetCore, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        if (!aspNetCore)
        {
            test.TestState.AdditionalReferences.AddRange(TestReferences.FunctionsWorker);
        }

        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    private const string FunctionKey = "require a function key (AuthorizationLevel.Function) or sign callers in with App Service authentication and read the caller";

    [Fact]
    public Task FunctionsAnonymousStateChangingTriggers_WithoutCaller_Trigger() => VerifyFunctionsAsync("""
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Http;

        public class Orders
        {
            [Function("CreateOrder")]
            public async Task<HttpResponseData> Create([{|#0:HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders")|}] HttpRequestData req)
            {
                var body = await req.ReadAsStringAsync();
                return req.CreateResponse();
            }

            [Function("ReplaceOrder")]
            public HttpResponseData Replace([{|#1:HttpTrigger(AuthorizationLevel.Anonymous, "put", "delete", Route = "orders/{id}")|}] HttpRequestData req, string id)
                => req.CreateResponse();

            [Function("KeyProtected")]
            public HttpResponseData ByKey([HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData req) => req.CreateResponse();

            [Function("DefaultLevel")]
            public HttpResponseData ByDefault([HttpTrigger("post")] HttpRequestData req) => req.CreateResponse();

            [Function("AdminOnly")]
            public HttpResponseData ByAdmin([HttpTrigger(AuthorizationLevel.Admin, "delete")] HttpRequestData req) => req.CreateResponse();

            [Function("ListOrders")]
            public HttpResponseData List([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req) => req.CreateResponse();

            // No method named: every verb, reads included; not judged.
            [Function("AnyVerb")]
            public HttpResponseData Any([HttpTrigger(AuthorizationLevel.Anonymous)] HttpRequestData req) => req.CreateResponse();

            [Function("UpdateOrder")]
            public HttpResponseData Update([HttpTrigger(AuthorizationLevel.Anonymous, "patch")] HttpRequestData req)
                => req.Identities.Any(i => i.IsAuthenticated) ? req.CreateResponse() : req.CreateResponse(System.Net.HttpStatusCode.Unauthorized);

            [Function("CancelOrder")]
            public HttpResponseData Cancel([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequestData req)
                => req.Headers.Contains("X-MS-CLIENT-PRINCIPAL-ID") ? req.CreateResponse() : req.CreateResponse(System.Net.HttpStatusCode.Unauthorized);

            // No [Function]: no trigger at all.
            public HttpResponseData Helper([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequestData req) => req.CreateResponse();
        }
        """,
        aspNetCore: false,
        Expected(0, "Function 'CreateOrder'", "POST", FunctionKey),
        Expected(1, "Function 'ReplaceOrder'", "PUT, DELETE", FunctionKey));

    [Fact]
    public Task FunctionsAspNetCoreIntegration_ReadingTheCaller_DoesNotTrigger() => VerifyFunctionsAsync("""
        using System.Security.Claims;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Functions.Worker;

        public class Items
        {
            [Function("AddItem")]
            public IActionResult Add([{|#0:HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items")|}] HttpRequest req) => new OkResult();

            [Function("RemoveItem")]
            public IActionResult Remove([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "items/{id}")] HttpRequest req, string id)
                => req.HttpContext.User.Identity?.IsAuthenticated == true ? new OkResult() : new UnauthorizedResult();

            [Function("RenameItem")]
            public IActionResult Rename([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "items/{id}")] HttpRequest req, ClaimsPrincipal principal, string id)
                => new OkResult();

            [Function("TagItem")]
            public IActionResult Tag([HttpTrigger(AuthorizationLevel.Function, "post", Route = "items/{id}/tags")] HttpRequest req, string id) => new OkResult();
        }
        """,
        aspNetCore: true,
        Expected(0, "Function 'AddItem'", "POST", FunctionKey));

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => VerifyProgramAsync(new[]
    {
        """
        // <auto-generated/>
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;

        public class GeneratedController : ControllerBase
        {
            [HttpPost]
            public IActionResult Create() => Ok();
        }

        public static class GeneratedEndpoints
        {
            public static void Map(WebApplication app) => app.MapPost("/generated", () => 1);
        }
        """,
        ProgramWithoutAuthorization,
    });

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = """
            class OrdersController
            {
                public void Post() { }
            }
            """,
        NetCoreOnly = true,
    }.RunAsync();

    [Fact]
    public Task PartialCodeWhileTyping_DoesNotCrash() => new Verify.Test
    {
        // The half-typed action is still a POST action without authorization.
        ExpectedDiagnostics = { Expected(0, "Action 'OrdersController.Create'", "POST") },
        TestCode = """
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Mvc;

            public class OrdersController : ControllerBase
            {
                [HttpPost(
                public IActionResult {|#0:Create|}(
            }

            static class P
            {
                static void M(WebApplication app)
                {
                    app.MapPost("/x", 
                    app.MapGroup(
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}

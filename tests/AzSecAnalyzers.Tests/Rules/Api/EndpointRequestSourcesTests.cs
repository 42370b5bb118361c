using Microsoft.CodeAnalysis.Testing;
using MassAssignment = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.MassAssignmentAnalyzer>;
using Ssrf = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ServerSideRequestForgeryAnalyzer>;
using Ownership = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ObjectWithoutOwnershipCheckAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

/// <summary>
/// The shared endpoint model behind the data-flow rules: method-group handlers in any file, <c>[AsParameters]</c> objects and
/// Azure Functions HTTP triggers are request sources like lambda parameters (AZSEC404 and AZSEC406 as witnesses).
/// </summary>
public class EndpointRequestSourcesTests
{
    private const string Model = """
        using System;
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        public class Order
        {
            public int Id { get; set; }
            public decimal Price { get; set; }
        }

        public class ShopDb : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        """;

    private const string Program = """
        using Microsoft.AspNetCore.Builder;

        public static class Routes
        {
            public static void Map(WebApplication app)
            {
                var orders = app.MapGroup("/orders");
                orders.MapPut("/{id}", OrderHandlers.UpdateItem);
                orders.MapPost("/", new InstanceHandlers().Create);
            }
        }
        """;

    private static DiagnosticResult MassAssignmentAt(int sink, int source, string api, string origin)
        => MassAssignment.Diagnostic(Descriptors.AZSEC404_MassAssignment).WithLocation(sink).WithLocation(source).WithArguments(api, "Order", origin);

    private static DiagnosticResult SsrfAt(int sink, int source, string api, string origin)
        => Ssrf.Diagnostic(Descriptors.AZSEC406_ServerSideRequestForgery).WithLocation(sink).WithLocation(source).WithArguments(api, origin);

    // ---- Method groups ------------------------------------------------------------------------

    [Fact]
    public Task MethodGroupHandlers_InAnotherFile_BodyEntityToUpdate_Trigger() => new MassAssignment.Test
    {
        TestState =
        {
            Sources =
            {
                Program,
                Model + """
                public static class OrderHandlers
                {
                    public static async Task<IResult> UpdateItem(int id, Order {|#1:order|}, ShopDb db, HttpContext context)
                    {
                        db.Orders.Update({|#0:order|});
                        await db.SaveChangesAsync(context.RequestAborted);
                        return Results.NoContent();
                    }
                }

                public class InstanceHandlers
                {
                    public async Task<IResult> Create(Order {|#3:order|}, ShopDb db)
                    {
                        var existing = await db.Orders.FindAsync(order.Id);
                        db.Entry(existing!).CurrentValues.SetValues({|#2:order|});
                        await db.SaveChangesAsync();
                        return Results.Ok();
                    }
                }

                // Look-alikes: a method of the same name in another class that no route maps, and a service parameter.
                public static class Unmapped
                {
                    public static void UpdateItem(int id, Order order, ShopDb db) => db.Orders.Update(order);
                }
                """,
            },
            ExpectedDiagnostics =
            {
                MassAssignmentAt(0, 1, "'DbSet.Update'", "request body parameter 'order'"),
                MassAssignmentAt(2, 3, "'PropertyValues.SetValues'", "request body parameter 'order'"),
            },
        },
    }.RunAsync();

    [Fact]
    public Task MethodGroupHandler_LocalFunction_QueryToHttpClient_Triggers() => Ssrf.VerifyAnalyzerAsync(Model + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/fetch/{host}", Fetch);

                static Task<string> Fetch(string {|#1:host|}, string path, HttpClient client) => client.GetStringAsync({|#0:$"https://{host}/"|});
            }

            // Not mapped anywhere: its parameters are no request input.
            public static Task<string> NotMapped(string host, HttpClient client) => client.GetStringAsync($"https://{host}/");
        }
        """,
        SsrfAt(0, 1, "'HttpClient.GetStringAsync'", "route parameter 'host'"));

    [Fact]
    public Task MethodGroupHandler_FromServicesAndHttpContext_AreNoRequestInput() => Ssrf.VerifyAnalyzerAsync(Model + """
        public class Settings { public string Upstream { get; set; } = ""; }

        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/relay", Relay);

            static Task<string> Relay([FromServices] Settings settings, HttpContext context, System.Threading.CancellationToken token, HttpClient client)
                => client.GetStringAsync(settings.Upstream + context.TraceIdentifier, token);
        }
        """);

    // ---- [AsParameters] -------------------------------------------------------------------------

    [Fact]
    public Task AsParameters_BodyMember_ToUpdate_Triggers_ServiceMember_DoesNot() => MassAssignment.VerifyAnalyzerAsync(Model + """
        public record struct UpdateOrder(int Id, Order Order, ShopDb Db, [FromServices] Order Template);

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPut("/orders/{id}", UpdateOrderAsync);
                app.MapPost("/orders", ([AsParameters] UpdateOrder request) => request.Db.Orders.Add(request.Template));
            }

            static async Task UpdateOrderAsync([AsParameters] UpdateOrder request)
            {
                request.Db.Orders.Update({|#0:{|#1:request.Order|}|});
                await request.Db.SaveChangesAsync();
            }
        }
        """,
        MassAssignmentAt(0, 1, "'DbSet.Update'", "request body parameter 'request.Order'"));

    [Fact]
    public Task AsParameters_QueryMember_ToHttpClient_Triggers_OptionsMember_DoesNot() => Ssrf.VerifyAnalyzerAsync(Model + """
        public class Upstream { public string BaseUrl { get; set; } = ""; }

        public class FetchArgs
        {
            public string Url { get; set; } = "";
            public HttpClient Client { get; set; } = null!;
            public Microsoft.Extensions.Options.IOptions<Upstream> Options { get; set; } = null!;
        }

        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/fetch", ([AsParameters] FetchArgs args) => args.Client.GetStringAsync({|#0:{|#1:args.Url|}|}));
                app.MapGet("/upstream", ([AsParameters] FetchArgs args) => args.Client.GetStringAsync(args.Options.Value.BaseUrl));
            }
        }
        """,
        SsrfAt(0, 1, "'HttpClient.GetStringAsync'", "query parameter 'args.Url'"));

    // ---- Azure Functions HTTP triggers -----------------------------------------------------------

    private const string FunctionsUsings = """
        using System.Net.Http;
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Http;
        using Microsoft.EntityFrameworkCore;

        public class Order
        {
            public int Id { get; set; }
            public decimal Price { get; set; }
        }

        public class ShopDb : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        """;

    [Theory]
    [InlineData("Anonymous")]
    [InlineData("User")]
    [InlineData("Function")]
    [InlineData("System")]
    [InlineData("Admin")]
    public Task FunctionsTrigger_QueryRouteAndBody_AreSources_AtEveryAuthorizationLevel(string level) => Ssrf.VerifyAnalyzerAsync(FunctionsUsings + $$"""
        public class Proxy
        {
            private readonly HttpClient _client = new();

            [Function("Proxy")]
            public async Task<HttpResponseData> Run(
                [HttpTrigger(AuthorizationLevel.{{level}}, "get", Route = "proxy/{host}")] HttpRequestData req, string {|#1:host|}, FunctionContext context)
            {
                await _client.GetStringAsync({|#0:$"https://{host}/status"|});
                await _client.GetStringAsync({|#2:{|#3:req.Query|}["next"]|});
                var body = await {|#5:req.ReadAsStringAsync()|};
                await _client.GetStringAsync({|#4:body|}!);
                await _client.GetStringAsync(context.FunctionId);
                return req.CreateResponse();
            }
        }
        """,
        SsrfAt(0, 1, "'HttpClient.GetStringAsync'", "route parameter 'host'"),
        SsrfAt(2, 3, "'HttpClient.GetStringAsync'", "'HttpRequestData.Query'"),
        SsrfAt(4, 5, "'HttpClient.GetStringAsync'", "'HttpRequestData.ReadAsStringAsync'"));

    [Fact]
    public Task FunctionsTrigger_ReadFromJsonAsync_EntityToUpdate_Triggers() => MassAssignment.VerifyAnalyzerAsync(FunctionsUsings + """
        public class Orders
        {
            private readonly ShopDb _db = null!;

            [Function("UpdateOrder")]
            public async Task<HttpResponseData> Update([HttpTrigger(AuthorizationLevel.Function, "put", Route = "orders/{id}")] HttpRequestData req, int id)
            {
                var order = await {|#1:req.ReadFromJsonAsync<Order>()|};
                _db.Orders.Update({|#0:order|}!);
                await _db.SaveChangesAsync();
                return req.CreateResponse();
            }
        }
        """,
        MassAssignmentAt(0, 1, "'DbSet.Update'", "'HttpRequestData.ReadFromJsonAsync'"));

    [Fact]
    public Task FunctionLookAlikes_NoFunctionAttribute_AndNonHttpInputs_DoNotTrigger() => Ssrf.VerifyAnalyzerAsync(FunctionsUsings + """
        public class NotFunctions
        {
            private readonly HttpClient _client = new();

            // No [Function]: an ordinary method whose string parameter is no route value.
            public Task<string> Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "x/{host}")] HttpRequestData req, string host)
                => _client.GetStringAsync($"https://{host}/");

            [Function("Clean")]
            public async Task<HttpResponseData> Clean([HttpTrigger(AuthorizationLevel.Anonymous, "get")] HttpRequestData req, FunctionContext context)
            {
                await _client.GetStringAsync(req.FunctionContext.InvocationId);
                return req.CreateResponse();
            }
        }
        """);

    [Theory]
    [InlineData("Anonymous", true)]
    [InlineData("User", true)]
    [InlineData("Function", true)]
    [InlineData("System", false)]
    [InlineData("Admin", false)]
    public Task FunctionsTrigger_RouteIdToFind_WithoutCaller_IsAzsec402_ExceptMasterKeyLevels(string level, bool reported) => Ownership.VerifyAnalyzerAsync(FunctionsUsings + $$"""
        public class Orders
        {
            private readonly ShopDb _db = null!;

            [Function("GetOrder")]
            public async Task<HttpResponseData> Get([HttpTrigger(AuthorizationLevel.{{level}}, "get", Route = "orders/{id}")] HttpRequestData req, int id)
            {
                var order = await _db.Orders.{|#0:FindAsync|}(id);
                var response = req.CreateResponse();
                await response.WriteAsJsonAsync(order);
                return response;
            }
        }
        """,
        reported
            ? new[] { Ownership.Diagnostic(Descriptors.AZSEC402_ObjectWithoutOwnershipCheck).WithLocation(0).WithArguments("Function 'GetOrder'", "id", "'DbSet.FindAsync'") }
            : Array.Empty<DiagnosticResult>());

    [Fact]
    public Task FunctionsTrigger_ReadingTheCaller_IsNoAzsec402() => Ownership.VerifyAnalyzerAsync(FunctionsUsings + """
        public class Orders
        {
            private readonly ShopDb _db = null!;

            [Function("ByIdentity")]
            public async Task<HttpResponseData> ByIdentity([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "a/{id}")] HttpRequestData req, int id)
            {
                if (!System.Linq.Enumerable.Any(req.Identities)) return req.CreateResponse(System.Net.HttpStatusCode.Unauthorized);
                await _db.Orders.FindAsync(id);
                return req.CreateResponse();
            }

            [Function("ByEasyAuth")]
            public async Task<HttpResponseData> ByEasyAuth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "b/{id}")] HttpRequestData req, int id)
            {
                if (!req.Headers.Contains("X-MS-CLIENT-PRINCIPAL-ID")) return req.CreateResponse(System.Net.HttpStatusCode.Unauthorized);
                await _db.Orders.FindAsync(id);
                return req.CreateResponse();
            }

            // Not a function: a repository-like method with an id.
            public System.Threading.Tasks.ValueTask<Order?> Load(int id) => _db.Orders.FindAsync(id);
        }
        """);
}

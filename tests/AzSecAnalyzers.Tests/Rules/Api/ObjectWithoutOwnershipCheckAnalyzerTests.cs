using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ObjectWithoutOwnershipCheckAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class ObjectWithoutOwnershipCheckAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string name, string parameter, string api)
        => Verify.Diagnostic(Descriptors.AZSEC402_ObjectWithoutOwnershipCheck).WithLocation(location).WithArguments(name, parameter, api);

    private const string Model = """
        using Microsoft.EntityFrameworkCore;

        public class Order
        {
            public int Id { get; set; }
            public string Owner { get; set; } = "";
        }

        public class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options)
        {
            public DbSet<Order> Orders => Set<Order>();
        }
        """;

    [Fact]
    public Task DataAccessByClientId_WithoutCallerCheck_Triggers() => new Verify.Test
    {
        TestState =
        {
            Sources =
            {
                Model,
                """
                using System.Linq;
                using System.Threading.Tasks;
                using Azure.Data.Tables;
                using Azure.Storage.Blobs;
                using Microsoft.AspNetCore.Mvc;
                using Microsoft.Azure.Cosmos;
                using Microsoft.EntityFrameworkCore;

                [ApiController]
                [Route("api/orders")]
                public class OrdersController(ShopContext db, Container container, TableClient table, BlobContainerClient blobs) : ControllerBase
                {
                    [HttpGet("{id}")]
                    public async Task<IActionResult> Get(int id) => Ok(await db.Orders.{|#0:FindAsync|}(id));

                    [HttpGet("by-owner/{orderId}")]
                    public async Task<IActionResult> ByQuery(int orderId) => Ok(await db.Orders.{|#1:FirstOrDefaultAsync|}(o => o.Id == orderId));

                    [HttpDelete("cosmos/{id}")]
                    public async Task<IActionResult> Delete(string id) => Ok(await container.{|#2:DeleteItemAsync<Order>|}(id, new PartitionKey(id)));

                    [HttpGet("table/{customerId}")]
                    public async Task<IActionResult> Entity(string customerId) => Ok(await table.{|#3:GetEntityAsync<TableEntity>|}("customers", customerId));

                    [HttpGet("receipt/{id}")]
                    public IActionResult Receipt(System.Guid id) => Ok(blobs.{|#4:GetBlobClient|}($"{id}.json").Uri);
                }
                """,
            },
        },
        ExpectedDiagnostics =
        {
            Expected(0, "Action 'OrdersController.Get'", "id", "'DbSet.FindAsync'"),
            Expected(1, "Action 'OrdersController.ByQuery'", "orderId", "'FirstOrDefaultAsync'"),
            Expected(2, "Action 'OrdersController.Delete'", "id", "'Container.DeleteItemAsync'"),
            Expected(3, "Action 'OrdersController.Entity'", "customerId", "'TableClient.GetEntityAsync'"),
            Expected(4, "Action 'OrdersController.Receipt'", "id", "'BlobContainerClient.GetBlobClient'"),
        },
    }.RunAsync();

    [Fact]
    public Task MinimalApi_WithoutCallerCheck_Triggers()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    Model,
                    """
                    using Microsoft.AspNetCore.Builder;

                    var app = WebApplication.Create(args);
                    app.MapGet("/orders/{id}", async (int id, ShopContext db) => await db.Orders.{|#0:FindAsync|}(id));
                    app.MapGet("/public/{id}", async (int id, ShopContext db) => await db.Orders.FindAsync(id)).AllowAnonymous();
                    app.Run();
                    """,
                },
            },
            ExpectedDiagnostics = { Expected(0, "Endpoint 'MapGet(\"/orders/{id}\")'", "id", "'DbSet.FindAsync'") },
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task CallerChecked_OrNoClientId_DoesNotTrigger()
    {
        var test = new Verify.Test
        {
            TestState =
            {
                Sources =
                {
                    Model,
                    """
                    using System.Linq;
                    using System.Security.Claims;
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Authorization;
                    using Microsoft.AspNetCore.Builder;
                    using Microsoft.AspNetCore.Mvc;
                    using Microsoft.EntityFrameworkCore;

                    var app = WebApplication.Create(args);
                    app.MapGet("/orders/{id}", async (int id, ClaimsPrincipal user, ShopContext db) =>
                        await db.Orders.FirstOrDefaultAsync(o => o.Id == id && o.Owner == user.Identity!.Name));
                    app.Run();

                    public class OrdersController(ShopContext db, IAuthorizationService authorization) : ControllerBase
                    {
                        [HttpGet("{id}")]
                        public async Task<IActionResult> Mine(int id)
                        {
                            var order = await db.Orders.FindAsync(id);
                            return order is not null && order.Owner == User.Identity?.Name ? Ok(order) : NotFound();
                        }

                        [HttpGet("checked/{id}")]
                        public async Task<IActionResult> Checked(int id)
                        {
                            var order = await db.Orders.FindAsync(id);
                            var result = await authorization.AuthorizeAsync(HttpContext.User, order, "Owner");
                            return result.Succeeded ? Ok(order) : Forbid();
                        }

                        [HttpGet]
                        public IActionResult All(int page) => Ok(db.Orders.Skip(page * 10).Take(10).ToList());

                        [HttpGet("catalog/{id}"), AllowAnonymous]
                        public async Task<IActionResult> Catalog(int id) => Ok(await db.Orders.FindAsync(id));
                    }

                    public class Repository(ShopContext db)
                    {
                        public ValueTask<Order?> Get(int id) => db.Orders.FindAsync(id);
                    }
                    """,
                },
            },
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class OrdersController { public object Get(int id) => id; }",
        NetCoreOnly = true,
    }.RunAsync();
}

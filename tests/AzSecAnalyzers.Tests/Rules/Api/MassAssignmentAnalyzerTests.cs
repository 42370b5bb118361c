using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.MassAssignmentAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class MassAssignmentAnalyzerTests
{
    private const string Prelude = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Azure;
        using Azure.Data.Tables;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Cosmos;
        using Microsoft.EntityFrameworkCore;

        public class Order
        {
            public int Id { get; set; }
            public string Owner { get; set; } = "";
            public decimal Price { get; set; }
            public string Note { get; set; } = "";
        }

        public class OrderDto
        {
            public string Note { get; set; } = "";
        }

        public class ShopDb : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
        }

        public class Profile : ITableEntity
        {
            public string PartitionKey { get; set; } = "";
            public string RowKey { get; set; } = "";
            public DateTimeOffset? Timestamp { get; set; }
            public ETag ETag { get; set; }
            public bool IsAdmin { get; set; }
        }

        """;

    private static DiagnosticResult Expected(int sink, int source, string api, string type, string origin)
        => Verify.Diagnostic(Descriptors.AZSEC404_MassAssignment).WithLocation(sink).WithLocation(source).WithArguments(api, type, origin);

    // ---- Positives --------------------------------------------------------------------------

    [Fact]
    public Task ApiController_BodyEntity_DbSetAddAndContextUpdate_Trigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        [ApiController, Route("orders")]
        public class OrdersController : ControllerBase
        {
            private readonly ShopDb _db;

            public OrdersController(ShopDb db) => _db = db;

            [HttpPost]
            public async Task<IActionResult> Create(Order {|#1:order|})
            {
                _db.Orders.Add({|#0:order|});
                await _db.SaveChangesAsync();
                return Ok();
            }

            [HttpPut("{id}")]
            public async Task<IActionResult> Replace(int id, [FromBody] Order {|#3:order|})
            {
                var entity = order;
                _db.Update({|#2:entity|});
                await _db.SaveChangesAsync();
                return NoContent();
            }
        }
        """,
        Expected(0, 1, "'DbSet.Add'", "Order", "request body parameter 'order'"),
        Expected(2, 3, "'DbContext.Update'", "Order", "request body parameter 'order'"));

    [Fact]
    public Task MinimalApi_BodyEntity_SetValuesAndAttach_Trigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPut("/orders/{id}", async (int id, Order {|#1:input|}, ShopDb db) =>
                {
                    var existing = await db.Orders.FindAsync(id);
                    if (existing is null) return Results.NotFound();
                    db.Entry(existing).CurrentValues.SetValues({|#0:input|});
                    await db.SaveChangesAsync();
                    return Results.NoContent();
                });
                app.MapPatch("/orders", (Order {|#3:order|}, ShopDb db) => db.Orders.Attach({|#2:order|}));
            }
        }
        """,
        Expected(0, 1, "'PropertyValues.SetValues'", "Order", "request body parameter 'input'"),
        Expected(2, 3, "'DbSet.Attach'", "Order", "request body parameter 'order'"));

    [Fact]
    public Task CosmosAndTables_BodyItem_Trigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        [ApiController]
        public class ProfilesController : ControllerBase
        {
            [HttpPut("profiles")]
            public async Task<IActionResult> Save(Profile {|#1:profile|}, [FromServices] TableClient table)
            {
                await table.UpsertEntityAsync({|#0:profile|});
                return Ok();
            }

            [HttpPost("orders")]
            public async Task<IActionResult> Store(Order {|#3:order|}, [FromServices] Container container)
            {
                await container.UpsertItemAsync({|#2:order|}, new PartitionKey(order.Owner));
                return Ok();
            }
        }
        """,
        Expected(0, 1, "'TableClient.UpsertEntityAsync'", "Profile", "request body parameter 'profile'"),
        Expected(2, 3, "'Container.UpsertItemAsync'", "Order", "request body parameter 'order'"));

    [Fact]
    public Task MvcFormBinding_AndReadFromJson_Trigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        public class OrdersController : Controller
        {
            private readonly ShopDb _db;

            public OrdersController(ShopDb db) => _db = db;

            [HttpPost]
            public IActionResult Edit(Order {|#1:order|})
            {
                _db.Orders.Update({|#0:order|});
                _db.SaveChanges();
                return RedirectToAction("Index");
            }

            [HttpPost("raw")]
            public async Task<IActionResult> Raw()
            {
                var order = await {|#3:Request.ReadFromJsonAsync<Order>()|};
                await _db.AddAsync({|#2:order|}!);
                return Ok();
            }
        }
        """,
        Expected(0, 1, "'DbSet.Update'", "Order", "request parameter 'order'"),
        Expected(2, 3, "'DbContext.AddAsync'", "Order", "'HttpRequest.ReadFromJsonAsync'"));

    // ---- Negatives ----------------------------------------------------------------------------

    [Fact]
    public Task DtoMappedToNewOrLoadedEntity_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        [ApiController]
        public class OrdersController : ControllerBase
        {
            private readonly ShopDb _db;

            public OrdersController(ShopDb db) => _db = db;

            [HttpPost("a")]
            public IActionResult A(OrderDto dto)
            {
                var order = new Order { Note = dto.Note, Owner = User.Identity!.Name! };
                _db.Orders.Add(order);
                return Ok();
            }

            [HttpPut("b/{id}")]
            public async Task<IActionResult> B(int id, OrderDto dto)
            {
                var existing = await _db.Orders.FindAsync(id);
                existing!.Note = dto.Note;
                _db.Update(existing);
                _db.Entry(existing).CurrentValues.SetValues(dto);
                await _db.SaveChangesAsync();
                return Ok();
            }

            [HttpPost("c")]
            public IActionResult C(OrderDto dto)
            {
                _db.Orders.Add(ToEntity(dto));
                return Ok();
            }

            private static Order ToEntity(OrderDto dto) => new() { Note = dto.Note };
        }
        """);

    [Fact]
    public Task BindIncludeList_ServicesAndNonEndpoints_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        public class OrdersController : Controller
        {
            private readonly ShopDb _db;

            public OrdersController(ShopDb db) => _db = db;

            [HttpPost]
            public IActionResult Edit([Bind("Note")] Order order)
            {
                _db.Orders.Update(order);
                return Ok();
            }

            [HttpPost("seed")]
            public IActionResult Seed([FromServices] Order template)
            {
                _db.Orders.Add(template);
                return Ok();
            }
        }

        public class OrderRepository
        {
            private readonly ShopDb _db;

            public OrderRepository(ShopDb db) => _db = db;

            public void Save(Order order) => _db.Orders.Add(order);
        }
        """);

    [Fact]
    public Task UserTypesWithSameMethodNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Prelude + """
        public class Cart
        {
            public void Add(Order entity) { }
            public void Update(Order entity) { }
        }

        [ApiController]
        public class CartController : ControllerBase
        {
            [HttpPost("cart")]
            public IActionResult Add(Order order, [FromServices] Cart cart)
            {
                cart.Add(order);
                cart.Update(order);
                return Ok();
            }
        }
        """);

    // ---- Edge cases ------------------------------------------------------------------------------

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = Prelude + """
            [ApiController]
            public class OrdersController : ControllerBase
            {
                [HttpPost]
                public IActionResult Create(Order order, [FromServices] ShopDb db)
                {
                    db.Orders.Add(
                    db.Entry().CurrentValues.SetValues();
                    db.AddRange(order, );
                }
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}

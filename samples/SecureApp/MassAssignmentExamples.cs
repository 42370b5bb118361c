using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace SecureApp;

public sealed class Customer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsAdmin { get; set; }
    public decimal CreditLimit { get; set; }
}

/// <summary>Only the fields a client may set.</summary>
public sealed record NewCustomer(string Name);

public sealed class CrmDb(DbContextOptions<CrmDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
}

/// <summary>AZSEC404 done right: bind a DTO and map its fields onto a new entity.</summary>
[ApiController]
[Authorize]
[Route("api/customers")]
public sealed class CustomersController(CrmDb db) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Create(NewCustomer input)
    {
        db.Customers.Add(new Customer { Name = input.Name });
        await db.SaveChangesAsync();
        return Ok();
    }
}

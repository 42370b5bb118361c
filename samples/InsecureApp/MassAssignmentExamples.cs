using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace InsecureApp;

public sealed class Customer
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public bool IsAdmin { get; set; }
    public decimal CreditLimit { get; set; }
}

public sealed class CrmDb(DbContextOptions<CrmDb> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();
}

/// <summary>AZSEC404: the client posts the whole entity, IsAdmin and CreditLimit included.</summary>
[ApiController]
[Authorize]
[Route("api/customers")]
public sealed class CustomersController(CrmDb db) : ControllerBase
{
    [HttpPost]
    public async Task<IActionResult> Create(Customer customer)
    {
        db.Customers.Add(customer); // AZSEC404
        await db.SaveChangesAsync();
        return Ok();
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace InsecureApp;

/// <summary>AZSEC405: a catalog search a single caller can make arbitrarily expensive.</summary>
[ApiController]
[Authorize]
[Route("api/catalog")]
[DisableRequestSizeLimit] // AZSEC405: no request body size limit for any action
public sealed class CatalogController : ControllerBase
{
    private static readonly List<string> Products = new() { "AB-12", "CD-34", "EF-56" };

    // Nested quantifier and no match timeout: catastrophic backtracking on a crafted sku.
    private static readonly Regex SkuFormat = new(@"^([A-Z0-9]+-?)*$");

    [HttpGet("search")]
    public IActionResult Search(string sku, int pageSize)
    {
        if (!SkuFormat.IsMatch(sku)) // AZSEC405: request input, no timeout
        {
            return BadRequest();
        }

        return Ok(Products.Take(pageSize)); // AZSEC405: page size with no upper bound
    }
}

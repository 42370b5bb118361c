using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace SecureApp;

/// <summary>AZSEC405 done right: a finite body limit, a regex timeout, a clamped page size.</summary>
[ApiController]
[Authorize]
[Route("api/catalog")]
[RequestSizeLimit(1_000_000)]
public sealed class CatalogController : ControllerBase
{
    private static readonly List<string> Products = new() { "AB-12", "CD-34", "EF-56" };

    private static readonly Regex SkuFormat = new(@"^([A-Z0-9]+-?)*$", RegexOptions.None, TimeSpan.FromSeconds(1));

    [HttpGet("search")]
    public IActionResult Search(string sku, int pageSize)
    {
        if (!SkuFormat.IsMatch(sku))
        {
            return BadRequest();
        }

        return Ok(Products.Take(Math.Clamp(pageSize, 1, 100)));
    }
}

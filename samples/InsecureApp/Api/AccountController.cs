using System;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Mvc;

namespace InsecureApp.Api;

// OWASP API Top 10 mistakes in a controller: no authorization on state changes (AZSEC401), receipts
// fetched by any id without an ownership check (AZSEC402), a log-in without rate limiting (AZSEC412).
[ApiController]
[Route("api/account")]
public class AccountController(BlobServiceClient blobs) : ControllerBase
{
    [HttpPost("login")]
    public IActionResult Login(string user, string password) => Ok();

    [HttpGet("receipts/{id}")]
    public async Task<IActionResult> Receipt(Guid id)
    {
        var blob = blobs.GetBlobContainerClient("receipts").GetBlobClient($"{id}.json");
        var content = await blob.DownloadContentAsync();
        return Content(content.Value.Content.ToString(), "application/json");
    }

    [HttpDelete("receipts/{id}")]
    public async Task<IActionResult> DeleteReceipt(Guid id)
    {
        await blobs.GetBlobContainerClient("receipts").DeleteBlobIfExistsAsync($"{id}.json");
        return NoContent();
    }
}

using System;
using System.Security.Claims;
using System.Threading.Tasks;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace SecureApp.Api;

// The same controller done right: authorization everywhere, receipts scoped to the caller, a rate-limited log-in.
[ApiController]
[Authorize]
[Route("api/account")]
public class AccountController(BlobServiceClient blobs) : ControllerBase
{
    [HttpPost("login")]
    [AllowAnonymous]
    [EnableRateLimiting(ApiExamples.AuthenticationPolicy)]
    public IActionResult Login(string user, string password) => Ok();

    [HttpGet("receipts/{id}")]
    public async Task<IActionResult> Receipt(Guid id)
    {
        // Receipts live under the caller's own folder: another caller's id finds nothing.
        var owner = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException();
        var blob = blobs.GetBlobContainerClient("receipts").GetBlobClient($"{owner}/{id}.json");
        var content = await blob.DownloadContentAsync();
        return Content(content.Value.Content.ToString(), "application/json");
    }

    [HttpDelete("receipts/{id}")]
    public async Task<IActionResult> DeleteReceipt(Guid id)
    {
        var owner = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new UnauthorizedAccessException();
        await blobs.GetBlobContainerClient("receipts").DeleteBlobIfExistsAsync($"{owner}/{id}.json");
        return NoContent();
    }
}

using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace InsecureApp;

// Server-side request forgery (AZSEC406): a "link preview" endpoint fetches whatever URL the caller sends.
public static class SsrfExamples
{
    public static void MapLinkPreview(this WebApplication app)
    {
        // GET /preview?url=http://169.254.169.254/metadata/identity/oauth2/token?... reaches the instance metadata endpoint.
        app.MapGet("/preview", async (string url, IHttpClientFactory factory) =>
        {
            var client = factory.CreateClient();
            var html = await client.GetStringAsync(url);
            return Results.Text(html.Length > 200 ? html[..200] : html);
        });
    }
}

using System;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SecureApp;

// Outbound requests built from request input without handing the caller the host (AZSEC406 stays silent).
public static class SsrfExamples
{
    private static readonly HashSet<string> PreviewHosts = new(StringComparer.OrdinalIgnoreCase) { "learn.microsoft.com", "contoso.com" };

    public static void MapLinkPreview(this WebApplication app)
    {
        // The caller picks the URL, but only hosts on the allow-list are fetched.
        app.MapGet("/preview", async (string url, IHttpClientFactory factory) =>
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !PreviewHosts.Contains(uri.Host))
            {
                return Results.BadRequest();
            }

            var html = await factory.CreateClient().GetStringAsync(uri);
            return Results.Text(html.Length > 200 ? html[..200] : html);
        });

        // The caller picks only a path segment after a fixed host.
        app.MapGet("/docs/{slug}", async (string slug, IHttpClientFactory factory) =>
            Results.Text(await factory.CreateClient().GetStringAsync($"https://learn.microsoft.com/azure/{Uri.EscapeDataString(slug)}")));
    }
}

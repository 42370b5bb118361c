using System;
using System.Net.Http;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace SecureApp;

/// <summary>Clients for the invoice archive: HTTPS only, the operating system picks the TLS version.</summary>
public static class TransportExamples
{
    public static BlobServiceClient CreateArchiveClient()
        => new(new Uri("https://contosoarchive.blob.core.windows.net"), new DefaultAzureCredential());

    public static HttpClientHandler CreateScannerHandler() => new()
    {
        CheckCertificateRevocationList = true,
    };
}

using System;
using System.Net.Http;
using System.Security.Authentication;
using Azure.Identity;
using Azure.Storage.Blobs;

namespace InsecureApp;

/// <summary>Clients for the invoice archive, written years ago and never revisited.</summary>
public static class TransportExamples
{
    // AZSEC303: the archive account is reached over plain HTTP, bearer tokens included.
    public static BlobServiceClient CreateArchiveClient()
        => new(new Uri("http://contosoarchive.blob.core.windows.net"), new DefaultAzureCredential());

    // AZSEC302: TLS 1.1 is still allowed "for the old scanner"; AZSEC304: revocation explicitly off.
    public static HttpClientHandler CreateScannerHandler() => new()
    {
        SslProtocols = SslProtocols.Tls11 | SslProtocols.Tls12,
        CheckCertificateRevocationList = false,
    };
}

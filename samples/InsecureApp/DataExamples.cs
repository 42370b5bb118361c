using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Azure.Core.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace InsecureApp;

/// <summary>Product images and invoice exports, shared the quick way.</summary>
public static class DataExamples
{
    // AZSEC501: every product image is readable by anyone who guesses the URL.
    public static Task CreateImageContainerAsync(BlobContainerClient images)
        => images.CreateIfNotExistsAsync(PublicAccessType.Blob);

    // AZSEC502 (three times): a link to the whole export container, with every permission, valid for a year,
    // signed with the account key where a user delegation key would do.
    public static Uri ShareExports(BlobContainerClient exports)
        => exports.GenerateSasUri(BlobContainerSasPermissions.All, DateTimeOffset.UtcNow.AddYears(1));

    // AZSEC503: client-side encryption v1 (CVE-2022-30187).
    public static ClientSideEncryptionOptions InvoiceEncryption(IKeyEncryptionKey key)
        => new(ClientSideEncryptionVersion.V1_0) { KeyEncryptionKey = key, KeyWrapAlgorithm = "RSA-OAEP" };

    // AZSEC503: a 1024-bit signing key and ECB for the export checksum.
    public static RSA CreateExportSigningKey() => RSA.Create(1024);

    public static byte[] ScrambleExportId(byte[] key, byte[] id)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptEcb(id, PaddingMode.PKCS7);
    }
}

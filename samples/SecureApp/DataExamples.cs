using System;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Azure.Core.Cryptography;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;

namespace SecureApp;

/// <summary>Product images and invoice exports: private containers, short-lived user delegation SAS, current encryption.</summary>
public static class DataExamples
{
    public static Task CreateImageContainerAsync(BlobContainerClient images)
        => images.CreateIfNotExistsAsync(PublicAccessType.None);

    /// <summary>
    /// A read-only link to one export, valid for an hour, signed with a user delegation key: the service client
    /// authenticates with Microsoft Entra ID, so no account key is involved and the key can be revoked.
    /// </summary>
    public static async Task<Uri> ShareExportAsync(BlobServiceClient service, BlobClient export)
    {
        var expiresOn = DateTimeOffset.UtcNow.AddHours(1);
        var key = await service.GetUserDelegationKeyAsync(new BlobGetUserDelegationKeyOptions(expiresOn));
        var builder = new BlobSasBuilder(BlobSasPermissions.Read, expiresOn)
        {
            BlobContainerName = export.BlobContainerName,
            BlobName = export.Name,
            Resource = "b",
        };
        var sas = builder.ToSasQueryParameters(key.Value, service.AccountName);
        return new BlobUriBuilder(export.Uri) { Sas = sas }.ToUri();
    }

    public static ClientSideEncryptionOptions InvoiceEncryption(IKeyEncryptionKey key)
        => new(ClientSideEncryptionVersion.V2_0) { KeyEncryptionKey = key, KeyWrapAlgorithm = "RSA-OAEP" };

    public static RSA CreateExportSigningKey() => RSA.Create(3072);

    public static byte[] ProtectExportId(byte[] key, byte[] id)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        var ciphertext = new byte[id.Length];
        using var aes = new AesGcm(key, tag.Length);
        aes.Encrypt(nonce, id, ciphertext, tag);
        var result = new byte[nonce.Length + ciphertext.Length + tag.Length];
        nonce.CopyTo(result, 0);
        ciphertext.CopyTo(result, nonce.Length);
        tag.CopyTo(result, nonce.Length + ciphertext.Length);
        return result;
    }
}

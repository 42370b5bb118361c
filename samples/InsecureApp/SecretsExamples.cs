using System;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;

namespace InsecureApp;

// Secrets written into source code: every value below is invented, but shaped like the real thing.
public static class SecretsExamples
{
    // AZSEC101: a storage connection string with its account key.
    private const string ArchiveConnectionString =
        "DefaultEndpointsProtocol=https;AccountName=contosoarchive;AccountKey=UvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGA==;EndpointSuffix=core.windows.net";

    // AZSEC103: a credential-named field holding a weak password.
    private const string ReportingPassword = "changeme";

    public static BlobServiceClient CreateArchiveClient() => new(ArchiveConnectionString);

    public static StorageSharedKeyCredential CreateExportCredential()
    {
        // AZSEC102: a literal (through a local) reaches the account key parameter.
        var exportKey = "export-account-key-2024";
        return new StorageSharedKeyCredential("contosoexport", exportKey);
    }

    public static ClientSecretCredential CreateCarrierCredential()
        => new("contoso.onmicrosoft.com", "5c8a2b4e-0d1f-4a7b-9e3c-6f2d1a0b9c8e", ReportingPassword + "-carrier");

    public static int PasswordLength() => ReportingPassword.Length + Environment.ProcessorCount;
}

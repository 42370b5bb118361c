namespace AzSecAnalyzers.Infrastructure.Secrets;

/// <summary>Options for <see cref="SecretScanner"/>.</summary>
[Flags]
internal enum SecretScanOptions
{
    None = 0,

    /// <summary>
    /// The caller knows a key is expected here (a parameter or symbol named like a key): a bare base64
    /// string of 64 or 32 random bytes then counts as an account or shared access key.
    /// </summary>
    KeyExpected = 1,

    /// <summary>
    /// Database passwords count for a server on this machine or a local container too (<c>Server=localhost;User ID=sa;Password=…</c>):
    /// a committed password is reused and copied. Values only an emulator publishes stay clean.
    /// </summary>
    LocalServerPasswords = 2,
}

/// <summary>A secret found in a string: its kind and where it is. Never carries the secret itself.</summary>
internal readonly struct SecretMatch
{
    public SecretMatch(SecretShape shape, string kindId, string kindName, int offset, int length, string preview)
    {
        Shape = shape;
        KindId = kindId;
        KindName = kindName;
        Offset = offset;
        Length = length;
        Preview = preview;
    }

    /// <summary>The table row that recognised it.</summary>
    public SecretShape Shape { get; }

    /// <summary>The precise kind (for identifiable keys, the format), e.g. <c>StorageAccountKey</c>.</summary>
    public string KindId { get; }

    /// <summary>What it is, for messages, e.g. <c>Azure Storage account key</c>.</summary>
    public string KindName { get; }

    /// <summary>Offset of the secret value in the scanned text.</summary>
    public int Offset { get; }

    public int Length { get; }

    /// <summary>At most a few characters, e.g. <c>AccountKey=Eby8…</c>; safe to show.</summary>
    public string Preview { get; }

    public int End => Offset + Length;
}

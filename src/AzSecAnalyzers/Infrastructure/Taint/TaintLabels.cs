namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>
/// The taint lattice: a small bit set, joined with OR. The low bits say how much of a value untrusted data
/// controls (its <em>shape</em>); the middle bits say where the data came from (its <em>kind</em>), so one
/// spec can tell a request value from a message body or a secret. A value is tainted when any shape bit
/// is set; a sanitizer clears every bit.
/// </summary>
[Flags]
internal enum TaintLabels : uint
{
    None = 0,

    // ---- Shapes ----------------------------------------------------------------------------

    /// <summary>Untrusted content that may control the whole value, its start included (a whole URL, a host, query text).</summary>
    Full = 1 << 0,

    /// <summary>
    /// Untrusted content that only follows a constant prefix the spec calls pinning
    /// (<see cref="TaintSpec.IsPinningPrefix"/>): e.g. a path segment after <c>https://host/</c>.
    /// </summary>
    AfterPrefix = 1 << 1,

    /// <summary>Untrusted data converted to a scalar type (number, Guid, bool, enum, date): it cannot carry text.</summary>
    Typed = 1 << 2,

    /// <summary>Every shape bit.</summary>
    Shapes = Full | AfterPrefix | Typed,

    /// <summary>Not taint: the (possibly clean) text value starts with a constant pinning prefix. Set by the engine.</summary>
    PinnedPrefix = 1 << 3,

    // ---- Kinds (where the data came from) -----------------------------------------------------

    /// <summary>HTTP request input: a bound endpoint parameter, <c>HttpRequest.Query</c>/<c>Form</c>/<c>Headers</c>/….</summary>
    Request = 1 << 8,

    /// <summary>A message body received from Service Bus, Event Hubs, a Storage queue or a function trigger.</summary>
    Message = 1 << 9,

    /// <summary>A secret: a Key Vault secret, an access token, a connection string (AZSEC105).</summary>
    Secret = 1 << 10,

    /// <summary>Text whose value is not a compile-time constant, whatever its origin (AZSEC410).</summary>
    NonConstant = 1 << 11,

    /// <summary>Free for one rule's own meaning (e.g. a page size for AZSEC405).</summary>
    Custom1 = 1 << 12,

    /// <summary>Free for one rule's own meaning.</summary>
    Custom2 = 1 << 13,

    /// <summary>Free for one rule's own meaning.</summary>
    Custom3 = 1 << 14,

    /// <summary>Free for one rule's own meaning.</summary>
    Custom4 = 1 << 15,

    /// <summary>Every kind bit a spec may use.</summary>
    Kinds = Request | Message | Secret | NonConstant | Custom1 | Custom2 | Custom3 | Custom4,

    // ---- Engine-internal ---------------------------------------------------------------------

    /// <summary>Engine-internal (method summaries): the value derives from a parameter of the summarised method.</summary>
    Parameter = 1u << 30,

    /// <summary>Engine-internal: a slot (field or property of <c>this</c>) has been written in this method.</summary>
    Written = 1u << 31,
}

/// <summary>Helpers over <see cref="TaintLabels"/>.</summary>
internal static class TaintLabelsExtensions
{
    /// <summary>True when any shape bit is set.</summary>
    public static bool IsTainted(this TaintLabels labels) => (labels & TaintLabels.Shapes) != 0;

    /// <summary>True when untrusted data may control the value's start (the <see cref="TaintLabels.Full"/> shape).</summary>
    public static bool IsFull(this TaintLabels labels) => (labels & TaintLabels.Full) != 0;

    /// <summary>True when the value carries untrusted text (<see cref="TaintLabels.Full"/> or <see cref="TaintLabels.AfterPrefix"/>), not only scalars.</summary>
    public static bool IsText(this TaintLabels labels) => (labels & (TaintLabels.Full | TaintLabels.AfterPrefix)) != 0;

    /// <summary>True when any of <paramref name="kinds"/> is set.</summary>
    public static bool HasAny(this TaintLabels labels, TaintLabels kinds) => (labels & kinds) != 0;
}

/// <summary>Where a taint came from, for the message and the additional location of a finding.</summary>
internal sealed class TaintOrigin
{
    public TaintOrigin(Location location, string description, TaintLabels labels)
    {
        Location = location;
        Description = description;
        Labels = labels;
    }

    /// <summary>The source in code: the parameter's declaration, the <c>Request.Query</c> read, the <c>GetSecret</c> call.</summary>
    public Location Location { get; }

    /// <summary>How a message names it, e.g. <c>query parameter 'url'</c> or <c>'HttpRequest.Query'</c>.</summary>
    public string Description { get; }

    /// <summary>The labels the source gave.</summary>
    public TaintLabels Labels { get; }
}

/// <summary>What a spec's source predicate says about a value: its labels and how to name it.</summary>
internal readonly struct TaintSource
{
    public TaintSource(TaintLabels labels, string description)
    {
        Labels = labels;
        Description = description;
    }

    public TaintLabels Labels { get; }

    public string Description { get; }

    public bool IsDefault => Labels == TaintLabels.None;
}

/// <summary>The taint of one value at one program point: labels plus the first origin that reached it (may be null).</summary>
internal readonly struct TaintValue
{
    public TaintValue(TaintLabels labels, TaintOrigin? origin)
    {
        Labels = labels;
        Origin = origin;
    }

    public TaintLabels Labels { get; }

    /// <summary>The first source found to reach the value, or null (e.g. the value is clean, or the source was summarised away).</summary>
    public TaintOrigin? Origin { get; }

    public bool IsTainted => Labels.IsTainted();

    public override string ToString() => Labels.ToString();
}

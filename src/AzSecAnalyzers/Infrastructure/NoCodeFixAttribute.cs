namespace AzSecAnalyzers.Infrastructure;

/// <summary>Marks an analyzer whose rules deliberately have no code fix, and says why (checked by the catalog meta-tests).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
internal sealed class NoCodeFixAttribute : Attribute
{
    public NoCodeFixAttribute(string reason) => Reason = reason;

    public string Reason { get; }
}

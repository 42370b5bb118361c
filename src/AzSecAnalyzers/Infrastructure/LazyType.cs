namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// One well-known type of a shared group (<see cref="AzSecContext.AspNetCore"/>, <see cref="AzSecContext.Requests"/>, …),
/// looked up in the context the first time a rule reads it and kept after that: a group costs only the lookups
/// its rules actually make, and a compilation without the framework pays for the one or two gate types.
/// </summary>
internal sealed class LazyType
{
    private readonly AzSecContext _context;
    private readonly string _metadataName;
    private INamedTypeSymbol? _type;
    private volatile bool _resolved;

    public LazyType(AzSecContext context, string metadataName)
    {
        _context = context;
        _metadataName = metadataName;
    }

    public INamedTypeSymbol? Value
    {
        get
        {
            // A race resolves twice to the same symbol (the context caches by name); the volatile flag publishes it.
            if (!_resolved)
            {
                _type = _context.Get(_metadataName);
                _resolved = true;
            }

            return _type;
        }
    }
}

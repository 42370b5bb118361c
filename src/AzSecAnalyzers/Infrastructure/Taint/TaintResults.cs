namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>The answers of one <see cref="TaintEngine.Analyze"/> run: the taint of each queried value.</summary>
internal sealed class TaintResults
{
    private readonly Dictionary<SyntaxNode, TaintEngine.QueryValue>? _values;
    private readonly List<TaintOrigin> _origins;

    internal TaintResults(Dictionary<SyntaxNode, TaintEngine.QueryValue>? values, List<TaintOrigin> origins)
    {
        _values = values;
        _origins = origins;
    }

    /// <summary>False when the function was skipped (too big, too deep): every query then answers clean.</summary>
    public bool Completed => _values is not null;

    /// <summary>The taint of <paramref name="value"/> (an operation of the original tree, matched by syntax); clean when unknown.</summary>
    public TaintValue Get(IOperation value) => Get(value.Syntax);

    /// <summary>The taint of the value written as <paramref name="syntax"/>; clean when unknown.</summary>
    public TaintValue Get(SyntaxNode syntax)
    {
        if (_values is null || !_values.TryGetValue(syntax, out var value))
        {
            return default;
        }

        return new TaintValue(value.Labels, value.Origin >= 0 && value.Origin < _origins.Count ? _origins[value.Origin] : null);
    }

    /// <summary>In a parameter-flow run: bit i set when parameter i (ordinal, first 64) reaches <paramref name="value"/>.</summary>
    public ulong ParameterDependencies(IOperation value)
        => _values is not null && _values.TryGetValue(value.Syntax, out var found) ? found.Deps : 0;
}

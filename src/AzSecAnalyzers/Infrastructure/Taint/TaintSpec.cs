using System.Collections.Concurrent;

namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>Says whether an operation is a source, and which labels and name it gives.</summary>
internal delegate bool TaintSourcePredicate(IOperation operation, out TaintSource source);

/// <summary>Says whether a parameter of the analysed function is a source when the function starts.</summary>
internal delegate bool TaintParameterPredicate(IParameterSymbol parameter, TaintFunction function, out TaintSource source);

/// <summary>
/// Says whether a branch condition sanitizes a value: when the condition evaluates to <paramref name="whenTrue"/>,
/// the value <paramref name="guarded"/> refers to (a local, a parameter, a field of <c>this</c>) is clean on that branch.
/// </summary>
internal delegate bool TaintGuardPredicate(IOperation condition, out IOperation guarded, out bool whenTrue);

/// <summary>The function a data-flow analysis runs over: a method, a local function or a lambda.</summary>
internal readonly struct TaintFunction
{
    public TaintFunction(IMethodSymbol method, IOperation? declaration)
    {
        Method = method;
        Declaration = declaration;
    }

    /// <summary>The method, local function or lambda symbol.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>
    /// For a lambda or local function: its operation in the original (non-CFG) operation tree, so a source
    /// predicate can see what the lambda is passed to (e.g. a minimal-API <c>MapGet</c>). Null for methods
    /// and for summaries.
    /// </summary>
    public IOperation? Declaration { get; }
}

/// <summary>
/// One rule's declarative taint table: its sources, sanitizers, guards and extra propagators. The engine
/// (<see cref="TaintEngine"/>) knows the common propagators (concatenation, interpolation, <c>string.Format</c>,
/// <c>StringBuilder</c>, <c>Uri</c>, collections, conversions, LINQ, …) and sanitizers (<c>Math.Clamp</c>/<c>Min</c>;
/// scalar types become <see cref="TaintLabels.Typed"/>); a spec adds only what is specific to its rule.
/// Create one spec per compilation (in the compilation-start action) so its predicates can close over the
/// types the rule resolved; the spec also holds that compilation's cache of method summaries.
/// All predicates are called on hot paths: they must not allocate when they answer no.
/// </summary>
internal sealed class TaintSpec
{
    private readonly ConcurrentDictionary<SummaryKey, TaintSummary?> _summaries = new();

    public TaintSpec(string name, Compilation compilation)
    {
        Name = name;
        Compilation = compilation;
    }

    /// <summary>A name for diagnostics and benchmarks, e.g. the rule id.</summary>
    public string Name { get; }

    /// <summary>The compilation the spec's symbols belong to; bodies of called methods are read from it.</summary>
    public Compilation Compilation { get; }

    /// <summary>
    /// Values that are sources: consulted first for invocations, object creations, property, field and
    /// array-element reads (e.g. <c>Request.Query</c>, <c>SecretClient.GetSecret</c>, <c>message.Body</c>).
    /// </summary>
    public TaintSourcePredicate? Source { get; set; }

    /// <summary>
    /// String constants that are sources (literals, constant fields, constant concatenations and interpolations, judged
    /// as a whole at their outermost constant operation): e.g. AZSEC105's hard-coded credentials. Null (the default):
    /// every constant is clean. Called only for string constants the analysis evaluates.
    /// </summary>
    public TaintSourcePredicate? ConstantSource { get; set; }

    /// <summary>
    /// A cheap pre-check for rules whose sources are rare and whose sinks are common (AZSEC105: every log call is a
    /// sink, few methods read a secret): an operation block with sinks is analysed only if one of its operations (lambda
    /// bodies included) answers true. It must answer true for every operation that can bring taint into the block:
    /// its sources and the calls whose summaries might. Null (the default): every block with sinks is analysed.
    /// </summary>
    public Func<IOperation, bool>? BlockMayHaveSource { get; set; }

    /// <summary>Parameters tainted when the analysed function starts (e.g. request-bound endpoint parameters).</summary>
    public TaintParameterPredicate? ParameterSource { get; set; }

    /// <summary>Invocations, object creations and member reads whose value is clean whatever flows in (e.g. <c>TableClient.CreateQueryFilter</c>).</summary>
    public Func<IOperation, bool>? Sanitizer { get; set; }

    /// <summary>Branch conditions that make a value clean on one branch (allow-list <c>Contains</c>, <c>uri.Host == "…"</c>).</summary>
    public TaintGuardPredicate? Guard { get; set; }

    /// <summary>Extra invocations through which taint flows: the result (and a builder-like receiver) get the receiver's and arguments' taint.</summary>
    public Func<IInvocationOperation, bool>? Propagator { get; set; }

    /// <summary>
    /// A constant text prefix that pins the meaningful part of the value (for SSRF: <c>https://host/</c>): untrusted text
    /// concatenated, interpolated or formatted after it gets <see cref="TaintLabels.AfterPrefix"/> instead of <see cref="TaintLabels.Full"/>.
    /// Null: no prefix pins anything.
    /// </summary>
    public Func<string, bool>? IsPinningPrefix { get; set; }

    /// <summary>
    /// Labels for values the engine does not model: results of external methods it knows nothing about and reads of members of
    /// clean or static instances. Null (the default) means clean. AZSEC410 answers <see cref="TaintLabels.NonConstant"/>|<see cref="TaintLabels.Full"/> for text.
    /// </summary>
    public Func<IOperation, TaintLabels>? UnknownValue { get; set; }

    /// <summary>When true, <c>Uri.EscapeDataString</c>/<c>WebUtility.UrlEncode</c>/<c>HttpUtility.UrlEncode</c> results count as clean.</summary>
    public bool UrlEncodingSanitizes { get; set; }

    /// <summary>When true, a membership test <c>collection.Contains(x)</c>/<c>ContainsKey(x)</c> (not <c>string.Contains</c>) sanitizes <c>x</c> on its true branch.</summary>
    public bool MembershipSanitizes { get; set; }

    /// <summary>A function with more operations than this is skipped (no findings), never slow. Default 20,000.</summary>
    public int MaxOperations { get; set; } = 20_000;

    /// <summary>How many levels of calls to methods of the same compilation are summarised. Default 2; 0 disables summaries.</summary>
    public int SummaryDepth { get; set; } = 2;

    internal TaintSummary? GetOrAddSummary(IMethodSymbol method, int depth, Func<TaintSummary?> compute)
    {
        var key = new SummaryKey(method, depth);
        if (_summaries.TryGetValue(key, out var summary))
        {
            return summary;
        }

        summary = compute();
        return _summaries.GetOrAdd(key, summary);
    }

    private readonly struct SummaryKey : IEquatable<SummaryKey>
    {
        public SummaryKey(IMethodSymbol method, int depth)
        {
            Method = method;
            Depth = depth;
        }

        public IMethodSymbol Method { get; }

        public int Depth { get; }

        public bool Equals(SummaryKey other) => Depth == other.Depth && SymbolEqualityComparer.Default.Equals(Method, other.Method);

        public override bool Equals(object? obj) => obj is SummaryKey other && Equals(other);

        public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Method) * 31) + Depth;
    }
}

/// <summary>What a call to a method of the same compilation does to taint, computed once per method and depth.</summary>
internal sealed class TaintSummary
{
    public TaintSummary(ulong parameterFlow, TaintLabels returnShape, TaintLabels ownLabels, TaintOrigin? ownOrigin)
    {
        ParameterFlow = parameterFlow;
        ReturnShape = returnShape;
        OwnLabels = ownLabels;
        OwnOrigin = ownOrigin;
    }

    /// <summary>Bit i: the taint of parameter i (ordinal, first 64) reaches the return value unsanitized.</summary>
    public ulong ParameterFlow { get; }

    /// <summary>The shape the parameters' taint has at the return (e.g. <see cref="TaintLabels.AfterPrefix"/> when the helper prepends <c>https://host/</c>), plus <see cref="TaintLabels.PinnedPrefix"/>.</summary>
    public TaintLabels ReturnShape { get; }

    /// <summary>Labels the return value gets from sources inside the method itself.</summary>
    public TaintLabels OwnLabels { get; }

    public TaintOrigin? OwnOrigin { get; }
}

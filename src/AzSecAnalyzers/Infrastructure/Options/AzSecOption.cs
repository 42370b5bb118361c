namespace AzSecAnalyzers.Infrastructure.Options;

/// <summary>What the documentation meta-test needs from an option, whatever its type.</summary>
internal interface IAzSecOption
{
    /// <summary>The snake_case key under <c>azsec.</c> (global) and <c>azsec.&lt;RuleId&gt;.</c> (one rule).</summary>
    string Key { get; }

    /// <summary>The rules that read the option; each rule's page documents it.</summary>
    ImmutableArray<string> RuleIds { get; }
}

/// <summary>
/// One <c>.editorconfig</c> / <c>.globalconfig</c> option of the package: its key, its default, how its text
/// is parsed, and the rules that read it. Read per syntax tree (or per additional file) with the precedence of
/// <see cref="AzSecOptions"/>: rule key, then global key, then <see cref="Default"/>; a value that does not
/// parse gives the default, so a typo in a config file never breaks a build. Every definition lives in
/// <see cref="AzSecOptionDefinitions"/>.
/// </summary>
internal sealed class AzSecOption<T> : IAzSecOption
{
    private readonly Func<AzSecOptions, string, AzSecOption<T>, T> _read;

    public AzSecOption(string key, T defaultValue, Func<AzSecOptions, string, AzSecOption<T>, T> read, params string[] ruleIds)
    {
        Key = key;
        Default = defaultValue;
        _read = read;
        RuleIds = ImmutableArray.Create(ruleIds);
    }

    public string Key { get; }

    public T Default { get; }

    public ImmutableArray<string> RuleIds { get; }

    /// <summary>The value for <paramref name="ruleId"/> in the files of <paramref name="tree"/>.</summary>
    public T Read(AnalyzerOptions options, SyntaxTree tree, string ruleId) => Read(new AzSecOptions(options.AnalyzerConfigOptionsProvider.GetOptions(tree)), ruleId);

    /// <summary>The value for <paramref name="ruleId"/> for an additional file (a configuration file).</summary>
    public T Read(AnalyzerOptions options, AdditionalText file, string ruleId) => Read(new AzSecOptions(options.AnalyzerConfigOptionsProvider.GetOptions(file)), ruleId);

    /// <summary>The value for <paramref name="ruleId"/> from options already fetched for one file.</summary>
    public T Read(AzSecOptions options, string ruleId) => _read(options, ruleId, this);
}

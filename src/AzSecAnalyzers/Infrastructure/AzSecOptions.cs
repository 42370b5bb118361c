using System.Globalization;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Reads the package's own <c>.editorconfig</c> / <c>.globalconfig</c> options for one file.
/// Keys are snake_case under the <c>azsec.</c> prefix; a rule-specific key
/// (<c>azsec.AZSEC502.max_sas_lifetime_days</c>) wins over the global one
/// (<c>azsec.max_sas_lifetime_days</c>), which wins over the rule's default.
/// Invalid values fall back to the default: a typo in a config file must not break a build.
/// Rules do not read it directly: they read an option through its definition in
/// <see cref="Options.AzSecOptionDefinitions"/>.
/// </summary>
internal readonly struct AzSecOptions
{
    private static readonly char[] ListSeparators = { ',', ';' };

    public const string Prefix = "azsec.";

    private readonly AnalyzerConfigOptions? _options;

    public AzSecOptions(AnalyzerConfigOptions options) => _options = options;

    /// <summary>The raw value: rule key first, then the global key; null when neither is set.</summary>
    public string? GetRaw(string ruleId, string option)
    {
        if (_options is null)
        {
            return null;
        }

        // Roslyn compares config keys case-insensitively, so "azsec.AZSEC502.x" and "azsec.azsec502.x" are one key.
        if (_options.TryGetValue(Prefix + ruleId + "." + option, out var value) && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (_options.TryGetValue(Prefix + option, out value) && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        return null;
    }

    public bool GetBool(string ruleId, string option, bool defaultValue)
        => GetRaw(ruleId, option) is { } raw && bool.TryParse(raw, out var value) ? value : defaultValue;

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="max"/>]; anything else gives the default.</summary>
    public int GetInt(string ruleId, string option, int defaultValue, int min = int.MinValue, int max = int.MaxValue)
        => GetRaw(ruleId, option) is { } raw
           && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
           && value >= min && value <= max
            ? value
            : defaultValue;

    /// <summary>A comma- or semicolon-separated list, entries trimmed, empty entries dropped; the default when unset.</summary>
    public ImmutableArray<string> GetList(string ruleId, string option, ImmutableArray<string> defaultValue)
    {
        if (GetRaw(ruleId, option) is not { } raw)
        {
            return defaultValue;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var entry in raw.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = entry.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>One of <typeparamref name="TEnum"/>'s names (case-insensitive); the default otherwise.</summary>
    public TEnum GetEnum<TEnum>(string ruleId, string option, TEnum defaultValue)
        where TEnum : struct
        => GetRaw(ruleId, option) is { } raw && Enum.TryParse<TEnum>(raw, ignoreCase: true, out var value) && Enum.IsDefined(typeof(TEnum), value)
            ? value
            : defaultValue;
}

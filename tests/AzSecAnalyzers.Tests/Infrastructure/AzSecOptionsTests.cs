using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class AzSecOptionsTests
{
    private static AzSecOptions Options(params (string Key, string Value)[] entries)
        => new(new DictionaryOptions(entries.ToImmutableDictionary(e => e.Key, e => e.Value, AnalyzerConfigOptions.KeyComparer)));

    [Fact]
    public void RuleKey_WinsOverGlobalKey_WhichWinsOverDefault()
    {
        var options = Options(("azsec.max_sas_lifetime_days", "30"), ("azsec.AZSEC502.max_sas_lifetime_days", "3"));
        Assert.Equal(3, options.GetInt("AZSEC502", "max_sas_lifetime_days", 7));
        Assert.Equal(30, options.GetInt("AZSEC999", "max_sas_lifetime_days", 7));
        Assert.Equal(7, Options().GetInt("AZSEC502", "max_sas_lifetime_days", 7));
    }

    [Fact]
    public void Keys_AreCaseInsensitive_AsInEditorConfig()
    {
        // Roslyn hands analyzers lower-cased keys; users write the id in upper case.
        var options = Options(("azsec.azsec502.max_sas_lifetime_days", "2"));
        Assert.Equal(2, options.GetInt("AZSEC502", "max_sas_lifetime_days", 7));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999")]
    [InlineData("")]
    public void InvalidIntegers_FallBackToTheDefault(string raw)
        => Assert.Equal(7, Options(("azsec.days", raw)).GetInt("AZSEC502", "days", 7, min: 0, max: 3650));

    [Fact]
    public void Lists_SplitOnCommasAndSemicolons()
    {
        var options = Options(("azsec.secret_name_patterns", " password, apikey;;token ,"));
        Assert.Equal(new[] { "password", "apikey", "token" }, options.GetList("AZSEC103", "secret_name_patterns", ImmutableArray<string>.Empty));
        Assert.Equal(new[] { "x" }, Options().GetList("AZSEC103", "secret_name_patterns", ImmutableArray.Create("x")));
    }

    [Fact]
    public void BooleansAndEnums_ParseOrFallBack()
    {
        var options = Options(("azsec.flag", "TRUE"), ("azsec.fix_credential", "managedidentitycredential"), ("azsec.bad", "maybe"));
        Assert.True(options.GetBool("AZSEC101", "flag", false));
        Assert.False(options.GetBool("AZSEC101", "bad", false));
        Assert.Equal(Credential.ManagedIdentityCredential, options.GetEnum("AZSEC201", "fix_credential", Credential.DefaultAzureCredential));
        Assert.Equal(Credential.DefaultAzureCredential, options.GetEnum("AZSEC201", "bad", Credential.DefaultAzureCredential));
    }

    public enum Credential
    {
        DefaultAzureCredential,
        ManagedIdentityCredential,
    }

    /// <summary>The options a host passes for one file, as a dictionary (AnalyzerConfigOptions is Roslyn's own abstraction).</summary>
    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

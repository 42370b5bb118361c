using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.Options;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class AzSecOptionDefinitionsTests
{
    private static AzSecOptions Options(params (string Key, string Value)[] entries)
        => new(new DictionaryOptions(entries.ToImmutableDictionary(e => e.Key, e => e.Value, AnalyzerConfigOptions.KeyComparer)));

    [Fact]
    public void MaxPageSize_RuleKeyWinsOverGlobalKey_WhichWinsOverDefault()
    {
        var options = Options(("azsec.max_page_size", "50"), ("azsec.AZSEC405.max_page_size", "20"));
        Assert.Equal(20, AzSecOptionDefinitions.MaxPageSize.Read(options, "AZSEC405"));
        Assert.Equal(50, AzSecOptionDefinitions.MaxPageSize.Read(Options(("azsec.max_page_size", "50")), "AZSEC405"));
        Assert.Equal(100, AzSecOptionDefinitions.MaxPageSize.Read(Options(), "AZSEC405"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("ten")]
    public void MaxPageSize_InvalidValue_GivesTheDefault(string raw)
        => Assert.Equal(100, AzSecOptionDefinitions.MaxPageSize.Read(Options(("azsec.max_page_size", raw)), "AZSEC405"));

    [Theory]
    [InlineData("-1", 7)]
    [InlineData("36501", 7)]
    [InlineData("0", 0)]
    [InlineData("36500", 36500)]
    public void MaxSasLifetimeDays_AcceptsZeroTo36500(string raw, int expected)
        => Assert.Equal(expected, AzSecOptionDefinitions.MaxSasLifetimeDays.Read(Options(("azsec.max_sas_lifetime_days", raw)), "AZSEC502"));

    [Fact]
    public void SecretNamePatterns_Unset_IsDefault_SoTheRuleKeepsItsOwnList()
        => Assert.True(AzSecOptionDefinitions.SecretNamePatterns.Read(Options(), "AZSEC103").IsDefault);

    [Fact]
    public void SecretNamePatterns_SeparatorsOnly_IsAnEmptyList()
    {
        var patterns = AzSecOptionDefinitions.SecretNamePatterns.Read(Options(("azsec.AZSEC105.secret_name_patterns", ",;")), "AZSEC105");
        Assert.False(patterns.IsDefault);
        Assert.Empty(patterns);
    }

    [Fact]
    public void SsrfAllowedHosts_IsAList_EmptyByDefault()
    {
        Assert.Empty(AzSecOptionDefinitions.SsrfAllowedHosts.Read(Options(), "AZSEC406"));
        Assert.Equal(new[] { "api.contoso.com", "*.contoso.net" }, AzSecOptionDefinitions.SsrfAllowedHosts.Read(Options(("azsec.ssrf_allowed_hosts", "api.contoso.com; *.contoso.net")), "AZSEC406"));
    }

    [Fact]
    public void FixCredential_IsTheTrimmedText_OrNull()
    {
        Assert.Null(AzSecOptionDefinitions.FixCredential.Read(Options(), "AZSEC201"));
        Assert.Equal("ManagedIdentityCredential", AzSecOptionDefinitions.FixCredential.Read(Options(("azsec.AZSEC201.fix_credential", " ManagedIdentityCredential ")), "AZSEC201"));
    }

    private sealed class DictionaryOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}

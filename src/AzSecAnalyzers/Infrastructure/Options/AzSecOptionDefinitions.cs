namespace AzSecAnalyzers.Infrastructure.Options;

/// <summary>
/// Every option the package reads, in one place: rules (and fixes) read options only through these
/// definitions, and a meta-test checks that each key is documented on the page of each rule listed here
/// and that every <c>azsec.</c> key on a rule page is defined here.
/// </summary>
internal static class AzSecOptionDefinitions
{
    /// <summary>AZSEC405: the upper bound the clamp fix writes (and the message suggests); at least 1.</summary>
    public static readonly AzSecOption<int> MaxPageSize = Int("max_page_size", 100, min: 1, max: int.MaxValue, RuleIds.UnrestrictedResourceConsumption);

    /// <summary>AZSEC406: the hosts an allow-list check must compare with (comma-separated, <c>*.</c> wildcards); empty by default (any constant host counts).</summary>
    public static readonly AzSecOption<ImmutableArray<string>> SsrfAllowedHosts = List("ssrf_allowed_hosts", ImmutableArray<string>.Empty, RuleIds.ServerSideRequestForgery, RuleIds.ModelOutputWithoutValidation);

    /// <summary>
    /// AZSEC103/104/105: the name patterns that mark a secret; they replace the rule's built-in list. Unset gives a
    /// default (<see cref="ImmutableArray{T}.IsDefault"/>) array, which means "the rule's own built-in list" (the
    /// lists differ by rule); set to separators only, it is an empty list.
    /// </summary>
    public static readonly AzSecOption<ImmutableArray<string>> SecretNamePatterns = List(
        "secret_name_patterns",
        default,
        RuleIds.CredentialNamedSymbol,
        RuleIds.SecretInConfigurationFile,
        RuleIds.SecretLeak);

    /// <summary>AZSEC502: the longest SAS lifetime, in days, that is not reported (0 to 36,500).</summary>
    public static readonly AzSecOption<int> MaxSasLifetimeDays = Int("max_sas_lifetime_days", 7, min: 0, max: 36500, RuleIds.OverBroadSas);

    /// <summary>AZSEC201's fix: the credential its first action creates (<c>ManagedIdentityCredential</c> puts managed identity first); the raw text, null when unset.</summary>
    public static readonly AzSecOption<string?> FixCredential = new("fix_credential", null, static (options, ruleId, option) => options.GetRaw(ruleId, option.Key), RuleIds.KeyBasedClientAuthentication);

    /// <summary>Every definition, for the documentation meta-test.</summary>
    public static ImmutableArray<IAzSecOption> All { get; } = ImmutableArray.Create<IAzSecOption>(MaxPageSize, SsrfAllowedHosts, SecretNamePatterns, MaxSasLifetimeDays, FixCredential);

    private static AzSecOption<int> Int(string key, int defaultValue, int min, int max, params string[] ruleIds)
        => new(key, defaultValue, (options, ruleId, option) => options.GetInt(ruleId, option.Key, option.Default, min, max), ruleIds);

    private static AzSecOption<ImmutableArray<string>> List(string key, ImmutableArray<string> defaultValue, params string[] ruleIds)
        => new(key, defaultValue, static (options, ruleId, option) => options.GetList(ruleId, option.Key, option.Default), ruleIds);
}

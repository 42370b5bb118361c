namespace AzSecAnalyzers;

/// <summary>The diagnostic categories, exactly as users write them in <c>dotnet_analyzer_diagnostic.category-*</c> keys.</summary>
public static class RuleCategories
{
    public const string Secrets = "AzureSecurity.Secrets";
    public const string Identity = "AzureSecurity.Identity";
    public const string Transport = "AzureSecurity.Transport";
    public const string Api = "AzureSecurity.Api";
    public const string Data = "AzureSecurity.Data";
}

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC413: wraps the API documentation middleware or endpoint in a development-environment check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ApiDocumentationExposedCodeFix))]
[Shared]
public sealed class ApiDocumentationExposedCodeFix() : AzSecCodeFix(RuleIds.ApiDocumentationExposed)
{
    protected override bool NeedsSemanticModel => true;

    public override FixAllProvider GetFixAllProvider() => DevelopmentCheckWrapper.FixAll;

    protected override void Offer(FixRequest request) => DevelopmentCheckWrapper.Offer(request, EquivalenceKeys.WrapApiDocumentationInDevelopmentCheck);
}

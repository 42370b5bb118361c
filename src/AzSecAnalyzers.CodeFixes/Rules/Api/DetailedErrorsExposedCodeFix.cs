namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC408: wraps the detailed-errors setting in a development-environment check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DetailedErrorsExposedCodeFix))]
[Shared]
public sealed class DetailedErrorsExposedCodeFix() : AzSecCodeFix(RuleIds.DetailedErrorsExposed)
{
    protected override bool NeedsSemanticModel => true;

    public override FixAllProvider GetFixAllProvider() => DevelopmentCheckWrapper.FixAll;

    protected override void Offer(FixRequest request) => DevelopmentCheckWrapper.Offer(request, EquivalenceKeys.WrapDetailedErrorsInDevelopmentCheck);
}

using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC403: sets the disabled validation flag back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenValidationWeakenedCodeFix))]
[Shared]
public sealed class TokenValidationWeakenedCodeFix() : AzSecCodeFix(RuleIds.TokenValidationWeakened)
{
    protected override void Offer(FixRequest request)
    {
        if (request.Kind == TokenValidationWeakenedAnalyzer.FixSetTrue && AssignedValue.Find(request.Node) is { } assignment)
        {
            request.Register($"Set {assignment.Left} to true", ct => AssignedValue.ReplaceAsync(request.Document, assignment, AssignedValue.True, ct), EquivalenceKeys.EnableTokenValidation);
        }
    }
}

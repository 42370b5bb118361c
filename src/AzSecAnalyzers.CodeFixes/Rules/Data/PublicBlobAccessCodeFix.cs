namespace AzSecAnalyzers.CodeFixes.Rules.Data;

/// <summary>
/// AZSEC501: passes <c>PublicAccessType.None</c> instead. A value that came through a local or constant is
/// replaced at the call, so other uses of that symbol keep their meaning.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PublicBlobAccessCodeFix))]
[Shared]
public sealed class PublicBlobAccessCodeFix() : AzSecCodeFix(RuleIds.PublicBlobAccess)
{
    protected override void Offer(FixRequest request)
    {
        if (request.Node is ExpressionSyntax value)
        {
            request.Register(
                "Use PublicAccessType.None (no anonymous access)",
                ct => DataFixEdits.ReplaceWithEnumMemberAsync(request.Document, value, "None", ct),
                EquivalenceKeys.DisablePublicBlobAccess);
        }
    }
}

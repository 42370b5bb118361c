using AzSecAnalyzers.Rules.Data;

namespace AzSecAnalyzers.CodeFixes.Rules.Data;

/// <summary>
/// AZSEC503: writes <c>ClientSideEncryptionVersion.V2_0</c> for V1_0, and 2048 for a too-small RSA key size.
/// ECB, DES, Triple DES and RC2 findings get no action: replacing a cipher or mode changes the ciphertext
/// format, the IV and the authentication tag, which the calling code has to handle.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VulnerableEncryptionCodeFix))]
[Shared]
public sealed class VulnerableEncryptionCodeFix() : AzSecCodeFix(RuleIds.VulnerableEncryption)
{
    protected override void Offer(FixRequest request)
    {
        if (request.Node is not ExpressionSyntax value)
        {
            return;
        }

        switch (request.Kind)
        {
            case VulnerableEncryptionAnalyzer.FixVersion2:
                request.Register(
                    "Use ClientSideEncryptionVersion.V2_0",
                    ct => DataFixEdits.ReplaceWithEnumMemberAsync(request.Document, value, "V2_0", ct),
                    EquivalenceKeys.UseSecureEncryptionSetting);
                break;
            case VulnerableEncryptionAnalyzer.FixKeySize:
                request.Register(
                    "Use a 2048-bit RSA key",
                    ct => DataFixEdits.ReplaceWithNumberAsync(request.Document, value, 2048, ct),
                    EquivalenceKeys.UseSecureEncryptionSetting);
                break;
        }
    }
}

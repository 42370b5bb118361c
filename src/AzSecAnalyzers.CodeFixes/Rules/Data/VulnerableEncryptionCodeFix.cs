using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Rules.Data;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Data;

/// <summary>
/// AZSEC503: writes <c>ClientSideEncryptionVersion.V2_0</c> for V1_0, and 2048 for a too-small RSA key size.
/// ECB, DES, Triple DES and RC2 findings get no action: replacing a cipher or mode changes the ciphertext
/// format, the IV and the authentication tag, which the calling code has to handle.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(VulnerableEncryptionCodeFix))]
[Shared]
public sealed class VulnerableEncryptionCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.VulnerableEncryption);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixContract.FixKind, out var fix)
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                continue;
            }

            switch (fix)
            {
                case VulnerableEncryptionAnalyzer.FixVersion2:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use ClientSideEncryptionVersion.V2_0",
                            ct => DataFixEdits.ReplaceWithEnumMemberAsync(context.Document, value, "V2_0", ct),
                            EquivalenceKeys.UseSecureEncryptionSetting),
                        diagnostic);
                    break;
                case VulnerableEncryptionAnalyzer.FixKeySize:
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use a 2048-bit RSA key",
                            ct => DataFixEdits.ReplaceWithNumberAsync(context.Document, value, 2048, ct),
                            EquivalenceKeys.UseSecureEncryptionSetting),
                        diagnostic);
                    break;
            }
        }
    }
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.CodeFixes.Rules.Data;

/// <summary>
/// AZSEC501: passes <c>PublicAccessType.None</c> instead. A value that came through a local or constant is
/// replaced at the call, so other uses of that symbol keep their meaning.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PublicBlobAccessCodeFix))]
[Shared]
public sealed class PublicBlobAccessCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.PublicBlobAccess);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use PublicAccessType.None (no anonymous access)",
                    ct => DataFixEdits.ReplaceWithEnumMemberAsync(context.Document, value, "None", ct),
                    EquivalenceKeys.DisablePublicBlobAccess),
                diagnostic);
        }
    }
}

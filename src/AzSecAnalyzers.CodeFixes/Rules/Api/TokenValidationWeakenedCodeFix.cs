using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Rules.Api;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC403: sets the disabled validation flag back to <c>true</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TokenValidationWeakenedCodeFix))]
[Shared]
public sealed class TokenValidationWeakenedCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.TokenValidationWeakened);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(FixContract.FixKind, out var kind)
                && kind == TokenValidationWeakenedAnalyzer.FixSetTrue
                && AssignedValue.Find(root, diagnostic) is { } assignment)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Set {assignment.Left} to true", ct => AssignedValue.ReplaceAsync(context.Document, assignment, AssignedValue.True, ct), EquivalenceKeys.EnableTokenValidation),
                    diagnostic);
            }
        }
    }
}

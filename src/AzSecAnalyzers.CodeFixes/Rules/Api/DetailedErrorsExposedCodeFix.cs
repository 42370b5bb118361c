using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC408: wraps the detailed-errors setting in a development-environment check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DetailedErrorsExposedCodeFix))]
[Shared]
public sealed class DetailedErrorsExposedCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.DetailedErrorsExposed);

    public override FixAllProvider GetFixAllProvider() => DevelopmentCheckWrapper.FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => DevelopmentCheckWrapper.RegisterAsync(context, EquivalenceKeys.WrapDetailedErrorsInDevelopmentCheck);
}

using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>AZSEC413: wraps the API documentation middleware or endpoint in a development-environment check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ApiDocumentationExposedCodeFix))]
[Shared]
public sealed class ApiDocumentationExposedCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ApiDocumentationExposed);

    public override FixAllProvider GetFixAllProvider() => DevelopmentCheckWrapper.FixAll;

    public override Task RegisterCodeFixesAsync(CodeFixContext context)
        => DevelopmentCheckWrapper.RegisterAsync(context, EquivalenceKeys.WrapApiDocumentationInDevelopmentCheck);
}

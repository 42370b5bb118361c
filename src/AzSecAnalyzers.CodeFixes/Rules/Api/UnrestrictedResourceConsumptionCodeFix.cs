using System.Globalization;
using AzSecAnalyzers.Rules.Api;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC405: adds a one-second match timeout to a static <c>Regex</c> call (with <c>RegexOptions.None</c> or the options it
/// already passes) or to the <c>new Regex(...)</c> the call uses, and wraps a request-supplied page size in
/// <c>Math.Clamp(value, 1, max)</c> (max: <c>azsec.AZSEC405.max_page_size</c>, default 100). Limits removed by attributes or
/// options have no fix: the right limit is the endpoint's own knowledge.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnrestrictedResourceConsumptionCodeFix))]
[Shared]
public sealed class UnrestrictedResourceConsumptionCodeFix() : AzSecCodeFix(RuleIds.UnrestrictedResourceConsumption)
{
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    protected override void Offer(FixRequest request)
    {
        var (root, diagnostic, document) = (request.Root, request.Diagnostic, request.Document);
        switch (request.Kind)
        {
            case UnrestrictedResourceConsumptionAnalyzer.FixStaticRegex
                when StaticRegexCall(root, diagnostic) is { } invocation:
                request.Register("Add a match timeout of TimeSpan.FromSeconds(1)", ct => AddTimeoutAsync(document, invocation, ct), EquivalenceKeys.LimitResourceConsumption);
                break;
            case UnrestrictedResourceConsumptionAnalyzer.FixRegexCreation
                when FindCreation(root, diagnostic) is { } creation:
                request.Register("Add a match timeout of TimeSpan.FromSeconds(1) to the Regex", ct => AddTimeoutAsync(document, creation, ct), EquivalenceKeys.LimitResourceConsumption);
                break;
            case UnrestrictedResourceConsumptionAnalyzer.FixClamp
                when ClampTarget(root, diagnostic, out var value, out var max):
                request.Register($"Clamp the page size with Math.Clamp(value, 1, {max})", ct => ClampAsync(document, value, max, ct), EquivalenceKeys.LimitResourceConsumption);
                break;
        }
    }

    /// <summary>The <c>new Regex(...)</c> at the finding's last additional location (after where the value came from).</summary>
    private static BaseObjectCreationExpressionSyntax? FindCreation(SyntaxNode root, Diagnostic diagnostic)
    {
        if (FixContract.FixSpan(diagnostic, root) is not { } span)
        {
            return null;
        }

        return root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<BaseObjectCreationExpressionSyntax>(n => n.Span == span) is { ArgumentList.Arguments.Count: 1 or 2 } creation
            ? creation
            : null;
    }

    private static async Task<Document> AddTimeoutAsync(Document document, SyntaxNode call, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || ArgumentListOf(call) is not { } argumentList)
        {
            return document;
        }

        var newRoot = root.ReplaceNode(argumentList, AddTimeout(argumentList, HasOptions(model, call, cancellationToken)));
        return document.WithSyntaxRoot(AddRegexUsings(newRoot));
    }

    private static async Task<Document> ClampAsync(Document document, ExpressionSyntax value, int max, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var newRoot = UsingDirectives.Ensure(root.ReplaceNode(value, Clamp(value, max)), "System");
        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>Fix All in one document: every edit in one pass, usings added once (separate fixes would collide on them).</summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var timeouts = new Dictionary<SyntaxNode, bool>();
        var clamps = new Dictionary<SyntaxNode, int>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixContract.FixKind, out var fix))
            {
                continue;
            }

            switch (fix)
            {
                case UnrestrictedResourceConsumptionAnalyzer.FixStaticRegex
                    when StaticRegexCall(root, diagnostic) is { } invocation:
                    timeouts[invocation.ArgumentList] = HasOptions(model, invocation, context.CancellationToken);
                    break;
                case UnrestrictedResourceConsumptionAnalyzer.FixRegexCreation
                    when FindCreation(root, diagnostic) is { ArgumentList: { } list } creation:
                    timeouts[list] = HasOptions(model, creation, context.CancellationToken);
                    break;
                case UnrestrictedResourceConsumptionAnalyzer.FixClamp
                    when ClampTarget(root, diagnostic, out var value, out var max):
                    clamps[value] = max;
                    break;
            }
        }

        if (timeouts.Count == 0 && clamps.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(
            timeouts.Keys.Concat(clamps.Keys),
            (original, rewritten) => timeouts.TryGetValue(original, out var hasOptions)
                ? AddTimeout((ArgumentListSyntax)rewritten, hasOptions)
                : Clamp((ExpressionSyntax)rewritten, clamps[original]));
        newRoot = timeouts.Count > 0 ? AddRegexUsings(newRoot) : UsingDirectives.Ensure(newRoot, "System");
        return document.WithSyntaxRoot(newRoot);
    }

    private static InvocationExpressionSyntax? StaticRegexCall(SyntaxNode root, Diagnostic diagnostic)
        => diagnostic.Location.SourceSpan.End <= root.FullSpan.End
            ? root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>()?.Parent?.Parent as InvocationExpressionSyntax
            : null;

    private static bool ClampTarget(SyntaxNode root, Diagnostic diagnostic, out ExpressionSyntax value, out int max)
    {
        value = null!;
        max = 0;
        return diagnostic.Location.SourceSpan.End <= root.FullSpan.End
               && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax found
               && found.Span == diagnostic.Location.SourceSpan
               && diagnostic.Properties.TryGetValue(UnrestrictedResourceConsumptionAnalyzer.MaxPageSizeProperty, out var maxText)
               && int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max)
               && (value = found) is not null;
    }

    private static ArgumentListSyntax? ArgumentListOf(SyntaxNode call) => call switch
    {
        InvocationExpressionSyntax invocation => invocation.ArgumentList,
        BaseObjectCreationExpressionSyntax creation => creation.ArgumentList,
        _ => null,
    };

    private static bool HasOptions(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
    {
        var arguments = model.GetOperation(call, cancellationToken) switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        return arguments.Any(a => a.Parameter?.Name == "options" && a.ArgumentKind == ArgumentKind.Explicit);
    }

    /// <summary>Appends <c>RegexOptions.None</c> (when no options are passed) and <c>TimeSpan.FromSeconds(1)</c>, named when the call names its arguments.</summary>
    private static ArgumentListSyntax AddTimeout(ArgumentListSyntax argumentList, bool hasOptions)
    {
        var named = argumentList.Arguments.Any(a => a.NameColon is not null);
        var arguments = argumentList.Arguments;
        if (!hasOptions)
        {
            var options = SyntaxFactory.Argument(SyntaxFactory.ParseExpression("RegexOptions.None"));
            arguments = arguments.Add(named ? options.WithNameColon(SyntaxFactory.NameColon("options")) : options);
        }

        var timeout = SyntaxFactory.Argument(SyntaxFactory.ParseExpression("TimeSpan.FromSeconds(1)"));
        arguments = arguments.Add(named ? timeout.WithNameColon(SyntaxFactory.NameColon("matchTimeout")) : timeout);
        return argumentList.WithArguments(arguments);
    }

    private static ExpressionSyntax Clamp(ExpressionSyntax value, int max)
        => SyntaxFactory.ParseExpression($"Math.Clamp({value.WithoutTrivia()}, 1, {max.ToString(CultureInfo.InvariantCulture)})").WithTriviaFrom(value);

    private static SyntaxNode AddRegexUsings(SyntaxNode root)
        => UsingDirectives.Ensure(UsingDirectives.Ensure(root, "System"), "System.Text.RegularExpressions");
}

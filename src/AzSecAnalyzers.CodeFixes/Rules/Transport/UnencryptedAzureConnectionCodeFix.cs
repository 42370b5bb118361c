using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.CodeFixes.Rules.Transport;

/// <summary>
/// AZSEC303: switches the connection to encryption: <c>http://</c> becomes <c>https://</c>,
/// <c>DefaultEndpointsProtocol=https</c>, <c>Encrypt=True</c>, <c>TrustServerCertificate</c> removed,
/// Redis <c>ssl=true</c> / port 6380, <c>SasProtocol.Https</c>, <c>RequireHttpsMetadata = true</c>.
/// The analyzer names the span to edit (the diagnostic's last additional location, per <see cref="FixContract"/>)
/// and the text to put there; the fix checks the span still has the expected shape and applies it. It is not
/// offered where the analyzer found no safe edit (an explicit port 80, a multi-line raw literal).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnencryptedAzureConnectionCodeFix))]
[Shared]
public sealed class UnencryptedAzureConnectionCodeFix() : AzSecCodeFix(RuleIds.UnencryptedAzureConnection)
{
    protected override void Offer(FixRequest request)
    {
        if (TryReadEdit(request.Diagnostic, out var kind, out var text, out var title) && ComputeChange(request.Root, request.Diagnostic, kind, text) is not null)
        {
            request.Register(title, ct => ApplyAsync(request.Document, request.Diagnostic, ct), EquivalenceKeys.UseEncryptedAzureConnection);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !TryReadEdit(diagnostic, out var kind, out var text, out _) || ComputeChange(root, diagnostic, kind, text) is not { } change)
        {
            return document;
        }

        var source = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(source.WithChanges(change));
    }

    /// <summary>The text change the diagnostic asks for, or null when the code no longer has the expected shape.</summary>
    private static TextChange? ComputeChange(SyntaxNode root, Diagnostic diagnostic, string kind, string text)
    {
        if (FixContract.FixSpan(diagnostic, root) is not { } span)
        {
            return null;
        }

        switch (kind)
        {
            case UnencryptedAzureConnectionAnalyzer.EditText:
                // The span lies inside one string token (a literal, or an interpolated string's text).
                var token = root.FindToken(span.Start);
                return token.Span.Contains(span) && token.Parent is LiteralExpressionSyntax or InterpolatedStringTextSyntax
                    ? new TextChange(span, text)
                    : null;

            case UnencryptedAzureConnectionAnalyzer.EditReplaceWithBoolean:
                return root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax expression && expression.Span == span
                    ? new TextChange(span, text)
                    : null;

            case UnencryptedAzureConnectionAnalyzer.EditReplaceMemberName:
                var name = root.FindToken(span.Start);
                return name.IsKind(SyntaxKind.IdentifierToken) && name.Span == span
                    ? new TextChange(span, text)
                    : null;

            default:
                return null;
        }
    }

    private static bool TryReadEdit(Diagnostic diagnostic, out string kind, out string text, out string title)
    {
        var properties = diagnostic.Properties;
        if (properties.TryGetValue(FixContract.FixKind, out var foundKind)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.EditTextProperty, out var foundText)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.FixTitleProperty, out var foundTitle)
            && foundKind is not null && foundText is not null && foundTitle is not null)
        {
            kind = foundKind;
            text = foundText;
            title = foundTitle;
            return true;
        }

        kind = text = title = string.Empty;
        return false;
    }
}

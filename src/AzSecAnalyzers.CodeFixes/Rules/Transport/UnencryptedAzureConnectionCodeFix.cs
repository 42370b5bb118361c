using System.Globalization;
using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.CodeFixes.Rules.Transport;

/// <summary>
/// AZSEC303: switches the connection to encryption: <c>http://</c> becomes <c>https://</c>,
/// <c>DefaultEndpointsProtocol=https</c>, <c>Encrypt=True</c>, <c>TrustServerCertificate</c> removed,
/// Redis <c>ssl=true</c> / port 6380, <c>SasProtocol.Https</c>, <c>RequireHttpsMetadata = true</c>.
/// The edit is computed by the analyzer; the fix only applies it, and is not offered where the
/// analyzer found no safe edit (an explicit port 80, a multi-line raw literal with escapes).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnencryptedAzureConnectionCodeFix))]
[Shared]
public sealed class UnencryptedAzureConnectionCodeFix() : AzSecCodeFix(RuleIds.UnencryptedAzureConnection)
{
    protected override void Offer(FixRequest request)
    {
        if (TryReadEdit(request.Diagnostic, out var edit) && ComputeChange(request.Root, request.Diagnostic, edit) is not null)
        {
            request.Register(edit.Title, ct => ApplyAsync(request.Document, request.Diagnostic, ct), EquivalenceKeys.UseEncryptedAzureConnection);
        }
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !TryReadEdit(diagnostic, out var edit) || ComputeChange(root, diagnostic, edit) is not { } change)
        {
            return document;
        }

        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(change));
    }

    /// <summary>The text change the diagnostic asks for, or null when the code no longer has the expected shape.</summary>
    private static TextChange? ComputeChange(SyntaxNode root, Diagnostic diagnostic, Edit edit)
    {
        var span = diagnostic.Location.SourceSpan;
        switch (edit.Kind)
        {
            case UnencryptedAzureConnectionAnalyzer.EditText:
                var start = span.Start + edit.Offset;
                return start >= 0 && start + edit.Length <= root.FullSpan.End
                    ? new TextChange(new TextSpan(start, edit.Length), edit.Text)
                    : null;

            case UnencryptedAzureConnectionAnalyzer.EditRebuildLiteral:
                return root.FindNode(span, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
                    ? RebuildLiteral(literal, edit)
                    : null;

            case UnencryptedAzureConnectionAnalyzer.EditReplaceWithBoolean:
                return root.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax expression && expression.Span == span
                    ? new TextChange(span, edit.Text)
                    : null;

            case UnencryptedAzureConnectionAnalyzer.EditReplaceMemberName:
                var node = root.FindNode(span, getInnermostNodeForTie: true);
                SimpleNameSyntax? name = node switch
                {
                    MemberAccessExpressionSyntax access => access.Name,
                    IdentifierNameSyntax identifier => identifier,
                    _ => null,
                };
                return name is null ? null : new TextChange(name.Identifier.Span, edit.Text);

            default:
                return null;
        }
    }

    /// <summary>A literal with escape sequences: edit its value and write a literal of the same kind anew.</summary>
    private static TextChange? RebuildLiteral(LiteralExpressionSyntax literal, Edit edit)
    {
        var token = literal.Token;
        if (token.Value is not string value || edit.Offset < 0 || edit.Offset + edit.Length > value.Length)
        {
            return null;
        }

        var updated = value.Substring(0, edit.Offset) + edit.Text + value.Substring(edit.Offset + edit.Length);
        string newText;
        if (token.IsKind(SyntaxKind.StringLiteralToken) && token.Text.StartsWith("@", System.StringComparison.Ordinal))
        {
            newText = "@\"" + updated.Replace("\"", "\"\"") + "\"";
        }
        else if (token.IsKind(SyntaxKind.StringLiteralToken))
        {
            newText = SyntaxFactory.Literal(updated).Text;
        }
        else
        {
            // Raw literals spanning lines have no escapes to keep; their indentation rules make a rewrite unsafe.
            return null;
        }

        return new TextChange(token.Span, newText);
    }

    private static bool TryReadEdit(Diagnostic diagnostic, out Edit edit)
    {
        var properties = diagnostic.Properties;
        if (properties.TryGetValue(FixContract.FixKind, out var kind)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.EditOffsetProperty, out var offsetText)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.EditLengthProperty, out var lengthText)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.EditTextProperty, out var text)
            && properties.TryGetValue(UnencryptedAzureConnectionAnalyzer.FixTitleProperty, out var title)
            && kind is not null && text is not null && title is not null
            && int.TryParse(offsetText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset)
            && int.TryParse(lengthText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var length)
            && length >= 0)
        {
            edit = new Edit(kind, offset, length, text, title);
            return true;
        }

        edit = default;
        return false;
    }

    private readonly struct Edit
    {
        public Edit(string kind, int offset, int length, string text, string title)
        {
            Kind = kind;
            Offset = offset;
            Length = length;
            Text = text;
            Title = title;
        }

        public string Kind { get; }

        public int Offset { get; }

        public int Length { get; }

        public string Text { get; }

        public string Title { get; }
    }
}

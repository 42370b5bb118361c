using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis.Editing;

namespace AzSecAnalyzers.CodeFixes.Rules.Transport;

/// <summary>AZSEC301: removes the certificate validation override so the platform's validation applies.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CertificateValidationDisabledCodeFix))]
[Shared]
public sealed class CertificateValidationDisabledCodeFix() : AzSecCodeFix(RuleIds.CertificateValidationDisabled)
{
    private const string Title = "Remove the certificate validation override";

    protected override void Offer(FixRequest request)
    {
        if (request.Kind is { } fixKind && FindNodeToEdit(request.Root, request.Diagnostic, fixKind) is not null)
        {
            request.Register(
                Title,
                cancellationToken => ApplyAsync(request.Document, request.Diagnostic, fixKind, cancellationToken),
                EquivalenceKeys.RemoveCertificateValidationOverride);
        }
    }

    /// <summary>The statement, initializer member or argument the fix rewrites; null when the code no longer has the expected shape.</summary>
    private static SyntaxNode? FindNodeToEdit(SyntaxNode root, Diagnostic diagnostic, string? fixKind)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return fixKind switch
        {
            CertificateValidationDisabledAnalyzer.FixRemoveStatement
                => node.FirstAncestorOrSelf<ExpressionStatementSyntax>() is { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax } statement
                    ? statement.Parent is GlobalStatementSyntax global ? global : statement
                    : null,
            CertificateValidationDisabledAnalyzer.FixRemoveInitializerMember
                => node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Parent: InitializerExpressionSyntax } member ? member : null,
            CertificateValidationDisabledAnalyzer.FixPassNull
                => node.FirstAncestorOrSelf<ArgumentSyntax>(),
            _ => null,
        };
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string? fixKind, CancellationToken cancellationToken)
    {
        if (fixKind == CertificateValidationDisabledAnalyzer.FixRemoveStatement)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is not null && FindNodeToEdit(root, diagnostic, fixKind) is { } statement
                ? document.WithSyntaxRoot(StatementRemoval.Remove(root, statement))
                : document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var node = FindNodeToEdit(editor.OriginalRoot, diagnostic, fixKind);
        switch (node)
        {
            case ArgumentSyntax argument:
                editor.ReplaceNode(
                    argument.Expression,
                    SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression).WithTriviaFrom(argument.Expression));
                break;

            case AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax initializer } member:
                InitializerMemberRemoval.Remove(editor, initializer, member);
                break;
        }

        return editor.GetChangedDocument();
    }
}

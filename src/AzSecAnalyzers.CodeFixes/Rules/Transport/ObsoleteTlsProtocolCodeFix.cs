using AzSecAnalyzers.Rules.Transport;
using Microsoft.CodeAnalysis.Editing;

namespace AzSecAnalyzers.CodeFixes.Rules.Transport;

/// <summary>
/// AZSEC302: drops the obsolete protocol versions. When TLS 1.2/1.3 were listed they stay
/// (<c>Tls | Tls11 | Tls12</c> becomes <c>Tls12</c>); otherwise the pin is removed, or replaced by
/// <c>SslProtocols.None</c> / <c>SecurityProtocolType.SystemDefault</c> where removing is not possible,
/// so the operating system picks the version.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ObsoleteTlsProtocolCodeFix))]
[Shared]
public sealed class ObsoleteTlsProtocolCodeFix() : AzSecCodeFix(RuleIds.ObsoleteTlsProtocol)
{
    private const string SslProtocolsName = "SslProtocols";
    private const string SecurityProtocolTypeName = "SecurityProtocolType";

    protected override void Offer(FixRequest request)
    {
        if (!request.Diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.KeepProperty, out var keep)
            || request.Node is not ExpressionSyntax)
        {
            return;
        }

        var title = request.Kind == ObsoleteTlsProtocolAnalyzer.FixReplaceMemberName
            ? "Require TLS 1.2"
            : string.IsNullOrEmpty(keep)
            ? "Remove the protocol pin so the operating system chooses"
            : "Allow only " + string.Join(" and ", keep!.Split('|').Select(m => m == "Tls12" ? "TLS 1.2" : "TLS 1.3"));
        request.Register(title, ct => ApplyAsync(request.Document, request.Diagnostic, ct), EquivalenceKeys.RemoveObsoleteTlsProtocols);
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax value)
        {
            return document;
        }

        diagnostic.Properties.TryGetValue(FixContract.FixKind, out var fixKind);
        if (fixKind == ObsoleteTlsProtocolAnalyzer.FixReplaceMemberName)
        {
            diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.KeepProperty, out var modernMember);
            SimpleNameSyntax? name = value switch
            {
                MemberAccessExpressionSyntax access => access.Name,
                IdentifierNameSyntax identifier => identifier,
                _ => null,
            };

            return name is null || string.IsNullOrEmpty(modernMember)
                ? document
                : document.WithSyntaxRoot(root.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(modernMember!).WithTriviaFrom(name.Identifier)));
        }

        if (fixKind == ObsoleteTlsProtocolAnalyzer.FixRemoveStatement
            && value.Parent is AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement }
            && statement.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax)
        {
            return document.WithSyntaxRoot(StatementRemoval.Remove(root, statement.Parent is GlobalStatementSyntax global ? global : statement));
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (fixKind == ObsoleteTlsProtocolAnalyzer.FixRemoveInitializerMember
            && value.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax initializer } member)
        {
            InitializerMemberRemoval.Remove(editor, initializer, member);
            return editor.GetChangedDocument();
        }

        var type = editor.SemanticModel.GetTypeInfo(value, cancellationToken).ConvertedType;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null || (type.Name != SslProtocolsName && type.Name != SecurityProtocolTypeName))
        {
            return document;
        }

        diagnostic.Properties.TryGetValue(ObsoleteTlsProtocolAnalyzer.KeepProperty, out var keep);
        var members = string.IsNullOrEmpty(keep)
            ? new[] { type.Name == SslProtocolsName ? "None" : "SystemDefault" }
            : keep!.Split('|');

        var generator = editor.Generator;
        var typeExpression = generator.TypeExpression(type);
        SyntaxNode replacement = generator.MemberAccessExpression(typeExpression, members[0]);
        for (var i = 1; i < members.Length; i++)
        {
            replacement = generator.BitwiseOrExpression(replacement, generator.MemberAccessExpression(typeExpression, members[i]));
        }

        editor.ReplaceNode(value, UsingDirectives.SimplifyAndImport(replacement.WithTriviaFrom(value)));
        return editor.GetChangedDocument();
    }
}

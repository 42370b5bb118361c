using AzSecAnalyzers.Rules.Identity;
using Microsoft.CodeAnalysis.Editing;

namespace AzSecAnalyzers.CodeFixes.Rules.Identity;

/// <summary>
/// AZSEC202: switches the connection to Microsoft Entra ID: <c>Authentication=Active Directory Default</c> in a
/// literal connection string, <c>Authentication = SqlAuthenticationMethod.ActiveDirectoryDefault</c> in a
/// <c>SqlConnectionStringBuilder</c> initializer; the user name and password go.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SqlAuthenticationToAzureSqlCodeFix))]
[Shared]
public sealed class SqlAuthenticationToAzureSqlCodeFix() : AzSecCodeFix(RuleIds.SqlAuthenticationToAzureSql)
{
    private const string Title = "Use 'Authentication=Active Directory Default' and remove the password";
    private const string ActiveDirectoryDefault = "Active Directory Default";
    private const string SqlAuthenticationMethod = "Microsoft.Data.SqlClient.SqlAuthenticationMethod";

    protected override bool NeedsSemanticModel => true;

    protected override void Offer(FixRequest request)
    {
        var (kind, model) = (request.Kind, request.Model!);
        if (kind == SqlAuthenticationToAzureSqlAnalyzer.FixLiteral
            && request.Node.FirstAncestorOrSelf<LiteralExpressionSyntax>() is { } literal
            && Rewrite(literal.Token.ValueText) is not null)
        {
            request.Register(Title, ct => FixLiteralAsync(request.Document, literal, ct), EquivalenceKeys.UseActiveDirectoryDefaultAuthentication);
        }
        else if (kind == SqlAuthenticationToAzureSqlAnalyzer.FixInitializer
                 && request.Node.FirstAncestorOrSelf<AssignmentExpressionSyntax>() is { Parent: InitializerExpressionSyntax } password
                 && model.GetTypeInfo(password.Parent.Parent!).Type?.ToDisplayString() == "Microsoft.Data.SqlClient.SqlConnectionStringBuilder"
                 && AzSecContext.For(model.Compilation).Get(SqlAuthenticationMethod) is { } method
                 && method.GetMembers("ActiveDirectoryDefault").Length > 0)
        {
            request.Register(Title, ct => FixInitializerAsync(request.Document, password, method, ct), EquivalenceKeys.UseActiveDirectoryDefaultAuthentication);
        }
    }

    /// <summary>
    /// The connection string without its user name, password and SQL authentication keywords, with
    /// <c>Authentication=Active Directory Default</c> appended; null when nothing would be left to connect to.
    /// </summary>
    internal static string? Rewrite(string text)
    {
        var connectionString = ConnectionString.Parse(text);
        if (connectionString.IsEmpty)
        {
            return null;
        }

        var removals = new List<(int Start, int End)>();
        foreach (var part in connectionString.Parts)
        {
            if (!IsAny(part.Key, SqlAuthenticationToAzureSqlAnalyzer.UserKeys) && !IsAny(part.Key, SqlAuthenticationToAzureSqlAnalyzer.PasswordKeys)
                && !part.Key.Equals("Authentication", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var separator = text.IndexOf(';', Math.Min(text.Length, part.ValueStart + part.ValueLength));
            var end = separator < 0 ? text.Length : separator + 1;
            while (end < text.Length && text[end] == ' ')
            {
                end++;
            }

            removals.Add((part.KeyStart, end));
        }

        var result = text;
        foreach (var (start, end) in removals.OrderByDescending(r => r.Start))
        {
            result = result.Remove(start, end - start);
        }

        result = result.TrimEnd(' ', ';');
        return result.Length == 0 ? null : result + ";Authentication=" + ActiveDirectoryDefault;
    }

    private static bool IsAny(string key, string[] keys) => keys.Any(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));

    private static async Task<Document> FixLiteralAsync(Document document, LiteralExpressionSyntax literal, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || Rewrite(literal.Token.ValueText) is not { } rewritten)
        {
            return document;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(rewritten)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }

    private static async Task<Document> FixInitializerAsync(Document document, AssignmentExpressionSyntax password, INamedTypeSymbol method, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var initializer = (InitializerExpressionSyntax)password.Parent!;
        var inScope = UsingDirectives.IsInScope(editor.SemanticModel, password.SpanStart, method);
        var authentication = SyntaxFactory.ParseExpression($"Authentication = {(inScope ? method.Name : "global::" + method.ToDisplayString())}.ActiveDirectoryDefault")
            .WithTriviaFrom(password);
        editor.ReplaceNode(password, authentication);
        foreach (var member in initializer.Expressions)
        {
            if (member is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "UserID" } } user)
            {
                editor.RemoveNode(user, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }

        return editor.GetChangedDocument();
    }
}

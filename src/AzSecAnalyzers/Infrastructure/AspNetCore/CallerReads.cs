using System.Threading;
using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// Whether a handler finds out who calls it through App Service authentication ("Easy Auth"): the platform signs the
/// caller in before the app runs and passes the principal in the <c>X-MS-CLIENT-PRINCIPAL</c>, <c>-ID</c>, <c>-NAME</c>
/// and <c>-IDP</c> headers, so a handler reading them is protected outside the code.
/// </summary>
internal static class CallerReads
{
    private const string AppServicePrincipalHeader = "x-ms-client-principal";

    /// <summary>True when a string literal in the declaration of <paramref name="handler"/> names an App Service principal header.</summary>
    public static bool ReadsAppServicePrincipal(IMethodSymbol handler, CancellationToken cancellationToken)
    {
        foreach (var reference in handler.DeclaringSyntaxReferences)
        {
            if (ReadsAppServicePrincipal(reference.GetSyntax(cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a string literal (or the text of an interpolated string) under <paramref name="node"/> names an App Service principal header.</summary>
    public static bool ReadsAppServicePrincipal(SyntaxNode node)
    {
        foreach (var token in node.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
            {
                if (token.ValueText.StartsWith(AppServicePrincipalHeader, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC401: adds <c>[Authorize]</c> to an action, <c>.RequireAuthorization()</c> to an endpoint, or
/// removes an <c>[AllowAnonymous]</c> that opts out of the controller's <c>[Authorize]</c>.
/// Fix All edits each document once (every finding, then one <c>using</c> per kind), so fixes never collide, and fixes
/// every finding of the rule whichever of the three edits it needs: dotnet format runs Fix All with the equivalence key of
/// the first action it meets, which would leave the findings that need another edit unfixed.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(EndpointWithoutAuthorizationCodeFix))]
[Shared]
public sealed class EndpointWithoutAuthorizationCodeFix() : AzSecCodeFix(RuleIds.EndpointWithoutAuthorization)
{
    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create(async (context, document, diagnostics) => await ApplyAsync(document, diagnostics, only: null, context.CancellationToken).ConfigureAwait(false));

    protected override void Offer(FixRequest request)
    {
        if (request.Kind is not { } kind || Target(request.Root, request.Diagnostic, kind) is null)
        {
            return;
        }

        var (title, key) = kind switch
        {
            EndpointWithoutAuthorizationAnalyzer.FixAddAuthorize => ("Add [Authorize]", EquivalenceKeys.AddAuthorize),
            EndpointWithoutAuthorizationAnalyzer.FixRequireAuthorization => ("Add .RequireAuthorization()", EquivalenceKeys.RequireAuthorization),
            _ => ("Remove [AllowAnonymous]", EquivalenceKeys.RemoveAllowAnonymous),
        };
        request.Register(title, ct => ApplyAsync(request.Document, ImmutableArray.Create(request.Diagnostic), kind, ct), key);
    }

    /// <summary>The node a fix rewrites: the action's declaration (attribute edits) or the <c>MapPost(…)</c> call.</summary>
    private static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic, string kind)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        return kind switch
        {
            EndpointWithoutAuthorizationAnalyzer.FixAddAuthorize => node.FirstAncestorOrSelf<MethodDeclarationSyntax>(),
            EndpointWithoutAuthorizationAnalyzer.FixRequireAuthorization => node.FirstAncestorOrSelf<InvocationExpressionSyntax>(),
            EndpointWithoutAuthorizationAnalyzer.FixRemoveAllowAnonymous => node.FirstAncestorOrSelf<AttributeSyntax>()?.FirstAncestorOrSelf<MethodDeclarationSyntax>(),
            _ => null,
        };
    }

    /// <summary>Applies the findings' own edits; <paramref name="only"/> restricts them to one kind (a single fix).</summary>
    private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? only, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Every edit targets one node; several findings on one node are one edit (of the first finding's kind).
        var edits = new Dictionary<SyntaxNode, (string Kind, List<AttributeSyntax?> Attributes)>();
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(FixContract.FixKind, out var own) || own is null
                || (only is not null && own != only)
                || Target(root, diagnostic, own) is not { } target)
            {
                continue;
            }

            if (!edits.TryGetValue(target, out var edit))
            {
                edits[target] = edit = (own, new List<AttributeSyntax?>());
            }

            edit.Attributes.Add(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AttributeSyntax>());
        }

        if (edits.Count == 0)
        {
            return document;
        }

        var newRoot = root.ReplaceNodes(edits.Keys, (original, rewritten) =>
        {
            switch (edits[original].Kind)
            {
                case EndpointWithoutAuthorizationAnalyzer.FixAddAuthorize when rewritten is MethodDeclarationSyntax method:
                    return AttributeEdits.Add(method, SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Authorize")));

                case EndpointWithoutAuthorizationAnalyzer.FixRequireAuthorization when rewritten is InvocationExpressionSyntax invocation:
                    return SyntaxFactory.InvocationExpression(
                            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, invocation.WithoutTrailingTrivia(), SyntaxFactory.IdentifierName("RequireAuthorization")))
                        .WithTrailingTrivia(invocation.GetTrailingTrivia());

                case EndpointWithoutAuthorizationAnalyzer.FixRemoveAllowAnonymous when rewritten is MethodDeclarationSyntax method:
                    // The action's own attributes are untouched by nested rewrites, so the original attribute is found by position.
                    foreach (var attribute in edits[original].Attributes)
                    {
                        if (attribute is not null && FindSame(method, (MethodDeclarationSyntax)original, attribute) is { } same)
                        {
                            method = AttributeEdits.Remove(method, same);
                        }
                    }

                    return method;

                default:
                    return rewritten;
            }
        });

        if (edits.Values.Any(edit => edit.Kind == EndpointWithoutAuthorizationAnalyzer.FixAddAuthorize))
        {
            newRoot = UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.Authorization");
        }

        if (edits.Values.Any(edit => edit.Kind == EndpointWithoutAuthorizationAnalyzer.FixRequireAuthorization))
        {
            newRoot = UsingDirectives.Ensure(newRoot, "Microsoft.AspNetCore.Builder");
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static AttributeSyntax? FindSame(MethodDeclarationSyntax rewritten, MethodDeclarationSyntax original, AttributeSyntax attribute)
    {
        for (var i = 0; i < original.AttributeLists.Count && i < rewritten.AttributeLists.Count; i++)
        {
            var index = original.AttributeLists[i].Attributes.IndexOf(attribute);
            if (index >= 0)
            {
                return rewritten.AttributeLists[i].Attributes[index];
            }
        }

        return null;
    }
}

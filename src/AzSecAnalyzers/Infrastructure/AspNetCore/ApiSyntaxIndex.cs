using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// What one syntax tree may say about the app's configuration, found by syntax alone: the few nodes that
/// could set a fallback policy, a global filter or limiter, a limiter policy or <c>MapControllers()</c>, and
/// every invocation by simple name (to find the callers of a method that maps endpoints). Cached per tree:
/// an editor makes a new compilation on every keystroke, but reuses the <see cref="SyntaxTree"/> of every
/// document that did not change, so each tree is walked once. Nothing here is bound; <see cref="ApiConfiguration"/>
/// confirms the candidates with the semantic model.
/// </summary>
internal sealed class ApiSyntaxIndex
{
    private static readonly ConditionalWeakTable<SyntaxTree, ApiSyntaxIndex> Cache = new();

    private static readonly HashSet<string> ConfigurationInvocations = new(StringComparer.Ordinal)
    {
        "SetFallbackPolicy", "AddFallbackPolicy",
        "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute",
        "AddFixedWindowLimiter", "AddSlidingWindowLimiter", "AddTokenBucketLimiter", "AddConcurrencyLimiter", "AddPolicy",
    };

    private static readonly HashSet<string> ConfigurationProperties = new(StringComparer.Ordinal)
    {
        "FallbackPolicy", "GlobalLimiter",
    };

    private readonly Dictionary<string, List<InvocationExpressionSyntax>> _invocations;

    private ApiSyntaxIndex(ImmutableArray<SyntaxNode> configuration, Dictionary<string, List<InvocationExpressionSyntax>> invocations)
    {
        Configuration = configuration;
        _invocations = invocations;
    }

    /// <summary>Assignments, invocations and object creations that may configure authorization or rate limiting.</summary>
    public ImmutableArray<SyntaxNode> Configuration { get; }

    /// <summary>The invocations of a method with this simple name (<c>x.MapOrders()</c>, <c>MapOrders(x)</c>).</summary>
    public IReadOnlyList<InvocationExpressionSyntax> InvocationsOf(string name)
        => _invocations.TryGetValue(name, out var list) ? list : Array.Empty<InvocationExpressionSyntax>();

    public static ApiSyntaxIndex For(SyntaxTree tree, CancellationToken cancellationToken)
    {
        if (Cache.TryGetValue(tree, out var index))
        {
            return index;
        }

        var built = Build(tree.GetRoot(cancellationToken), cancellationToken);
        return Cache.GetValue(tree, _ => built);
    }

    private static ApiSyntaxIndex Build(SyntaxNode root, CancellationToken cancellationToken)
    {
        var configuration = ImmutableArray.CreateBuilder<SyntaxNode>();
        var invocations = new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var node in root.DescendantNodes())
        {
            switch (node)
            {
                case InvocationExpressionSyntax invocation when NameOf(invocation.Expression) is { } name:
                    if (!invocations.TryGetValue(name, out var list))
                    {
                        invocations[name] = list = new List<InvocationExpressionSyntax>(1);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    list.Add(invocation);
                    if (ConfigurationInvocations.Contains(name))
                    {
                        configuration.Add(invocation);
                    }

                    break;

                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                    when NameOf(assignment.Left) is { } property && ConfigurationProperties.Contains(property)
                         && !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression):
                    configuration.Add(assignment);
                    break;

                case ObjectCreationExpressionSyntax creation when NameOf(creation.Type) == "AuthorizeFilter":
                    configuration.Add(creation);
                    break;
            }
        }

        return new ApiSyntaxIndex(configuration.ToImmutable(), invocations);
    }

    /// <summary>The rightmost simple name of a (member-access, generic, qualified or conditional-access) name.</summary>
    private static string? NameOf(SyntaxNode expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}

using System.Threading;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// Which methods of the compilation are minimal-API handlers given as method groups (<c>group.MapPut("/items", UpdateItem)</c>),
/// in any file and class, and the route templates they are mapped on. A handler's body is analysed on its own, far from its
/// <c>Map*</c> call, and the verdict must not depend on the order files are analysed in: so the question is answered from the
/// whole compilation, found once. The index is built on the first question: one syntax walk for the names written as
/// <c>Map*</c> handler arguments; a method whose name never appears there costs a dictionary lookup, and only the
/// <c>Map*</c> calls naming it are bound.
/// </summary>
internal sealed class MethodGroupHandlers
{
    private readonly Compilation _compilation;
    private readonly EndpointModel _model;
    private readonly object _gate = new();
    private Dictionary<string, List<InvocationExpressionSyntax>>? _candidates;
    private readonly Dictionary<SyntaxNode, List<string?>> _handlers = new();
    private readonly HashSet<string> _boundNames = new(StringComparer.Ordinal);

    public MethodGroupHandlers(Compilation compilation, EndpointModel model)
    {
        _compilation = compilation;
        _model = model;
    }

    /// <summary>
    /// True when <paramref name="method"/> (declared in source) is passed as the handler of a minimal-API <c>Map*</c> call
    /// somewhere in the compilation; <paramref name="routes"/> are the constant templates it is mapped on (null entries: not constant).
    /// </summary>
    public bool TryGetRoutes(IMethodSymbol method, CancellationToken cancellationToken, out IReadOnlyList<string?> routes)
    {
        routes = Array.Empty<string?>();
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction) || method.Parameters.IsEmpty || _model.Types.EndpointRouteBuilderExtensions is null)
        {
            return false;
        }

        var declarations = method.OriginalDefinition.DeclaringSyntaxReferences;
        if (declarations.IsEmpty)
        {
            return false;
        }

        lock (_gate)
        {
            var candidates = _candidates ??= Collect(cancellationToken);
            if (!candidates.TryGetValue(method.Name, out var invocations))
            {
                return false;
            }

            if (_boundNames.Add(method.Name))
            {
                Bind(invocations, cancellationToken);
            }

            foreach (var declaration in declarations)
            {
                if (_handlers.TryGetValue(declaration.GetSyntax(cancellationToken), out var found))
                {
                    routes = found;
                    return true;
                }
            }
        }

        return false;
    }

    // Syntax only: Map* calls with an argument that can be a method group, keyed by the name the argument ends in.
    private Dictionary<string, List<InvocationExpressionSyntax>> Collect(CancellationToken cancellationToken)
    {
        var candidates = new Dictionary<string, List<InvocationExpressionSyntax>>(StringComparer.Ordinal);
        foreach (var tree in _compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var map } } invocation
                    || map is not ("MapGet" or "MapPost" or "MapPut" or "MapPatch" or "MapDelete" or "MapMethods"))
                {
                    continue;
                }

                foreach (var argument in invocation.ArgumentList.Arguments)
                {
                    if (HandlerName(argument.Expression) is { } name)
                    {
                        if (!candidates.TryGetValue(name, out var list))
                        {
                            candidates.Add(name, list = new List<InvocationExpressionSyntax>());
                        }

                        list.Add(invocation);
                    }
                }
            }
        }

        return candidates;
    }

    private static string? HandlerName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        CastExpressionSyntax cast => HandlerName(cast.Expression),
        ParenthesizedExpressionSyntax parenthesized => HandlerName(parenthesized.Expression),
        _ => null,
    };

    private void Bind(List<InvocationExpressionSyntax> invocations, CancellationToken cancellationToken)
    {
        foreach (var syntax in invocations)
        {
            var model = OperationBodies.ModelFor(syntax.SyntaxTree, _compilation);
            if (model.GetOperation(syntax, cancellationToken) is not IInvocationOperation invocation
                || !_model.TryGetMinimalEndpoint(invocation, out var endpoint)
                || endpoint.Handler is not IMethodReferenceOperation reference)
            {
                continue;
            }

            foreach (var declaration in reference.Method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                var node = declaration.GetSyntax(cancellationToken);
                if (!_handlers.TryGetValue(node, out var routes))
                {
                    _handlers.Add(node, routes = new List<string?>());
                }

                routes.Add(endpoint.Route);
            }
        }
    }
}

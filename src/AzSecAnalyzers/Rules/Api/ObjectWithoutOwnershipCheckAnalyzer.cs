using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC402: an endpoint that takes an id from the client and uses it directly to read or change a
/// stored object (EF Core, Cosmos DB, Azure Tables, Blob Storage) without ever looking at the caller
/// (<c>User</c>, a <c>ClaimsPrincipal</c>, <c>IAuthorizationService</c>). A heuristic, so Info.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("The ownership check depends on the app's data model (which property holds the owner); no mechanical rewrite can know it.")]
public sealed class ObjectWithoutOwnershipCheckAnalyzer : AzSecAnalyzer
{
    private static readonly ImmutableHashSet<string> QueryMethods = ImmutableHashSet.Create(
        "Find", "FindAsync", "First", "FirstAsync", "FirstOrDefault", "FirstOrDefaultAsync", "Single", "SingleAsync",
        "SingleOrDefault", "SingleOrDefaultAsync", "Where", "ExecuteDelete", "ExecuteDeleteAsync", "ExecuteUpdate", "ExecuteUpdateAsync");

    private static readonly ImmutableHashSet<string> CosmosMethods = ImmutableHashSet.Create(
        "ReadItemAsync", "ReadItemStreamAsync", "ReplaceItemAsync", "ReplaceItemStreamAsync", "DeleteItemAsync", "DeleteItemStreamAsync", "PatchItemAsync");

    private static readonly ImmutableHashSet<string> TableMethods = ImmutableHashSet.Create(
        "GetEntity", "GetEntityAsync", "GetEntityIfExists", "GetEntityIfExistsAsync", "DeleteEntity", "DeleteEntityAsync");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC402_ObjectWithoutOwnershipCheck);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var aspNetCore = types.AspNetCore;
        var functions = types.FunctionsHttpTriggers;
        if (!aspNetCore.HasEndpoints && !functions.IsAvailable)
        {
            return;
        }

        var rule = new Rule(
            types.Endpoints,
            functions,
            types.Get(WellKnownTypeNames.DbSet),
            ImmutableArray.Create(types.Get(WellKnownTypeNames.Queryable), types.Get(WellKnownTypeNames.EntityFrameworkQueryableExtensions)),
            types.Get(WellKnownTypeNames.CosmosContainer),
            types.Get(WellKnownTypeNames.TableClient),
            types.Get(WellKnownTypeNames.BlobContainerClient),
            context.Compilation);
        if (!rule.HasSinks)
        {
            return;
        }

        if (aspNetCore.ControllerBase is not null)
        {
            context.RegisterOperationBlockAction(rule.AnalyzeAction);
        }

        if (aspNetCore.EndpointRouteBuilderExtensions is not null)
        {
            context.RegisterOperationAction(rule.AnalyzeMinimalEndpoint, OperationKind.Invocation);
        }

        if (functions.IsAvailable)
        {
            context.RegisterOperationBlockAction(rule.AnalyzeFunction);
        }
    }

    private sealed class Rule
    {
        private readonly EndpointModel _model;
        private readonly FunctionsHttpTriggers _functions;
        private readonly INamedTypeSymbol? _dbSet;
        private readonly ImmutableArray<INamedTypeSymbol?> _queryables;
        private readonly INamedTypeSymbol? _cosmosContainer;
        private readonly INamedTypeSymbol? _tableClient;
        private readonly INamedTypeSymbol? _blobContainer;
        private readonly Compilation _compilation;

        public Rule(EndpointModel model, FunctionsHttpTriggers functions, INamedTypeSymbol? dbSet, ImmutableArray<INamedTypeSymbol?> queryables, INamedTypeSymbol? cosmosContainer, INamedTypeSymbol? tableClient, INamedTypeSymbol? blobContainer, Compilation compilation)
        {
            _model = model;
            _functions = functions;
            _dbSet = dbSet;
            _queryables = queryables;
            _cosmosContainer = cosmosContainer;
            _tableClient = tableClient;
            _blobContainer = blobContainer;
            _compilation = compilation;
        }

        public bool HasSinks => _dbSet is not null || _cosmosContainer is not null || _tableClient is not null || _blobContainer is not null;

        public void AnalyzeAction(OperationBlockAnalysisContext context)
        {
            if (context.OwningSymbol is not IMethodSymbol action
                || !_model.IsAction(action)
                || ((_model.ActionConventions(action) | _model.ControllerConventions(action.ContainingType)) & EndpointConventions.Anonymous) != 0)
            {
                return;
            }

            foreach (var block in context.OperationBlocks)
            {
                if (Analyze(action, block) is { } finding)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AZSEC402_ObjectWithoutOwnershipCheck,
                        finding.Location,
                        $"Action '{action.ContainingType.Name}.{action.Name}'",
                        finding.Parameter,
                        finding.Api));
                    return;
                }
            }
        }

        /// <summary>An Azure Functions HTTP trigger: its route and query values are ids from the client; master-key levels are admin-only.</summary>
        public void AnalyzeFunction(OperationBlockAnalysisContext context)
        {
            if (context.OwningSymbol is not IMethodSymbol method
                || !_functions.TryGetTrigger(method, out var trigger)
                || trigger.AuthorizationLevel is FunctionAuthorizationLevel.System or FunctionAuthorizationLevel.Admin)
            {
                return;
            }

            foreach (var block in context.OperationBlocks)
            {
                if (Analyze(method, block) is { } finding)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.AZSEC402_ObjectWithoutOwnershipCheck,
                        finding.Location,
                        $"Function '{trigger.Name ?? method.Name}'",
                        finding.Parameter,
                        finding.Api));
                    return;
                }
            }
        }

        public void AnalyzeMinimalEndpoint(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (!_model.TryGetMinimalEndpoint(invocation, out var endpoint)
                || endpoint.Handler is not { } handler
                || !CallbackBodies.TryGetBody(handler, _compilation, out var method, out var body)
                || method is null
                || body is null)
            {
                return;
            }

            _model.EndpointConventionsOf(endpoint, out var own);
            if ((own & EndpointConventions.Anonymous) != 0 || Analyze(method, body) is not { } finding)
            {
                return;
            }

            var name = endpoint.Route is { } route ? $"Endpoint '{invocation.TargetMethod.Name}(\"{route}\")'" : $"Endpoint '{invocation.TargetMethod.Name}'";
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC402_ObjectWithoutOwnershipCheck, finding.Location, name, finding.Parameter, finding.Api));
        }

        private (Location Location, string Parameter, string Api)? Analyze(IMethodSymbol method, IOperation body)
        {
            var ids = ImmutableArray.CreateBuilder<IParameterSymbol>();
            foreach (var parameter in method.Parameters)
            {
                if (IsIdParameter(parameter))
                {
                    ids.Add(parameter);
                }
            }

            if (ids.Count == 0)
            {
                return null;
            }

            (Location, string, string)? first = null;
            foreach (var operation in body.Descendants())
            {
                if (LooksAtCaller(operation))
                {
                    return null;
                }

                if (first is null
                    && operation is IInvocationOperation invocation
                    && SinkName(invocation) is { } api
                    && UsedParameter(invocation, ids) is { } parameter)
                {
                    var location = invocation.Syntax.MemberNameLocation();
                    first = (location, parameter.Name, api);
                }
            }

            return first;
        }

        private static bool IsIdParameter(IParameterSymbol parameter)
        {
            var name = parameter.Name;
            var named = string.Equals(name, "id", StringComparison.OrdinalIgnoreCase)
                || (name.Length > 2 && name.EndsWith("Id", StringComparison.Ordinal));
            if (!named)
            {
                return false;
            }

            var type = parameter.Type;
            return type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_String or SpecialType.System_Int16
                || (type.Name == "Guid" && type.ContainingNamespace?.Name == "System");
        }

        private bool LooksAtCaller(IOperation operation)
        {
            // Azure Functions: the caller's identities on HttpRequestData, or App Service authentication's x-ms-client-principal headers.
            if (operation is IPropertyReferenceOperation { Property.Name: "Identities" } identities && _functions.IsHttpRequestData(identities.Property.ContainingType)
                || operation is ILiteralOperation { ConstantValue.Value: string header } && header.StartsWith("x-ms-client-principal", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (operation is not (IPropertyReferenceOperation or IFieldReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation or IInvocationOperation))
            {
                return false;
            }

            var type = operation.Type;
            return TypeIdentity.IsOrInherits(type, _model.Types.ClaimsPrincipal)
                || TypeIdentity.IsOrInherits(type, _model.Types.AuthorizationService);
        }

        private string? SinkName(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            var containing = method.ContainingType;
            if (TypeIdentity.IsOrInherits(containing, _dbSet) && method.Name is "Find" or "FindAsync")
            {
                return "'DbSet." + method.Name + "'";
            }

            if (QueryMethods.Contains(method.Name))
            {
                foreach (var queryable in _queryables)
                {
                    if (TypeIdentity.Is(containing, queryable))
                    {
                        return "'" + method.Name + "'";
                    }
                }
            }

            if (CosmosMethods.Contains(method.Name) && TypeIdentity.IsOrInherits(containing, _cosmosContainer))
            {
                return "'Container." + method.Name + "'";
            }

            if (TableMethods.Contains(method.Name) && TypeIdentity.IsOrInherits(containing, _tableClient))
            {
                return "'TableClient." + method.Name + "'";
            }

            if (method.Name == "GetBlobClient" && TypeIdentity.IsOrInherits(containing, _blobContainer))
            {
                return "'BlobContainerClient.GetBlobClient'";
            }

            return null;
        }

        private static IParameterSymbol? UsedParameter(IInvocationOperation invocation, ImmutableArray<IParameterSymbol>.Builder ids)
        {
            foreach (var argument in invocation.Arguments)
            {
                foreach (var operation in argument.DescendantsAndSelf())
                {
                    if (operation is IParameterReferenceOperation reference)
                    {
                        foreach (var id in ids)
                        {
                            if (SymbolEqualityComparer.Default.Equals(reference.Parameter, id))
                            {
                                return id;
                            }
                        }
                    }
                }
            }

            return null;
        }
    }
}

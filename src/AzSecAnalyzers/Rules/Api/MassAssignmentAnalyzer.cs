using System.Threading;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC404: a persisted entity bound from the request (body, form, model binding) stored as it came: EF Core
/// <c>DbSet</c>/<c>DbContext</c> <c>Add/Update/Attach(Range)(Async)</c>, <c>PropertyValues.SetValues</c>, Cosmos
/// <c>Create/Upsert/ReplaceItemAsync</c>, Tables <c>Add/Upsert/UpdateEntity(Async)</c>. Built on the taint engine: the bound
/// object reaches the sink directly or through locals; any object creation (a DTO mapped onto a new entity) is clean.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("Which fields a client may set is the app's own knowledge; no mechanical rewrite can write the DTO and its mapping.")]
public sealed class MassAssignmentAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC404_MassAssignment);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var request = types.Requests;
        var rule = new Rule(
            request,
            types.Get(WellKnownTypeNames.DbSet),
            types.Get(WellKnownTypeNames.DbContext),
            types.Get(WellKnownTypeNames.PropertyValues),
            types.Get(WellKnownTypeNames.CosmosContainer),
            types.Get(WellKnownTypeNames.TableClient),
            types.Get(WellKnownTypeNames.BindAttribute),
            context.Compilation);
        if (!request.HasAny || !rule.HasSinks)
        {
            return;
        }

        var spec = new TaintSpec(RuleIds.MassAssignment, context.Compilation)
        {
            Source = request.TryGetSource,
            ParameterSource = rule.ParameterSource,
            Sanitizer = Rule.Sanitizer,
        };

        TaintSinks.Register<string>(context, spec, rule.FindSinks, Rule.Report, OperationKind.Invocation);
    }

    private sealed class Rule
    {
        private readonly RequestSources _request;
        private readonly INamedTypeSymbol? _dbSet;
        private readonly INamedTypeSymbol? _dbContext;
        private readonly INamedTypeSymbol? _propertyValues;
        private readonly INamedTypeSymbol? _container;
        private readonly INamedTypeSymbol? _tableClient;
        private readonly INamedTypeSymbol? _bind;
        private readonly Compilation _compilation;
        private HashSet<ITypeSymbol>? _entityTypes;

        public Rule(RequestSources request, INamedTypeSymbol? dbSet, INamedTypeSymbol? dbContext, INamedTypeSymbol? propertyValues, INamedTypeSymbol? container, INamedTypeSymbol? tableClient, INamedTypeSymbol? bind, Compilation compilation)
        {
            _request = request;
            _dbSet = dbSet;
            _dbContext = dbContext;
            _propertyValues = propertyValues;
            _container = container;
            _tableClient = tableClient;
            _bind = bind;
            _compilation = compilation;
        }

        public bool HasSinks => _dbSet is not null || _container is not null || _tableClient is not null;

        // ---- Spec ------------------------------------------------------------------------

        /// <summary>Request-bound parameters of a complex type, except those with a <c>[Bind("A,B")]</c> include list (on the parameter or its type).</summary>
        public bool ParameterSource(IParameterSymbol parameter, TaintFunction function, out TaintSource source)
        {
            source = default;
            if (parameter.Type.TypeKind is not (TypeKind.Class or TypeKind.Struct) || RequestSources.IsSimple(parameter.Type)
                || HasIncludeList(parameter) || HasIncludeList(parameter.Type))
            {
                return false;
            }

            return _request.TryGetParameterSource(parameter, function, out source) && source.Labels.HasAny(TaintLabels.Request);
        }

        /// <summary>
        /// A new object (a DTO mapped onto a new entity) is not the bound object, whatever it was filled from; nor is a
        /// scalar or string member read from it (<c>existing.Note = dto.Note</c> copies one chosen field).
        /// </summary>
        public static bool Sanitizer(IOperation operation) => operation switch
        {
            IObjectCreationOperation or IAnonymousObjectCreationOperation => true,
            IPropertyReferenceOperation or IFieldReferenceOperation => operation.Type is not { TypeKind: TypeKind.Class or TypeKind.Struct } type
                                                                       || type.SpecialType == SpecialType.System_String
                                                                       || RequestSources.IsSimple(type),
            _ => false,
        };

        private bool HasIncludeList(ISymbol symbol)
        {
            if (_bind is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (TypeIdentity.Is(attribute.AttributeClass, _bind))
                {
                    foreach (var argument in attribute.ConstructorArguments)
                    {
                        if (argument.Kind == TypedConstantKind.Array ? !argument.Values.IsDefaultOrEmpty : argument.Value is string { Length: > 0 })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // ---- Sinks -----------------------------------------------------------------------

        public void FindSinks(IOperation operation, TaintSinkCollector<string> sinks)
        {
            if (operation is not IInvocationOperation invocation)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            string? api = null;
            var needsEntityCheck = false;
            switch (method.Name)
            {
                case "Add" or "AddAsync" or "AddRange" or "AddRangeAsync" or "Update" or "UpdateRange" or "Attach" or "AttachRange":
                    if (_dbSet is not null && TypeIdentity.IsOrInherits(type.OriginalDefinition, _dbSet))
                    {
                        api = "DbSet." + method.Name;
                    }
                    else if (_dbContext is not null && TypeIdentity.IsOrInherits(type, _dbContext))
                    {
                        api = "DbContext." + method.Name;
                        needsEntityCheck = !method.IsGenericMethod;
                    }

                    break;
                case "SetValues" when _propertyValues is not null && TypeIdentity.IsOrInherits(type, _propertyValues):
                    api = "PropertyValues.SetValues";
                    needsEntityCheck = true;
                    break;
                case "CreateItemAsync" or "UpsertItemAsync" or "ReplaceItemAsync" when _container is not null && TypeIdentity.IsOrInherits(type, _container):
                    api = "Container." + method.Name;
                    break;
                case "AddEntity" or "AddEntityAsync" or "UpsertEntity" or "UpsertEntityAsync" or "UpdateEntity" or "UpdateEntityAsync" when _tableClient is not null && TypeIdentity.IsOrInherits(type, _tableClient):
                    api = "TableClient." + method.Name;
                    break;
            }

            if (api is null)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is not ("entity" or "entities" or "item" or "obj"))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        AddSink(sinks, element, invocation, api, needsEntityCheck);
                    }
                }
                else if (argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    AddSink(sinks, argument.Value, invocation, api, needsEntityCheck);
                }

                return;
            }
        }

        private void AddSink(TaintSinkCollector<string> sinks, IOperation value, IOperation invocation, string api, bool needsEntityCheck)
        {
            var stored = value.WalkDownConversionsAndDelegates();
            if (stored.Type is not { TypeKind: TypeKind.Class or TypeKind.Struct } type || stored.ConstantValue.HasValue
                || (needsEntityCheck && !IsEntityType(type)))
            {
                return;
            }

            sinks.Add(stored, invocation, "'" + api + "'");
        }

        /// <summary>The element type of a <c>DbSet&lt;T&gt;</c> property of a <c>DbContext</c> declared in this compilation (computed once, on first need).</summary>
        private bool IsEntityType(ITypeSymbol type)
        {
            var entities = Volatile.Read(ref _entityTypes);
            if (entities is null)
            {
                entities = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
                if (_dbSet is not null && _dbContext is not null)
                {
                    Collect(_compilation.Assembly.GlobalNamespace, entities, 0);
                }

                Interlocked.CompareExchange(ref _entityTypes, entities, null);
                entities = _entityTypes!;
            }

            return entities.Contains(type);
        }

        private void Collect(INamespaceOrTypeSymbol container, HashSet<ITypeSymbol> entities, int depth)
        {
            if (depth > 32)
            {
                return;
            }

            foreach (var member in container.GetMembers())
            {
                switch (member)
                {
                    case INamespaceSymbol ns:
                        Collect(ns, entities, depth + 1);
                        break;
                    case INamedTypeSymbol named:
                        if (TypeIdentity.IsOrInherits(named, _dbContext))
                        {
                            foreach (var contextMember in named.GetMembers())
                            {
                                if (contextMember is IPropertySymbol { Type: INamedTypeSymbol { TypeArguments.Length: 1 } propertyType }
                                    && TypeIdentity.Is(propertyType.OriginalDefinition, _dbSet))
                                {
                                    entities.Add(propertyType.TypeArguments[0]);
                                }
                            }
                        }

                        Collect(named, entities, depth + 1);
                        break;
                }
            }
        }

        // ---- Report ----------------------------------------------------------------------

        public static void Report(OperationBlockAnalysisContext context, TaintSink<string> sink, TaintValue value)
        {
            if (!value.Labels.IsFull() || !value.Labels.HasAny(TaintLabels.Request))
            {
                return;
            }

            var origin = value.Origin;
            var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC404_MassAssignment,
                sink.Value.Syntax.GetLocation(),
                additional,
                sink.Tag,
                sink.Value.Type?.Name ?? "entity",
                origin?.Description ?? "request input"));
        }
    }
}

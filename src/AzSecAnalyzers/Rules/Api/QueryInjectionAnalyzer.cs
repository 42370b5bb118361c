using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC410: query text built from non-constant values (interpolation, concatenation,
/// <c>string.Format</c>) reaching a data service's query-text parameter: Cosmos DB, Azure Tables,
/// Azure AI Search, SqlCommand, EF Core raw SQL, Dapper. Whatever the values' origin: query text
/// must always be parameterized. Reported on the query-text expression.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QueryInjectionAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property: which sink family, for the fixer (<see cref="SinkCosmos"/> …).</summary>
    public const string SinkProperty = "Sink";

    /// <summary>Diagnostic property, "true" when the reported expression is the built text itself (the only case the fixer rewrites).</summary>
    public const string DirectProperty = "Direct";

    public const string SinkCosmos = "Cosmos";
    public const string SinkCosmosIterator = "CosmosIterator";
    public const string SinkTables = "Tables";
    public const string SinkSearch = "Search";
    public const string SinkSqlCommand = "SqlCommand";
    public const string SinkEntityFramework = "EntityFramework";
    public const string SinkDapper = "Dapper";

    private const string DapperFix = "put @name placeholders in the text and pass the values as Dapper's param object (new { name })";
    private const string SqlCommandFix = "put @name placeholders in the text and add the values with command.Parameters.AddWithValue(\"@name\", value)";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC410_QueryInjection);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, KnownTypes types)
    {
        var sinks = new Sinks(types);
        if (!sinks.Any)
        {
            return;
        }

        var text = new QueryText(types);
        context.RegisterOperationAction(c => AnalyzeCreation(c, sinks, text), OperationKind.ObjectCreation);
        context.RegisterOperationAction(c => AnalyzeInvocation(c, sinks, text), OperationKind.Invocation);
        context.RegisterOperationAction(c => AnalyzeAssignment(c, sinks, text), OperationKind.SimpleAssignment);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context, Sinks sinks, QueryText text)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        var type = creation.Type as INamedTypeSymbol;
        if (Is(type, sinks.QueryDefinition))
        {
            Check(context, text, StringArgument(creation.Arguments, "query"), SinkCosmos, "QueryDefinition(string)", "put @name placeholders in the text and pass the values with .WithParameter(\"@name\", value)");
        }
        else if (Inherits(type, sinks.SqlCommand) || Inherits(type, sinks.LegacySqlCommand))
        {
            Check(context, text, StringArgument(creation.Arguments, "cmdText"), SinkSqlCommand, "SqlCommand(string)", SqlCommandFix);
        }
        else if (Is(type, sinks.CommandDefinition))
        {
            Check(context, text, StringArgument(creation.Arguments, "commandText"), SinkDapper, "CommandDefinition(string)", DapperFix);
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, Sinks sinks, QueryText text)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        var owner = method.ContainingType;
        var name = method.Name;
        if (Is(owner, sinks.Container) && name is "GetItemQueryIterator" or "GetItemQueryStreamIterator")
        {
            Check(context, text, StringArgument(invocation.Arguments, "queryText"), SinkCosmosIterator, $"Container.{name}(string)", "pass a QueryDefinition with @name placeholders and .WithParameter(\"@name\", value)");
        }
        else if ((Is(owner, sinks.TableClient) || Is(owner, sinks.TableServiceClient)) && name is "Query" or "QueryAsync")
        {
            Check(context, text, StringArgument(invocation.Arguments, "filter"), SinkTables, $"{owner.Name}.{name}(string filter)", $"build the filter with {owner.Name}.CreateQueryFilter($\"…\"), which quotes and escapes each value");
        }
        else if ((Is(owner, sinks.RelationalQueryable) && name == "FromSqlRaw")
                 || (Is(owner, sinks.RelationalDatabaseFacade) && name is "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "SqlQueryRaw"))
        {
            var safe = name.Replace("Raw", string.Empty);
            Check(context, text, StringArgument(invocation.Arguments, "sql"), SinkEntityFramework, name, $"use {safe}($\"…\"), which sends each interpolated value as a parameter");
        }
        else if (Is(owner, sinks.SqlMapper) && (name.StartsWith("Query", System.StringComparison.Ordinal) || name.StartsWith("Execute", System.StringComparison.Ordinal)))
        {
            Check(context, text, StringArgument(invocation.Arguments, "sql"), SinkDapper, $"Dapper {name}", DapperFix);
        }
    }

    private static void AnalyzeAssignment(OperationAnalysisContext context, Sinks sinks, QueryText text)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } target)
        {
            return;
        }

        if (property.Name == "Filter" && Is(property.ContainingType, sinks.SearchOptions))
        {
            Check(context, text, assignment.Value, SinkSearch, "SearchOptions.Filter", "build the filter with SearchFilter.Create($\"…\"), which quotes and escapes each value");
        }
        else if (property.Name == "CommandText"
                 && (Inherits(property.ContainingType, sinks.SqlCommand) || Inherits(property.ContainingType, sinks.LegacySqlCommand)
                     || Inherits(target.Instance?.Type as INamedTypeSymbol, sinks.SqlCommand) || Inherits(target.Instance?.Type as INamedTypeSymbol, sinks.LegacySqlCommand)))
        {
            Check(context, text, assignment.Value, SinkSqlCommand, "SqlCommand.CommandText", SqlCommandFix);
        }
    }

    private static void Check(OperationAnalysisContext context, QueryText text, IOperation? value, string sink, string api, string alternative)
    {
        if (value is null || Judge(text, value) is not { } finding)
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(SinkProperty, sink);
        if (finding.Direct)
        {
            properties = properties.Add(DirectProperty, "true");
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC410_QueryInjection,
            value.Syntax.GetLocation(),
            properties,
            api,
            finding.How,
            alternative));
    }

    /// <summary>The one place that decides whether query text reaching a sink is unsafe, and how it was built.</summary>
    private static (string How, bool Direct)? Judge(QueryText text, IOperation value)
        => text.UnsafeBuild(value) is { } how ? (how, true) : null;

    private static IOperation? StringArgument(ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && argument.Parameter is { Name: var name, Type.SpecialType: SpecialType.System_String }
                && name == parameterName)
            {
                return argument.Value;
            }
        }

        return null;
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

    private static bool Inherits(INamedTypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null && expected is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, expected))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Sinks
    {
        public Sinks(KnownTypes types)
        {
            QueryDefinition = types.Get(WellKnownTypeNames.QueryDefinition);
            Container = types.Get(WellKnownTypeNames.CosmosContainer);
            TableClient = types.Get(WellKnownTypeNames.TableClient);
            TableServiceClient = types.Get(WellKnownTypeNames.TableServiceClient);
            SearchOptions = types.Get(WellKnownTypeNames.SearchOptions);
            SqlCommand = types.Get(WellKnownTypeNames.SqlCommand);
            LegacySqlCommand = types.Get(WellKnownTypeNames.LegacySqlCommand);
            RelationalQueryable = types.Get(WellKnownTypeNames.RelationalQueryableExtensions);
            RelationalDatabaseFacade = types.Get(WellKnownTypeNames.RelationalDatabaseFacadeExtensions);
            SqlMapper = types.Get(WellKnownTypeNames.DapperSqlMapper);
            CommandDefinition = types.Get(WellKnownTypeNames.DapperCommandDefinition);
            Any = QueryDefinition is not null || Container is not null || TableClient is not null || TableServiceClient is not null
                  || SearchOptions is not null || SqlCommand is not null || LegacySqlCommand is not null || RelationalQueryable is not null
                  || RelationalDatabaseFacade is not null || SqlMapper is not null || CommandDefinition is not null;
        }

        public bool Any { get; }

        public INamedTypeSymbol? QueryDefinition { get; }

        public INamedTypeSymbol? Container { get; }

        public INamedTypeSymbol? TableClient { get; }

        public INamedTypeSymbol? TableServiceClient { get; }

        public INamedTypeSymbol? SearchOptions { get; }

        public INamedTypeSymbol? SqlCommand { get; }

        public INamedTypeSymbol? LegacySqlCommand { get; }

        public INamedTypeSymbol? RelationalQueryable { get; }

        public INamedTypeSymbol? RelationalDatabaseFacade { get; }

        public INamedTypeSymbol? SqlMapper { get; }

        public INamedTypeSymbol? CommandDefinition { get; }
    }
}

using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC410: query text built from non-constant values (interpolation, concatenation,
/// <c>string.Format</c>) reaching a data service's query-text parameter: Cosmos DB, Azure Tables,
/// Azure AI Search, SqlCommand, EF Core raw SQL, Dapper. Whatever the values' origin: query text
/// must always be parameterized. Reported on the query-text expression.
/// Text built in the sink's argument is judged by <see cref="QueryText"/>; text that reaches the sink
/// through a local, a field of <c>this</c>, a helper method or a <c>StringBuilder</c> is judged by the
/// shared taint engine with the spec built in <see cref="CreateSpec"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QueryInjectionAnalyzer : AzSecAnalyzer
{
    // The fix kind is the sink family (SinkCosmos …), set only when the reported expression is the built text
    // itself: the only case the fix rewrites.
    public const string SinkCosmos = "Cosmos";
    public const string SinkCosmosIterator = "CosmosIterator";
    public const string SinkTables = "Tables";
    public const string SinkSearch = "Search";
    public const string SinkSqlCommand = "SqlCommand";
    public const string SinkEntityFramework = "EntityFramework";
    public const string SinkDapper = "Dapper";

    /// <summary>A <c>DbCommand</c>/<c>IDbCommand</c> without <c>AddWithValue</c>: no fix.</summary>
    private const string SinkAdoNet = "AdoNet";

    private const string DapperFix = "put @name placeholders in the text and pass the values as Dapper's param object (new { name })";
    private const string AdoNetFix = "put @name placeholders in the text and add each value as a parameter (command.CreateParameter(), then command.Parameters.Add)";
    private const string SqlCommandFix = "put @name placeholders in the text and add the values with command.Parameters.AddWithValue(\"@name\", value)";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC410_QueryInjection);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var sinks = new Sinks(types);
        if (!sinks.Any)
        {
            return;
        }

        var text = new QueryText(types);
        var spec = CreateSpec(context.Compilation, text);
        context.RegisterOperationBlockStartAction(start =>
        {
            // Sinks whose text is not built in place wait for the block's end, where the engine follows them back.
            // Each flow's tag: the sink, and the in-place build it stands for when it follows one of its locals.
            List<TaintSink<(QuerySink Sink, PendingInPlace? Pending)>>? flows = null;
            var gate = new object();
            start.RegisterOperationAction(
                c =>
                {
                    if (Match(c.Operation, sinks) is not { } sink)
                    {
                        return;
                    }

                    if (start.OwningSymbol is not IMethodSymbol)
                    {
                        // Field initializers and attributes: no control-flow graph, judged in place only.
                        if (text.UnsafeBuild(sink.Value) is { } inPlace)
                        {
                            Report(c.ReportDiagnostic, sink, inPlace, direct: true);
                        }

                        return;
                    }

                    var locals = new List<IOperation>();
                    if (text.UnsafeBuild(sink.Value, locals) is { } how)
                    {
                        Report(c.ReportDiagnostic, sink, how, direct: true);
                        return;
                    }

                    lock (gate)
                    {
                        if (locals.Count > 0)
                        {
                            // Built in place from locals: the engine says whether a local holds non-constant text.
                            var pending = new PendingInPlace(sink, QueryText.BuildKind(sink.Value) ?? QueryText.Concatenation);
                            foreach (var local in locals)
                            {
                                (flows ??= new()).Add(new(local, c.Operation, (sink, pending)));
                            }
                        }
                        else if (!QueryText.IsBuiltText(sink.Value))
                        {
                            (flows ??= new()).Add(new(sink.Value, c.Operation, (sink, null)));
                        }
                    }
                },
                OperationKind.ObjectCreation,
                OperationKind.Invocation,
                OperationKind.SimpleAssignment);
            start.RegisterOperationBlockEndAction(end =>
            {
                if (flows is null)
                {
                    return;
                }

                var values = TaintSinks.Query(end, spec, flows);
                for (var i = 0; i < flows.Count; i++)
                {
                    var labels = values[i].Labels;
                    var (sink, pending) = flows[i].Tag;
                    if (pending is not null)
                    {
                        if (!pending.Reported && labels.IsText() && labels.HasAny(TaintLabels.NonConstant))
                        {
                            pending.Reported = true;
                            Report(end.ReportDiagnostic, pending.Sink, pending.How, direct: true);
                        }
                    }
                    else if (IsBuiltFromNonConstant(labels))
                    {
                        Report(end.ReportDiagnostic, sink, BuiltWhere(flows[i].Value), direct: false);
                    }
                }
            });
        });
    }

    /// <summary>
    /// AZSEC410 as a taint spec: every text value the engine cannot see the constant content of is
    /// <see cref="TaintLabels.NonConstant"/> (parameters, external results, fields), the SDK's escaping
    /// helpers sanitize, and any constant text at the start of a concatenation, interpolation,
    /// <c>string.Format</c> or <c>StringBuilder</c> "pins" it: a non-constant part appended after it is
    /// <see cref="TaintLabels.AfterPrefix"/>. So <see cref="TaintLabels.AfterPrefix"/> at a sink means
    /// "query text built from constant text and non-constant values", while a value merely passed
    /// through (<c>new QueryDefinition(query)</c> with <c>query</c> a parameter) stays
    /// <see cref="TaintLabels.Full"/>: the caller that built it is where the finding belongs.
    /// Scalar values (numbers, Guid, dates, enums) become <see cref="TaintLabels.Typed"/> and do not count.
    /// </summary>
    private static TaintSpec CreateSpec(Compilation compilation, QueryText text) => new(RuleIds.QueryInjection, compilation)
    {
        ParameterSource = static (IParameterSymbol parameter, TaintFunction _, out TaintSource source) =>
        {
            if (parameter.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object)
            {
                source = new TaintSource(TaintLabels.NonConstant | TaintLabels.Full, "parameter '" + parameter.Name + "'");
                return true;
            }

            source = default;
            return false;
        },
        // string.Join is a library call the engine would read through its arguments (a List<string> parameter
        // is not text, so it would be clean): an IN (…) list of quoted values is judged here instead.
        Source = (IOperation operation, out TaintSource source) =>
        {
            if (text.IsSafeJoin(operation) == false)
            {
                source = new TaintSource(TaintLabels.NonConstant | TaintLabels.Full, "string.Join");
                return true;
            }

            source = default;
            return false;
        },
        UnknownValue = static operation => operation.Type?.SpecialType is SpecialType.System_String or SpecialType.System_Object
            ? TaintLabels.NonConstant | TaintLabels.Full
            : TaintLabels.None,
        Sanitizer = operation => operation is IInvocationOperation invocation && text.IsEscapingHelper(invocation.TargetMethod),
        IsPinningPrefix = static prefix => !string.IsNullOrWhiteSpace(prefix),
    };

    private static bool IsBuiltFromNonConstant(TaintLabels labels)
        => (labels & TaintLabels.AfterPrefix) != 0 && labels.HasAny(TaintLabels.NonConstant);

    /// <summary>How the message says where flowed text was built: "in 'sql'", "with a StringBuilder", "by 'BuildQuery'".</summary>
    private static string BuiltWhere(IOperation value) => value.WalkDownConversionsAndDelegates() switch
    {
        ILocalReferenceOperation local => $"in '{local.Local.Name}'",
        IParameterReferenceOperation parameter => $"in '{parameter.Parameter.Name}'",
        IFieldReferenceOperation field => $"in '{field.Field.Name}'",
        IPropertyReferenceOperation property => $"in '{property.Property.Name}'",
        IInvocationOperation { TargetMethod: { Name: "ToString", ContainingType.Name: "StringBuilder" } } => "with a StringBuilder",
        IInvocationOperation invocation => $"by '{invocation.TargetMethod.Name}'",
        _ => "before the call",
    };

    /// <summary>The query-text value and sink description when <paramref name="operation"/> is one of the rule's sinks; otherwise null (AZSEC414 reuses it).</summary>
    internal static QuerySink? Match(IOperation operation, Sinks sinks) => operation switch
    {
        IObjectCreationOperation creation => MatchCreation(creation, sinks),
        IInvocationOperation invocation => MatchInvocation(invocation, sinks),
        ISimpleAssignmentOperation assignment => MatchAssignment(assignment, sinks),
        _ => null,
    };

    private static QuerySink? MatchCreation(IObjectCreationOperation creation, Sinks sinks)
    {
        var type = creation.Type as INamedTypeSymbol;
        if (TypeIdentity.Is(type, sinks.QueryDefinition))
        {
            return QuerySink.Create(StringArgument(creation.Arguments, "query"), SinkCosmos, "QueryDefinition(string)", "put @name placeholders in the text and pass the values with .WithParameter(\"@name\", value)");
        }

        if (sinks.IsCommand(type))
        {
            // SqlClient names it cmdText; Sqlite, Npgsql, MySqlConnector commandText.
            return CommandSink(StringArgument(creation.Arguments, "cmdText") ?? StringArgument(creation.Arguments, "commandText"), type!, type!.Name + "(string)");
        }

        return TypeIdentity.Is(type, sinks.CommandDefinition)
            ? QuerySink.Create(StringArgument(creation.Arguments, "commandText"), SinkDapper, "CommandDefinition(string)", DapperFix)
            : null;
    }

    private static QuerySink? MatchInvocation(IInvocationOperation invocation, Sinks sinks)
    {
        var method = invocation.TargetMethod;
        var owner = method.ContainingType;
        var name = method.Name;
        if (TypeIdentity.Is(owner, sinks.Container) && name is "GetItemQueryIterator" or "GetItemQueryStreamIterator")
        {
            return QuerySink.Create(StringArgument(invocation.Arguments, "queryText"), SinkCosmosIterator, $"Container.{name}(string)", "pass a QueryDefinition with @name placeholders and .WithParameter(\"@name\", value)");
        }

        if ((TypeIdentity.Is(owner, sinks.TableClient) || TypeIdentity.Is(owner, sinks.TableServiceClient)) && name is "Query" or "QueryAsync")
        {
            return QuerySink.Create(StringArgument(invocation.Arguments, "filter"), SinkTables, $"{owner.Name}.{name}(string filter)", $"build the filter with {owner.Name}.CreateQueryFilter($\"…\"), which quotes and escapes each value");
        }

        if ((TypeIdentity.Is(owner, sinks.RelationalQueryable) && name == "FromSqlRaw")
            || (TypeIdentity.Is(owner, sinks.RelationalDatabaseFacade) && name is "ExecuteSqlRaw" or "ExecuteSqlRawAsync" or "SqlQueryRaw"))
        {
            return QuerySink.Create(StringArgument(invocation.Arguments, "sql"), SinkEntityFramework, name, $"use {name.Replace("Raw", string.Empty)}($\"…\"), which sends each interpolated value as a parameter");
        }

        return TypeIdentity.Is(owner, sinks.SqlMapper) && (name.StartsWith("Query", System.StringComparison.Ordinal) || name.StartsWith("Execute", System.StringComparison.Ordinal))
            ? QuerySink.Create(StringArgument(invocation.Arguments, "sql"), SinkDapper, $"Dapper {name}", DapperFix)
            : null;
    }

    private static QuerySink? MatchAssignment(ISimpleAssignmentOperation assignment, Sinks sinks)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } target)
        {
            return null;
        }

        if (property.Name == "Filter" && TypeIdentity.Is(property.ContainingType, sinks.SearchOptions))
        {
            return QuerySink.Create(assignment.Value, SinkSearch, "SearchOptions.Filter", "build the filter with SearchFilter.Create($\"…\"), which quotes and escapes each value");
        }

        if (property.Name != "CommandText")
        {
            return null;
        }

        // Named by the command's own type where it is known (a command from CreateCommand() is typed by its
        // connection: DbCommand, IDbCommand or the provider's command).
        var instanceType = target.Instance?.WalkDownConversionsAndDelegates().Type;
        var command = sinks.IsCommand(instanceType) ? instanceType : sinks.IsCommand(property.ContainingType) ? property.ContainingType : null;
        return command is null ? null : CommandSink(assignment.Value, command, command.Name + ".CommandText");
    }

    /// <summary>
    /// An ADO.NET command's text. The fix adds <c>Parameters.AddWithValue</c>, which SqlClient, Sqlite, Npgsql and
    /// MySqlConnector commands have and <c>DbCommand</c>/<c>IDbCommand</c> do not: those get advice, no fix.
    /// </summary>
    private static QuerySink? CommandSink(IOperation? value, ITypeSymbol command, string api)
        => HasAddWithValue(command)
            ? QuerySink.Create(value, SinkSqlCommand, api, SqlCommandFix)
            : QuerySink.Create(value, SinkAdoNet, api, AdoNetFix);

    private static bool HasAddWithValue(ITypeSymbol command)
    {
        for (var type = command; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers("Parameters"))
            {
                if (member is IPropertySymbol { Type: var parameters })
                {
                    return !parameters.GetMembers("AddWithValue").IsEmpty;
                }
            }
        }

        return false;
    }

    private static void Report(System.Action<Diagnostic> report, QuerySink sink, string how, bool direct)
    {
        var properties = FixContract.Properties(direct ? sink.Kind : null);
        report(Diagnostic.Create(
            Descriptors.AZSEC410_QueryInjection,
            sink.Value.Syntax.GetLocation(),
            properties,
            sink.Api,
            how,
            sink.Alternative));
    }

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

    internal sealed class Sinks
    {
        public Sinks(AzSecContext types)
        {
            QueryDefinition = types.Get(WellKnownTypeNames.QueryDefinition);
            Container = types.Get(WellKnownTypeNames.CosmosContainer);
            TableClient = types.Get(WellKnownTypeNames.TableClient);
            TableServiceClient = types.Get(WellKnownTypeNames.TableServiceClient);
            SearchOptions = types.Get(WellKnownTypeNames.SearchOptions);
            DbCommand = types.Get(WellKnownTypeNames.DbCommand);
            IDbCommand = types.Get(WellKnownTypeNames.IDbCommand);
            RelationalQueryable = types.Get(WellKnownTypeNames.RelationalQueryableExtensions);
            RelationalDatabaseFacade = types.Get(WellKnownTypeNames.RelationalDatabaseFacadeExtensions);
            SqlMapper = types.Get(WellKnownTypeNames.DapperSqlMapper);
            CommandDefinition = types.Get(WellKnownTypeNames.DapperCommandDefinition);
            Any = QueryDefinition is not null || Container is not null || TableClient is not null || TableServiceClient is not null
                  || SearchOptions is not null || DbCommand is not null || IDbCommand is not null || RelationalQueryable is not null
                  || RelationalDatabaseFacade is not null || SqlMapper is not null || CommandDefinition is not null;
        }

        public bool Any { get; }

        public INamedTypeSymbol? QueryDefinition { get; }

        public INamedTypeSymbol? Container { get; }

        public INamedTypeSymbol? TableClient { get; }

        public INamedTypeSymbol? TableServiceClient { get; }

        public INamedTypeSymbol? SearchOptions { get; }

        /// <summary>Every ADO.NET provider's command derives from it (SqlClient, Sqlite, Npgsql, MySqlConnector …).</summary>
        public INamedTypeSymbol? DbCommand { get; }

        public INamedTypeSymbol? IDbCommand { get; }

        public bool IsCommand(ITypeSymbol? type) => TypeIdentity.IsOrInherits(type, DbCommand) || TypeIdentity.IsOrInherits(type, IDbCommand);

        public INamedTypeSymbol? RelationalQueryable { get; }

        public INamedTypeSymbol? RelationalDatabaseFacade { get; }

        public INamedTypeSymbol? SqlMapper { get; }

        public INamedTypeSymbol? CommandDefinition { get; }
    }

    /// <summary>One sink found: the query-text value and how the message names the API and its parameterized alternative.</summary>
    internal sealed class QuerySink
    {
        private QuerySink(IOperation value, string kind, string api, string alternative)
        {
            Value = value;
            Kind = kind;
            Api = api;
            Alternative = alternative;
        }

        public IOperation Value { get; }

        public string Kind { get; }

        public string Api { get; }

        public string Alternative { get; }

        public static QuerySink? Create(IOperation? value, string kind, string api, string alternative)
            => value is null || value.ConstantValue.HasValue ? null : new QuerySink(value, kind, api, alternative);
    }

    /// <summary>Text built in the sink's argument whose only doubtful parts are locals, waiting for the engine's verdict on them.</summary>
    private sealed class PendingInPlace
    {
        public PendingInPlace(QuerySink sink, string how)
        {
            Sink = sink;
            How = how;
        }

        public QuerySink Sink { get; }

        public string How { get; }

        public bool Reported { get; set; }
    }
}

using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Identity;

/// <summary>
/// AZSEC202: a SQL user name and password against Azure SQL (<c>*.database.windows.net</c> and the sovereign
/// clouds), in a constant connection string given to <c>SqlConnection</c>, <c>SqlConnectionStringBuilder</c> or
/// EF Core's <c>UseSqlServer</c>, or in <c>SqlConnectionStringBuilder</c> property assignments; an interpolated or
/// concatenated connection string counts when its constant parts name the Azure SQL server, a user and a password.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SqlAuthenticationToAzureSqlAnalyzer : AzSecAnalyzer
{
    /// <summary>The connection string is a string literal right there: rewrite it.</summary>
    public const string FixLiteral = "Literal";

    /// <summary>The password is a member of a <c>SqlConnectionStringBuilder</c> object initializer.</summary>
    public const string FixInitializer = "Initializer";

    private static readonly string[] ServerKeys = { "Server", "Data Source", "Address", "Addr", "Network Address" };
    internal static readonly string[] UserKeys = { "User ID", "UID", "User", "Username", "User Name" };
    internal static readonly string[] PasswordKeys = { "Password", "PWD" };

    // Stands for a part computed at run time: a non-empty host label and value, never a key or an Authentication method.
    private const string RuntimeValue = "x0";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC202_SqlAuthenticationToAzureSql);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var connections = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        var builders = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        AddIfPresent(connections, types.Get(WellKnownTypeNames.SqlConnection));
        AddIfPresent(connections, types.Get(WellKnownTypeNames.LegacySqlConnection));
        AddIfPresent(builders, types.Get(WellKnownTypeNames.SqlConnectionStringBuilder));
        AddIfPresent(builders, types.Get(WellKnownTypeNames.LegacySqlConnectionStringBuilder));
        var efExtensions = types.Get(WellKnownTypeNames.SqlServerDbContextOptionsExtensions);
        if (connections.Count == 0 && builders.Count == 0 && efExtensions is null)
        {
            return;
        }

        var rule = new Rule(connections.ToImmutable(), builders.ToImmutable(), efExtensions);
        context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
    }

    private static void AddIfPresent(ImmutableHashSet<INamedTypeSymbol>.Builder set, INamedTypeSymbol? type)
    {
        if (type is not null)
        {
            set.Add(type);
        }
    }

    /// <summary>True when the connection string addresses Azure SQL with SQL authentication (user name and password, no Entra ID method).</summary>
    internal static bool UsesSqlAuthenticationAgainstAzureSql(string text)
    {
        var connectionString = ConnectionString.Parse(text);
        return !connectionString.IsEmpty
            && connectionString.TryGetAny(out var server, ServerKeys)
            && AzureEndpoints.ClassifyHost(server.Value) == AzureService.Sql
            && connectionString.TryGetAny(out var user, UserKeys) && user.Value.Length > 0
            && connectionString.TryGetAny(out var password, PasswordKeys) && password.Value.Length > 0
            && IsSqlAuthentication(connectionString["Authentication"]);
    }

    private static bool IsSqlAuthentication(string? authentication)
        => authentication is null
           || authentication.Trim().Length == 0
           || authentication.Replace(" ", string.Empty).Equals("SqlPassword", StringComparison.OrdinalIgnoreCase);

    private sealed class Rule
    {
        private readonly ImmutableHashSet<INamedTypeSymbol> _connections;
        private readonly ImmutableHashSet<INamedTypeSymbol> _builders;
        private readonly INamedTypeSymbol? _efExtensions;

        public Rule(ImmutableHashSet<INamedTypeSymbol> connections, ImmutableHashSet<INamedTypeSymbol> builders, INamedTypeSymbol? efExtensions)
        {
            _connections = connections;
            _builders = builders;
            _efExtensions = efExtensions;
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is not { Name: "connectionString" } parameter
                || parameter.Type.SpecialType != SpecialType.System_String
                || parameter.ContainingSymbol is not IMethodSymbol method)
            {
                return;
            }

            var owner = method.ContainingType.OriginalDefinition;
            string api;
            if (method.MethodKind == MethodKind.Constructor && (_connections.Contains(owner) || _builders.Contains(owner)))
            {
                api = $"'{owner.Name}'";
            }
            else if (SymbolEqualityComparer.Default.Equals(owner, _efExtensions) && method.Name == "UseSqlServer")
            {
                api = "'UseSqlServer'";
            }
            else
            {
                return;
            }

            ReportIfSqlAuthentication(context, argument.Value, api);
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target)
            {
                return;
            }

            var owner = target.Property.ContainingType.OriginalDefinition;
            if (target.Property.Name == "ConnectionString" && (_connections.Contains(owner) || _builders.Contains(owner)))
            {
                ReportIfSqlAuthentication(context, assignment.Value, $"'{owner.Name}.ConnectionString'");
                return;
            }

            if (target.Property.Name == "Password" && _builders.Contains(owner) && BuilderUsesSqlAuthenticationAgainstAzureSql(assignment, target))
            {
                var inInitializer = assignment.Parent is IObjectOrCollectionInitializerOperation;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AZSEC202_SqlAuthenticationToAzureSql,
                    target.Syntax.MemberNameLocation(),
                    FixContract.Properties(inInitializer ? FixInitializer : null),
                    $"'{owner.Name}.Password'"));
            }
        }

        private static void ReportIfSqlAuthentication(OperationAnalysisContext context, IOperation value, string api)
        {
            value = value.WalkDownConversionsAndDelegates();
            if (value.ConstantValue is not { HasValue: true, Value: string text })
            {
                // Built at run time: judged by its constant parts (directly, or in a local's only initializer).
                if (ComposedText.TryRender(SymbolWrites.FollowOnlyInitializers(value), RuntimeValue, out var composed) && UsesSqlAuthenticationAgainstAzureSql(composed))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC202_SqlAuthenticationToAzureSql, value.Syntax.GetLocation(), FixContract.Properties(null), api));
                }

                return;
            }

            if (!UsesSqlAuthenticationAgainstAzureSql(text))
            {
                return;
            }

            var isLiteral = value.Syntax is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression };
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC202_SqlAuthenticationToAzureSql,
                value.Syntax.GetLocation(),
                FixContract.Properties(isLiteral ? FixLiteral : null),
                api));
        }

        /// <summary>
        /// The builder the password is assigned to also gets an Azure SQL data source and a user id, and no
        /// Authentication method: in the same object initializer, or in assignments to the same local in the same block.
        /// </summary>
        private static bool BuilderUsesSqlAuthenticationAgainstAzureSql(ISimpleAssignmentOperation passwordAssignment, IPropertyReferenceOperation target)
        {
            // `Password =` while typing binds to an invalid operation: judge it once it parses.
            if (passwordAssignment.Value.ConstantValue is { HasValue: true, Value: null or "" } || passwordAssignment.Value is IInvalidOperation)
            {
                return false;
            }

            ImmutableArray<IOperation> siblings;
            ILocalSymbol? local = null;
            if (passwordAssignment.Parent is IObjectOrCollectionInitializerOperation initializer)
            {
                siblings = initializer.Initializers;
            }
            else if (target.Instance is ILocalReferenceOperation localReference
                     && passwordAssignment.Parent is IExpressionStatementOperation { Parent: IBlockOperation block })
            {
                local = localReference.Local;
                siblings = block.Operations;
            }
            else
            {
                return false;
            }

            var azureSql = false;
            var user = false;
            foreach (var sibling in siblings)
            {
                foreach (var assignment in AssignmentsIn(sibling, local))
                {
                    var value = assignment.Value.ConstantValue;
                    switch (((IPropertyReferenceOperation)assignment.Target).Property.Name)
                    {
                        case "DataSource":
                            azureSql = value is { HasValue: true, Value: string server } && AzureEndpoints.ClassifyHost(server) == AzureService.Sql;
                            break;
                        case "UserID":
                            user = !(value is { HasValue: true, Value: null or "" });
                            break;
                        case "Authentication":
                            return false;
                    }
                }
            }

            return azureSql && user;
        }

        /// <summary>The property assignment in an initializer member, or the assignments to <paramref name="local"/>'s properties in a statement (also in its declaration's initializer).</summary>
        private static ImmutableArray<IAssignmentOperation> AssignmentsIn(IOperation operation, ILocalSymbol? local)
        {
            if (local is null)
            {
                return operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } member
                    ? ImmutableArray.Create<IAssignmentOperation>(member)
                    : ImmutableArray<IAssignmentOperation>.Empty;
            }

            var result = ImmutableArray.CreateBuilder<IAssignmentOperation>();
            switch (operation)
            {
                case IExpressionStatementOperation { Operation: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Instance: ILocalReferenceOperation reference } } assignment }
                    when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    result.Add(assignment);
                    break;
                case IVariableDeclarationGroupOperation group:
                    foreach (var declaration in group.Declarations)
                    {
                        foreach (var declarator in declaration.Declarators)
                        {
                            if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)
                                && (declarator.Initializer ?? declaration.Initializer)?.Value.WalkDownConversionsAndDelegates() is IObjectCreationOperation { Initializer: { } initializer })
                            {
                                foreach (var member in initializer.Initializers)
                                {
                                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } memberAssignment)
                                    {
                                        result.Add(memberAssignment);
                                    }
                                }
                            }
                        }
                    }

                    break;
            }

            return result.ToImmutable();
        }
    }
}

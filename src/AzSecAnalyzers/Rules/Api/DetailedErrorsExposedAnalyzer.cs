using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC408: the developer exception page, detailed Blazor/SignalR errors, JWT error details or
/// EF Core's detailed errors and sensitive data logging, outside a development-environment check.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DetailedErrorsExposedAnalyzer : AzSecAnalyzer
{
    /// <summary>The message's advice in <c>DbContext.OnConfiguring</c>, where no <c>app</c> exists.</summary>
    public const string OnConfiguringAdvice = "call it only when the context knows it runs in development: inject IHostEnvironment (or a configuration setting) into the DbContext's constructor and check env.IsDevelopment() in OnConfiguring, or enable it in AddDbContext inside if (builder.Environment.IsDevelopment())";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC408_DetailedErrorsExposed);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var exceptionPage = types.Get(WellKnownTypeNames.DeveloperExceptionPageExtensions);
        var dbContextOptions = types.Get(WellKnownTypeNames.DbContextOptionsBuilder);
        var properties = ImmutableArray.CreateBuilder<(INamedTypeSymbol Type, string Property)>();
        Add(WellKnownTypeNames.CircuitOptions, "DetailedErrors");
        Add(WellKnownTypeNames.RazorComponentsServiceOptions, "DetailedErrors");
        Add(WellKnownTypeNames.HubOptions, "EnableDetailedErrors");
        Add(WellKnownTypeNames.JwtBearerOptions, "IncludeErrorDetails");

        if (exceptionPage is null && dbContextOptions is null && properties.Count == 0)
        {
            return;
        }

        var rule = new Rule(exceptionPage, dbContextOptions, properties.ToImmutable(), DevelopmentGuard.Create(types));
        context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
        if (properties.Count > 0)
        {
            context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        void Add(string typeName, string property)
        {
            if (types.Get(typeName) is { } type)
            {
                properties.Add((type, property));
            }
        }
    }

    private sealed class Rule
    {
        private readonly INamedTypeSymbol? _exceptionPage;
        private readonly INamedTypeSymbol? _dbContextOptions;
        private readonly ImmutableArray<(INamedTypeSymbol Type, string Property)> _properties;
        private readonly DevelopmentGuard _guard;

        public Rule(INamedTypeSymbol? exceptionPage, INamedTypeSymbol? dbContextOptions, ImmutableArray<(INamedTypeSymbol, string)> properties, DevelopmentGuard guard)
        {
            _exceptionPage = exceptionPage;
            _dbContextOptions = dbContextOptions;
            _properties = properties;
            _guard = guard;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            string api;
            if (method.Name == "UseDeveloperExceptionPage" && TypeIdentity.Is(method.ContainingType, _exceptionPage))
            {
                api = "UseDeveloperExceptionPage()";
            }
            else if (method.Name is "EnableDetailedErrors" or "EnableSensitiveDataLogging"
                     && TypeIdentity.IsOrInherits(method.ContainingType, _dbContextOptions)
                     && IsEnabled(invocation))
            {
                api = method.Name + "()";
            }
            else
            {
                return;
            }

            if (!_guard.IsGuarded(invocation))
            {
                DevelopmentOnly.Report(context, Descriptors.AZSEC408_DetailedErrorsExposed, invocation, api, Advice(context.ContainingSymbol));
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property }
                || assignment.Value.WalkDownConversionsAndDelegates().ConstantValue is not { HasValue: true, Value: true })
            {
                return;
            }

            foreach (var (type, name) in _properties)
            {
                if (property.Name == name && TypeIdentity.IsOrInherits(property.ContainingType, type))
                {
                    if (!_guard.IsGuarded(assignment))
                    {
                        DevelopmentOnly.Report(context, Descriptors.AZSEC408_DetailedErrorsExposed, assignment, $"'{type.Name}.{name} = true'", Advice(context.ContainingSymbol));
                    }

                    return;
                }
            }
        }

        /// <summary>
        /// Inside a <c>DbContext</c>'s <c>OnConfiguring</c> there is no <c>app</c> to ask: the environment (or a setting)
        /// has to reach the context first, so the message says how.
        /// </summary>
        private static string Advice(ISymbol containing)
            => containing is IMethodSymbol { Name: "OnConfiguring", IsOverride: true }
                ? OnConfiguringAdvice
                : DevelopmentOnly.WrapAdvice;

        /// <summary><c>EnableSensitiveDataLogging()</c> and <c>(true)</c> enable; <c>(false)</c> and a configured value do not count.</summary>
        private static bool IsEnabled(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Type.SpecialType == SpecialType.System_Boolean)
                {
                    return argument.Value.ConstantValue is { HasValue: true, Value: true };
                }
            }

            return true;
        }
    }
}

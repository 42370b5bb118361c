using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC413: Swashbuckle's <c>UseSwagger</c>/<c>UseSwaggerUI</c>, <c>MapOpenApi</c> or Scalar's
/// <c>MapScalarApiReference</c> outside a development-environment check. Documentation endpoints
/// that require authorization are left alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ApiDocumentationExposedAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC413_ApiDocumentationExposed);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var sources = ImmutableArray.CreateBuilder<(INamedTypeSymbol Type, string Method)>();
        Add(WellKnownTypeNames.SwaggerBuilderExtensions, "UseSwagger");
        Add(WellKnownTypeNames.SwaggerUIBuilderExtensions, "UseSwaggerUI");
        Add(WellKnownTypeNames.OpenApiEndpointRouteBuilderExtensions, "MapOpenApi");
        Add(WellKnownTypeNames.ScalarEndpointRouteBuilderExtensions, "MapScalarApiReference");
        if (sources.Count == 0)
        {
            return;
        }

        var methods = sources.ToImmutable();
        var guard = DevelopmentGuard.Create(types);
        var model = types.Endpoints;
        context.RegisterOperationAction(c => Analyze(c, methods, guard, model), OperationKind.Invocation);

        void Add(string typeName, string method)
        {
            if (types.Get(typeName) is { } type)
            {
                sources.Add((type, method));
            }
        }
    }

    private static void Analyze(OperationAnalysisContext context, ImmutableArray<(INamedTypeSymbol Type, string Method)> methods, DevelopmentGuard guard, EndpointModel model)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var target = invocation.TargetMethod;
        foreach (var (type, name) in methods)
        {
            if (target.Name != name || !TypeIdentity.Is(target.ContainingType, type))
            {
                continue;
            }

            if (guard.IsGuarded(invocation) || (model.ChainConventions(invocation) & EndpointConventions.Authorize) != 0)
            {
                return;
            }

            DevelopmentOnly.Report(context, Descriptors.AZSEC413_ApiDocumentationExposed, invocation, name + "()");
            return;
        }
    }
}

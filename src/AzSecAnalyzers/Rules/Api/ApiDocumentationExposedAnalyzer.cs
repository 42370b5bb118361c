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
        if (DocumentationApi(invocation, methods) is not { } name || IsAllowed(invocation, guard, model))
        {
            return;
        }

        // One finding per block: the first unguarded documentation call of the block's statements reports, the
        // others are its additional locations, so the fix wraps them together.
        List<Location>? others = null;
        if (Statement(invocation) is { Parent: IBlockOperation block })
        {
            var position = Position(invocation);
            foreach (var statement in block.Operations)
            {
                for (var call = StatementCall(statement); call is not null; call = Receiver(call))
                {
                    if (call == invocation || DocumentationApi(call, methods) is null || IsAllowed(call, guard, model))
                    {
                        continue;
                    }

                    if (Position(call) < position)
                    {
                        return;
                    }

                    (others ??= new()).Add(call.Syntax.MemberNameLocation());
                }
            }
        }

        DevelopmentOnly.Report(context, Descriptors.AZSEC413_ApiDocumentationExposed, invocation, others, name + "()");
    }

    private static string? DocumentationApi(IInvocationOperation invocation, ImmutableArray<(INamedTypeSymbol Type, string Method)> methods)
    {
        var target = invocation.TargetMethod;
        foreach (var (type, name) in methods)
        {
            if (target.Name == name && TypeIdentity.Is(target.ContainingType, type))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsAllowed(IInvocationOperation invocation, DevelopmentGuard guard, EndpointModel model)
        => guard.IsGuarded(invocation) || (model.ChainConventions(invocation) & EndpointConventions.Authorize) != 0;

    private static int Position(IInvocationOperation invocation) => invocation.Syntax.MemberNameLocation().SourceSpan.Start;

    /// <summary>The expression statement that is this call or a call chain containing it.</summary>
    private static IExpressionStatementOperation? Statement(IInvocationOperation invocation)
    {
        IOperation current = invocation;
        while (current.Parent is IInvocationOperation or IArgumentOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent as IExpressionStatementOperation;
    }

    /// <summary>The outermost call of an expression statement (<c>app.UseSwagger().UseSwaggerUI()</c>: UseSwaggerUI).</summary>
    private static IInvocationOperation? StatementCall(IOperation statement)
        => (statement as IExpressionStatementOperation)?.Operation.WalkDownConversionsAndDelegates() as IInvocationOperation;

    /// <summary>The call a chained call was made on: its instance, or an extension method's first argument.</summary>
    private static IInvocationOperation? Receiver(IInvocationOperation call)
    {
        var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
        return receiver?.WalkDownConversionsAndDelegates() as IInvocationOperation;
    }
}

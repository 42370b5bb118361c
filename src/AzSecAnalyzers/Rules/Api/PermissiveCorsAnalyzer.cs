namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC407: a CORS policy that allows every origin, worse when it also allows credentials.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("The trusted origins are the app's own knowledge; no mechanical rewrite can name them.")]
public sealed class PermissiveCorsAnalyzer : AzSecAnalyzer
{
    private const string WithCredentials = " and sends credentials (AllowCredentials), so any site acts with the user's cookies";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC407_PermissiveCors);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var builder = types.Get(WellKnownTypeNames.CorsPolicyBuilder);
        if (builder is null)
        {
            return;
        }

        var guard = DevelopmentGuard.Create(types);
        var compilation = context.Compilation;
        context.RegisterOperationAction(c => Analyze(c, builder, guard, compilation), OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder, DevelopmentGuard guard, Compilation compilation)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!TypeIdentity.Is(invocation.TargetMethod.ContainingType, builder) || !AllowsAnyOrigin(invocation, compilation) || guard.IsGuarded(invocation))
        {
            return;
        }

        var location = invocation.Syntax.MemberNameLocation();
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC407_PermissiveCors,
            location,
            $"'CorsPolicyBuilder.{invocation.TargetMethod.Name}'",
            AllowsCredentials(invocation, builder) ? WithCredentials : string.Empty));
    }

    private static bool AllowsAnyOrigin(IInvocationOperation invocation, Compilation compilation)
    {
        switch (invocation.TargetMethod.Name)
        {
            case "AllowAnyOrigin":
                return true;

            case "WithOrigins":
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.WalkDownConversionsAndDelegates() is IArrayCreationOperation { Initializer: { } initializer })
                    {
                        foreach (var element in initializer.ElementValues)
                        {
                            if (element.ConstantValue is { HasValue: true, Value: string origin } && origin.Trim() == "*")
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;

            case "SetIsOriginAllowed":
                return invocation.Arguments.Length == 1 && CallbackBodies.ReturnsOnlyTrue(invocation.Arguments[0].Value, compilation);

            default:
                return false;
        }
    }

    /// <summary>True when the same policy (the fluent chain, or the lambda or body that builds it) calls <c>AllowCredentials()</c>.</summary>
    private static bool AllowsCredentials(IInvocationOperation invocation, INamedTypeSymbol builder)
    {
        IOperation scope = invocation;
        while (scope.Parent is { } parent && scope is not IAnonymousFunctionOperation)
        {
            scope = parent;
        }

        foreach (var operation in scope.Descendants())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: "AllowCredentials" } call
                && TypeIdentity.Is(call.TargetMethod.ContainingType, builder))
            {
                return true;
            }
        }

        return false;
    }
}

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC403: a <c>TokenValidationParameters</c> check turned off (<c>ValidateIssuer = false</c> and
/// the other validation flags) or replaced by a callback that accepts everything.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TokenValidationWeakenedAnalyzer : AzSecAnalyzer
{
    public const string FixSetTrue = "SetTrue";

    private static readonly ImmutableHashSet<string> Flags = ImmutableHashSet.Create(
        "ValidateIssuer", "ValidateAudience", "ValidateLifetime", "ValidateIssuerSigningKey", "RequireSignedTokens", "RequireExpirationTime");

    private static readonly ImmutableHashSet<string> BooleanValidators = ImmutableHashSet.Create(
        "IssuerSigningKeyValidator", "LifetimeValidator", "AudienceValidator");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC403_TokenValidationWeakened);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var parameters = types.Get(WellKnownTypeNames.TokenValidationParameters);
        if (parameters is null)
        {
            return;
        }

        var compilation = context.Compilation;
        var tokenHandler = types.Get(WellKnownTypeNames.TokenHandler);
        context.RegisterOperationAction(operationContext => Analyze(operationContext, parameters, tokenHandler, compilation), OperationKind.SimpleAssignment);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol parameters, INamedTypeSymbol? tokenHandler, Compilation compilation)
    {
        var assignment = (ISimpleAssignmentOperation)context.Operation;
        if (assignment.Target is not IPropertyReferenceOperation { Property: var property } target
            || !TypeIdentity.IsOrInherits(property.ContainingType, parameters))
        {
            return;
        }

        var name = property.Name;
        if (Flags.Contains(name))
        {
            if (assignment.Value.ConstantValue is { HasValue: true, Value: false })
            {
                Report(context, target, name, "is false", "set it to true", fix: true);
            }

            return;
        }

        if (BooleanValidators.Contains(name) && CallbackBodies.ReturnsOnlyTrue(assignment.Value, compilation))
        {
            Report(context, target, name, "accepts every token", "remove the callback so the built-in validation runs", fix: false);
        }
        else if (name == "IssuerValidator" && AcceptsAnyIssuer(assignment.Value, compilation))
        {
            Report(context, target, name, "accepts every issuer", "remove the callback so the built-in validation runs, or check the issuer against a list of tenants and throw otherwise", fix: false);
        }
        else if (name == "SignatureValidator" && OnlyReadsToken(assignment.Value, tokenHandler, compilation))
        {
            Report(context, target, name, "returns the token without validating its signature", "remove the callback so the signature is validated", fix: false);
        }
    }

    /// <summary>
    /// A signature validator that only parses: it calls nothing, or nothing but a token handler's
    /// <c>ReadToken</c>/<c>ReadJwtToken</c>/<c>ReadJsonWebToken</c>, which read a token without checking its signature.
    /// </summary>
    private static bool OnlyReadsToken(IOperation value, INamedTypeSymbol? tokenHandler, Compilation compilation)
    {
        if (!CallbackBodies.TryGetBody(value, compilation, out _, out var body) || body is null || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation:
                    return false;
                case IInvocationOperation { TargetMethod: var method }
                    when !(method.Name is "ReadToken" or "ReadJwtToken" or "ReadJsonWebToken" && TypeIdentity.IsOrInherits(method.ContainingType, tokenHandler)):
                    return false;
            }
        }

        return true;
    }

    /// <summary>
    /// An issuer validator that cannot reject: no branch, no call, no throw, and it returns something other than
    /// null (typically the issuer it was given). Validators that compare, look up or call a helper are not judged.
    /// </summary>
    private static bool AcceptsAnyIssuer(IOperation value, Compilation compilation)
    {
        if (!CallbackBodies.TryGetBody(value, compilation, out _, out var body) || body is null || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        var returns = 0;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IThrowOperation or IInvocationOperation or IConditionalOperation or ICoalesceOperation or ISwitchOperation or ISwitchExpressionOperation or IIsPatternOperation:
                    return false;
                case IReturnOperation { ReturnedValue: { } returned }:
                    if (returned.ConstantValue is { HasValue: true, Value: null })
                    {
                        return false;
                    }

                    returns++;
                    break;
            }
        }

        return returns > 0;
    }

    private static void Report(OperationAnalysisContext context, IOperation target, string name, string problem, string fixText, bool fix)
        => context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC403_TokenValidationWeakened,
            target.Syntax.MemberNameLocation(),
            FixContract.Properties(fix ? FixSetTrue : null),
            name,
            problem,
            fixText));
}

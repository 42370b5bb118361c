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
        context.RegisterOperationAction(operationContext => Analyze(operationContext, parameters, compilation), OperationKind.SimpleAssignment);
    }

    private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol parameters, Compilation compilation)
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
        else if (name == "SignatureValidator" && CallbackBodies.CallsNothing(assignment.Value, compilation))
        {
            Report(context, target, name, "returns the token without validating its signature", "remove the callback so the signature is validated", fix: false);
        }
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

using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Identity;

/// <summary>AZSEC203: <c>UsernamePasswordCredential</c> and MSAL <c>AcquireTokenByUsernamePassword</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("The replacement flow (managed identity, workload identity, device code, interactive) depends on who signs in and where the code runs; it cannot be chosen mechanically.")]
public sealed class ResourceOwnerPasswordCredentialsAnalyzer : AzSecAnalyzer
{
    private const string MsalNamespace = "Microsoft.Identity.Client";
    private const string MsalMethod = "AcquireTokenByUsernamePassword";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC203_ResourceOwnerPasswordCredentials);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var credential = types.Get(WellKnownTypeNames.UsernamePasswordCredential);
        if (credential is not null)
        {
            context.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (SymbolEqualityComparer.Default.Equals(creation.Type?.OriginalDefinition, credential))
                    {
                        var location = creation.Syntax is ObjectCreationExpressionSyntax syntax ? syntax.Type.GetLocation() : creation.Syntax.GetLocation();
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC203_ResourceOwnerPasswordCredentials, location, "'UsernamePasswordCredential'"));
                    }
                },
                OperationKind.ObjectCreation);
        }

        if (types.Get("Microsoft.Identity.Client.IPublicClientApplication") is not null || types.Get("Microsoft.Identity.Client.IByUsernameAndPassword") is not null)
        {
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    if (method.Name == MsalMethod && method.ContainingNamespace?.ToDisplayString() == MsalNamespace)
                    {
                        var location = invocation.Syntax.MemberNameLocation();
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC203_ResourceOwnerPasswordCredentials, location, $"'{MsalMethod}'"));
                    }
                },
                OperationKind.Invocation);
        }
    }
}

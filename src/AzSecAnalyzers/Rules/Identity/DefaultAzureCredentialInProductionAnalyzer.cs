using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Identity;

/// <summary>
/// AZSEC204 (opt-in): <c>new DefaultAzureCredential()</c> whose options leave the developer credentials
/// (Azure CLI, Azure Developer CLI, PowerShell, Visual Studio, Visual Studio Code) enabled, in a project
/// that is not a test project.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DefaultAzureCredentialInProductionAnalyzer : AzSecAnalyzer
{
    /// <summary>The options properties that switch the developer-tool credentials off.</summary>
    private static readonly ImmutableArray<string> DeveloperExclusions = ImmutableArray.Create(
        "ExcludeAzureCliCredential", "ExcludeAzureDeveloperCliCredential", "ExcludeAzurePowerShellCredential",
        "ExcludeVisualStudioCredential", "ExcludeVisualStudioCodeCredential");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC204_DefaultAzureCredentialInProduction);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var credential = types.Get(WellKnownTypeNames.DefaultAzureCredential);
        if (credential is null || TestProjects.IsTestProject(context.Compilation))
        {
            return;
        }

        context.RegisterOperationAction(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (!SymbolEqualityComparer.Default.Equals(creation.Type, credential) || ExcludesDeveloperCredentials(creation))
                {
                    return;
                }

                var location = creation.Syntax is ObjectCreationExpressionSyntax syntax ? syntax.Type.GetLocation() : creation.Syntax.GetLocation();
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC204_DefaultAzureCredentialInProduction, location, "'DefaultAzureCredential'"));
            },
            OperationKind.ObjectCreation);
    }

    /// <summary>
    /// True when the options switch at least one developer credential off
    /// (<c>new DefaultAzureCredentialOptions { ExcludeAzureCliCredential = true }</c>), or come from elsewhere
    /// (a variable, a factory), where the author configured the chain on purpose.
    /// </summary>
    private static bool ExcludesDeveloperCredentials(IObjectCreationOperation creation)
    {
        if (creation.Arguments.Length == 0)
        {
            return false;
        }

        foreach (var argument in creation.Arguments)
        {
            var value = argument.Value.WalkDownConversionsAndDelegates();
            if (argument.Parameter?.Type.Name != "DefaultAzureCredentialOptions")
            {
                continue;
            }

            if (value is not IObjectCreationOperation options)
            {
                // Options built elsewhere: the author configured the chain on purpose.
                return !(value.ConstantValue is { HasValue: true, Value: null } || value is IDefaultValueOperation);
            }

            var excluded = 0;
            foreach (var initializer in options.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                    && DeveloperExclusions.Contains(property.Property.Name)
                    && assignment.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    excluded++;
                }
            }

            return excluded > 0;
        }

        return false;
    }
}

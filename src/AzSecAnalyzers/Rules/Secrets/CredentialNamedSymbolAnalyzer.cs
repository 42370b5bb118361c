using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC103: a field, property, local, parameter default, attribute argument or constant indexer key
/// named like a secret (<c>azsec.secret_name_patterns</c>) that is assigned a string literal which is
/// not a placeholder, a label, a key name, a URL or a path. Values with a credential shape are left to
/// AZSEC101. In test projects only random-looking values are reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CredentialNamedSymbolAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC103_CredentialNamedSymbol);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var isTestProject = TestProjects.IsTestProject(context.Compilation);
        var defaultNames = new SecretNames(SecretNames.DefaultPatterns);
        var once = new ReportOnce();
        context.RegisterOperationAction(
            operationContext => Analyze(operationContext, isTestProject, defaultNames, once),
            OperationKind.Literal);
    }

    private static void Analyze(OperationAnalysisContext context, bool isTestProject, SecretNames defaultNames, ReportOnce once)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue is not { HasValue: true, Value: string value }
            || SecretValues.IsPlaceholder(value)
            || SecretTargets.TargetName(literal, context.ContainingSymbol) is not { } name)
        {
            return;
        }

        // Method arguments are AZSEC102's business (known APIs); here only parameter defaults and attribute arguments.
        if (literal.Parent is IArgumentOperation && !IsInAttribute(literal))
        {
            return;
        }

        var names = NamesFor(context, defaultNames);
        if (!names.IsSecretName(name) || names.IsNonSecretValue(value, name) || SecretShapeOptions.HasShape(value, name))
        {
            return;
        }

        if (isTestProject && !SecretValues.IsRandomBase64(value, 0, value.Length, minLength: 32))
        {
            return;
        }

        once.Report(context.ReportDiagnostic, Diagnostic.Create(
            Descriptors.AZSEC103_CredentialNamedSymbol,
            literal.Syntax.GetLocation(),
            SecretTargets.Properties(SecretTargets.KeyVaultSecretName(name, "Secret")),
            name));
    }

    private static SecretNames NamesFor(OperationAnalysisContext context, SecretNames defaultNames)
    {
        var patterns = AzSecOptionDefinitions.SecretNamePatterns.Read(context.Options, context.Operation.Syntax.SyntaxTree, RuleIds.CredentialNamedSymbol);
        return patterns.IsDefault ? defaultNames : new SecretNames(patterns);
    }

    private static bool IsInAttribute(IOperation operation)
    {
        for (var node = operation.Syntax; node is not null; node = node.Parent)
        {
            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax)
            {
                return true;
            }

            if (node is Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax)
            {
                return false;
            }
        }

        return false;
    }
}

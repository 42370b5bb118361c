using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Transport;

/// <summary>
/// AZSEC301: a server certificate validation callback that accepts every certificate, assigned to
/// one of the TLS settings that take one (HttpClientHandler, SslClientAuthenticationOptions,
/// SocketsHttpHandler.SslOptions, ServicePointManager, HttpWebRequest, WinHttpHandler, Cosmos DB
/// client options) or passed where a <c>RemoteCertificateValidationCallback</c> is expected
/// (the <c>SslStream</c> constructor); also a callback that trusts any certificate with a given subject or issuer name
/// (see <see cref="TrustsNameOnly"/>), reported without a fix: the app may need a private CA, which removing the
/// override would not serve.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class CertificateValidationDisabledAnalyzer : AzSecAnalyzer
{
    /// <summary>The assignment is a whole statement in a block: delete the statement.</summary>
    public const string FixRemoveStatement = "RemoveStatement";

    /// <summary>The assignment is a member of an object initializer: delete the member.</summary>
    public const string FixRemoveInitializerMember = "RemoveInitializerMember";

    /// <summary>The callback is an argument to a parameter that accepts null (the default validation).</summary>
    public const string FixPassNull = "PassNull";

    private static readonly (string Type, string Property)[] CallbackProperties =
    {
        (WellKnownTypeNames.HttpClientHandler, "ServerCertificateCustomValidationCallback"),
        (WellKnownTypeNames.SslClientAuthenticationOptions, "RemoteCertificateValidationCallback"),
        (WellKnownTypeNames.ServicePointManager, "ServerCertificateValidationCallback"),
        (WellKnownTypeNames.HttpWebRequest, "ServerCertificateValidationCallback"),
        (WellKnownTypeNames.WinHttpHandler, "ServerCertificateValidationCallback"),
        (WellKnownTypeNames.CosmosClientOptions, "ServerCertificateCustomValidationCallback"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC301_CertificateValidationDisabled);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        // Every certificate validation callback receives an SslPolicyErrors: no such type, no such callback.
        var sslPolicyErrors = types.Get(WellKnownTypeNames.SslPolicyErrors);
        if (sslPolicyErrors is null)
        {
            return;
        }

        var sinks = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, propertyName) in CallbackProperties)
        {
            foreach (var member in types.Get(typeName)?.GetMembers(propertyName) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol property)
                {
                    sinks.Add(property);
                }
            }
        }

        var acceptAny = types.Get(WellKnownTypeNames.HttpClientHandler)?.GetMembers("DangerousAcceptAnyServerCertificateValidator").FirstOrDefault() as IPropertySymbol;
        var callbackDelegate = types.Get(WellKnownTypeNames.RemoteCertificateValidationCallback);

        var rule = new Rule(sinks.ToImmutable(), acceptAny, callbackDelegate, sslPolicyErrors, types.Get(WellKnownTypeNames.X509Certificate), types.Get(WellKnownTypeNames.X509Chain), DevelopmentGuard.Create(types), context.Compilation);
        if (!rule.Sinks.IsEmpty)
        {
            context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        }

        if (callbackDelegate is not null)
        {
            context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        }
    }

    private sealed class Rule
    {
        private readonly IPropertySymbol? _acceptAny;
        private readonly INamedTypeSymbol? _callbackDelegate;
        private readonly INamedTypeSymbol _sslPolicyErrors;
        private readonly INamedTypeSymbol? _certificate;
        private readonly INamedTypeSymbol? _chain;
        private readonly DevelopmentGuard _guard;
        private readonly Compilation _compilation;

        public Rule(
            ImmutableHashSet<IPropertySymbol> sinks,
            IPropertySymbol? acceptAny,
            INamedTypeSymbol? callbackDelegate,
            INamedTypeSymbol sslPolicyErrors,
            INamedTypeSymbol? certificate,
            INamedTypeSymbol? chain,
            DevelopmentGuard guard,
            Compilation compilation)
        {
            _certificate = certificate;
            _chain = chain;
            Sinks = sinks;
            _acceptAny = acceptAny;
            _callbackDelegate = callbackDelegate;
            _sslPolicyErrors = sslPolicyErrors;
            _guard = guard;
            _compilation = compilation;
        }

        public ImmutableHashSet<IPropertySymbol> Sinks { get; }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target
                || !Sinks.Contains(target.Property.OriginalDefinition)
                || (assignment is ICompoundAssignmentOperation compound && compound.OperatorKind != BinaryOperatorKind.Add)
                || Judge(assignment.Value) is not { } nameOnly
                || _guard.IsGuarded(assignment)
                || LoopbackGuard.IsGuarded(assignment))
            {
                return;
            }

            var property = target.Property;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC301_CertificateValidationDisabled,
                target.Syntax.GetLocation(),
                FixProperties(nameOnly ? null : AssignmentFixKind(assignment)),
                $"'{property.ContainingType.Name}.{property.Name}'" + (nameOnly ? NameOnlySuffix : string.Empty)));
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.IsImplicit
                || argument.Parameter is not { } parameter
                || !SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, _callbackDelegate)
                || Judge(argument.Value) is not { } nameOnly
                || _guard.IsGuarded(argument)
                || LoopbackGuard.IsGuarded(argument))
            {
                return;
            }

            var method = parameter.ContainingSymbol as IMethodSymbol;
            var owner = method is null
                ? parameter.ContainingSymbol.Name
                : method.MethodKind == MethodKind.Constructor
                    ? $"'{method.ContainingType.Name}' constructor"
                    : $"'{method.ContainingType.Name}.{method.Name}'";

            var canPassNull = parameter.NullableAnnotation == NullableAnnotation.Annotated
                || (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is null);

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC301_CertificateValidationDisabled,
                argument.Syntax.HeadLocation(),
                FixProperties(canPassNull && !nameOnly ? FixPassNull : null),
                $"The {owner} argument '{parameter.Name}'" + (nameOnly ? NameOnlySuffix : string.Empty)));
        }

        private static string? AssignmentFixKind(IAssignmentOperation assignment)
        {
            if (assignment.Parent is IObjectOrCollectionInitializerOperation)
            {
                return FixRemoveInitializerMember;
            }

            if (assignment.Parent is IExpressionStatementOperation statement
                && statement.Syntax.Parent is BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax)
            {
                return FixRemoveStatement;
            }

            return null;
        }

        /// <summary>Null when the callback validates; false when it accepts every certificate; true when it trusts a name only.</summary>
        private bool? Judge(IOperation value)
            => AcceptsEveryCertificate(value) ? false
             : TrustsNameOnly(value, _compilation, _sslPolicyErrors, _certificate, _chain) ? true
             : null;

        private static ImmutableDictionary<string, string?>? FixProperties(string? fixKind)
            => FixContract.Properties(fixKind);

        /// <summary>
        /// A callback accepts every certificate when it returns the constant <c>true</c> on every
        /// path (and never throws to reject), or when it reads none of its parameters (not the
        /// policy errors, not the certificate, not the chain) yet can return something other than
        /// <c>false</c>. Callbacks that inspect the errors or pin the certificate stay silent.
        /// </summary>
        private bool AcceptsEveryCertificate(IOperation value)
        {
            if (value.WalkDownConversionsAndDelegates() is IPropertyReferenceOperation reference)
            {
                return _acceptAny is not null && SymbolEqualityComparer.Default.Equals(reference.Property.OriginalDefinition, _acceptAny);
            }

            return CallbackBodies.TrySummarize(value, _compilation, out var callback, out var summary)
                   && callback is not null
                   && HasPolicyErrorsParameter(callback)
                   && summary.ReturnCount > 0
                   && ((summary.ReturnsOnlyTrue && !summary.Throws) || (!summary.ReadsParameter && !summary.ReturnsOnlyFalse));
        }

        private bool HasPolicyErrorsParameter(IMethodSymbol callback)
        {
            foreach (var parameter in callback.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _sslPolicyErrors))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

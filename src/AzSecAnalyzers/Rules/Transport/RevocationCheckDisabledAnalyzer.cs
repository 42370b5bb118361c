using System.Linq;

namespace AzSecAnalyzers.Rules.Transport;

/// <summary>
/// AZSEC304: certificate revocation checking explicitly turned off for TLS:
/// <c>CheckCertificateRevocationList = false</c> (HttpClientHandler, WinHttpHandler, ServicePointManager),
/// Kestrel's <c>CheckCertificateRevocation = false</c>, <c>CertificateRevocationCheckMode = NoCheck</c>
/// on <c>SslClient/ServerAuthenticationOptions</c>, <c>checkCertificateRevocation: false</c> passed to
/// <c>SslStream.AuthenticateAs*</c>, and <c>X509ChainPolicy.RevocationMode = NoCheck</c> where the chain
/// policy serves TLS: inside a certificate validation callback (a method or lambda that receives
/// <c>SslPolicyErrors</c>) or on the <c>CertificateChainPolicy</c> of the TLS options.
/// A chain built elsewhere (signing, document verification) is not about TLS and stays silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("Turning revocation checks on can make connections fail where CRL/OCSP endpoints are unreachable (private networks, offline hosts); that needs a decision the analyzer cannot make")]
public sealed class RevocationCheckDisabledAnalyzer : AzSecAnalyzer
{
    private static readonly (string Type, string Property)[] BooleanSwitches =
    {
        (WellKnownTypeNames.HttpClientHandler, "CheckCertificateRevocationList"),
        (WellKnownTypeNames.WinHttpHandler, "CheckCertificateRevocationList"),
        (WellKnownTypeNames.ServicePointManager, "CheckCertificateRevocationList"),
        (WellKnownTypeNames.KestrelHttpsConnectionAdapterOptions, "CheckCertificateRevocation"),
    };

    private static readonly (string Type, string Property)[] ModeSettings =
    {
        (WellKnownTypeNames.SslClientAuthenticationOptions, "CertificateRevocationCheckMode"),
        (WellKnownTypeNames.SslServerAuthenticationOptions, "CertificateRevocationCheckMode"),
    };

    private static readonly (string Type, string Property)[] ChainPolicySettings =
    {
        (WellKnownTypeNames.SslClientAuthenticationOptions, "CertificateChainPolicy"),
        (WellKnownTypeNames.SslServerAuthenticationOptions, "CertificateChainPolicy"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC304_RevocationCheckDisabled);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var revocationMode = types.Get(WellKnownTypeNames.X509RevocationMode);
        if (revocationMode is null)
        {
            return;
        }

        var chainPolicy = types.Get(WellKnownTypeNames.X509ChainPolicy);
        var rule = new Rule(
            Properties(types, BooleanSwitches),
            Properties(types, ModeSettings),
            chainPolicy?.GetMembers("RevocationMode").OfType<IPropertySymbol>().FirstOrDefault(),
            Properties(types, ChainPolicySettings),
            revocationMode,
            types.Get(WellKnownTypeNames.SslPolicyErrors),
            types.Get(WellKnownTypeNames.SslStream),
            DevelopmentGuard.Create(types));

        context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
        if (rule.HasSslStream)
        {
            context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        }
    }

    private static ImmutableHashSet<IPropertySymbol> Properties(AzSecContext types, (string Type, string Property)[] names)
    {
        var set = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, propertyName) in names)
        {
            foreach (var member in types.Get(typeName)?.GetMembers(propertyName) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol property)
                {
                    set.Add(property);
                }
            }
        }

        return set.ToImmutable();
    }

    private sealed class Rule
    {
        private const int NoCheck = 0;

        private readonly ImmutableHashSet<IPropertySymbol> _booleanSwitches;
        private readonly ImmutableHashSet<IPropertySymbol> _modeSettings;
        private readonly IPropertySymbol? _chainRevocationMode;
        private readonly ImmutableHashSet<IPropertySymbol> _tlsChainPolicies;
        private readonly INamedTypeSymbol _revocationMode;
        private readonly INamedTypeSymbol? _sslPolicyErrors;
        private readonly INamedTypeSymbol? _sslStream;
        private readonly DevelopmentGuard _guard;

        public Rule(
            ImmutableHashSet<IPropertySymbol> booleanSwitches,
            ImmutableHashSet<IPropertySymbol> modeSettings,
            IPropertySymbol? chainRevocationMode,
            ImmutableHashSet<IPropertySymbol> tlsChainPolicies,
            INamedTypeSymbol revocationMode,
            INamedTypeSymbol? sslPolicyErrors,
            INamedTypeSymbol? sslStream,
            DevelopmentGuard guard)
        {
            _booleanSwitches = booleanSwitches;
            _modeSettings = modeSettings;
            _chainRevocationMode = chainRevocationMode;
            _tlsChainPolicies = tlsChainPolicies;
            _revocationMode = revocationMode;
            _sslPolicyErrors = sslPolicyErrors;
            _sslStream = sslStream;
            _guard = guard;
        }

        public bool HasSslStream => _sslStream is not null;

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target)
            {
                return;
            }

            var property = target.Property.OriginalDefinition;
            var disables = _booleanSwitches.Contains(property)
                ? IsConstant(assignment.Value, false)
                : _modeSettings.Contains(property)
                    ? IsNoCheck(assignment.Value)
                    : SymbolEqualityComparer.Default.Equals(property, _chainRevocationMode)
                      && IsNoCheck(assignment.Value)
                      && ServesTls(assignment, target, context.ContainingSymbol);

            if (disables && !_guard.IsGuarded(assignment))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AZSEC304_RevocationCheckDisabled,
                    target.Syntax.GetLocation(),
                    $"'{target.Property.ContainingType.Name}.{target.Property.Name}'"));
            }
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.IsImplicit
                || argument.Parameter is not { Name: "checkCertificateRevocation" } parameter
                || parameter.ContainingSymbol is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, _sslStream)
                || !IsConstant(argument.Value, false)
                || _guard.IsGuarded(argument))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC304_RevocationCheckDisabled,
                argument.Syntax.GetLocation(),
                $"The 'SslStream.{method.Name}' argument '{parameter.Name}'"));
        }

        private static bool IsConstant(IOperation value, bool expected)
            => value.ConstantValue is { HasValue: true, Value: bool actual } && actual == expected;

        private bool IsNoCheck(IOperation value)
            => SymbolEqualityComparer.Default.Equals(value.Type, _revocationMode)
               && value.ConstantValue is { HasValue: true, Value: int mode }
               && mode == NoCheck;

        /// <summary>
        /// The chain policy validates a TLS peer: the assignment sits in a certificate validation callback,
        /// or the policy is (or is being created for) <c>SslClient/ServerAuthenticationOptions.CertificateChainPolicy</c>.
        /// </summary>
        private bool ServesTls(IOperation assignment, IPropertyReferenceOperation target, ISymbol containingSymbol)
        {
            // options.CertificateChainPolicy.RevocationMode = NoCheck
            if (target.Instance is IPropertyReferenceOperation policy && _tlsChainPolicies.Contains(policy.Property.OriginalDefinition))
            {
                return true;
            }

            for (var parent = assignment.Parent; parent is not null; parent = parent.Parent)
            {
                switch (parent)
                {
                    // new X509ChainPolicy { RevocationMode = NoCheck } assigned to CertificateChainPolicy
                    case IObjectCreationOperation { Parent: ISimpleAssignmentOperation { Target: IPropertyReferenceOperation owner } }
                        when _tlsChainPolicies.Contains(owner.Property.OriginalDefinition):
                        return true;
                    case IAnonymousFunctionOperation lambda:
                        return IsValidationCallback(lambda.Symbol);
                    case ILocalFunctionOperation localFunction:
                        return IsValidationCallback(localFunction.Symbol);
                }
            }

            return containingSymbol is IMethodSymbol method && IsValidationCallback(method);
        }

        private bool IsValidationCallback(IMethodSymbol method)
        {
            if (_sslPolicyErrors is null)
            {
                return false;
            }

            foreach (var parameter in method.Parameters)
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

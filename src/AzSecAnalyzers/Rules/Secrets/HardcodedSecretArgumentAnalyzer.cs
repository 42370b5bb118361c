using System.Linq;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC102: a hard-coded string (see <see cref="LiteralFlow"/>) reaching the secret parameter of a
/// credential API, resolved by symbol: Azure.Identity <c>ClientSecretCredential</c> and
/// <c>UsernamePasswordCredential</c>, <c>StorageSharedKeyCredential</c>, <c>AzureKeyCredential</c>,
/// <c>AzureNamedKeyCredential</c>, <c>AzureSasCredential</c>, Cosmos DB <c>CosmosClient</c> /
/// <c>CosmosClientBuilder</c>, <c>NetworkCredential</c>, <c>SqlCredential</c> (through
/// <c>NetworkCredential.SecurePassword</c>), <c>SymmetricSecurityKey</c> (through
/// <c>Encoding.GetBytes</c> / <c>Convert.FromBase64String</c>), <c>X509Certificate2</c> and
/// <c>X509CertificateLoader</c> passwords, and MSAL <c>WithClientSecret</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedSecretArgumentAnalyzer : AzSecAnalyzer
{
    private static readonly (string Type, string Member, string Parameter)[] ParameterSinks =
    {
        (WellKnownTypeNames.ClientSecretCredential, WellKnownMemberNames.InstanceConstructorName, "clientSecret"),
        (WellKnownTypeNames.UsernamePasswordCredential, WellKnownMemberNames.InstanceConstructorName, "password"),
        (WellKnownTypeNames.StorageSharedKeyCredential, WellKnownMemberNames.InstanceConstructorName, "accountKey"),
        (WellKnownTypeNames.StorageSharedKeyCredential, "SetAccountKey", "accountKey"),
        (WellKnownTypeNames.AzureKeyCredential, WellKnownMemberNames.InstanceConstructorName, "key"),
        (WellKnownTypeNames.AzureKeyCredential, "Update", "key"),
        (WellKnownTypeNames.ApiKeyCredential, WellKnownMemberNames.InstanceConstructorName, "key"),
        (WellKnownTypeNames.ApiKeyCredential, "Update", "key"),
        (WellKnownTypeNames.AzureNamedKeyCredential, WellKnownMemberNames.InstanceConstructorName, "key"),
        (WellKnownTypeNames.AzureNamedKeyCredential, "Update", "key"),
        (WellKnownTypeNames.AzureSasCredential, WellKnownMemberNames.InstanceConstructorName, "signature"),
        (WellKnownTypeNames.AzureSasCredential, "Update", "signature"),
        (WellKnownTypeNames.CosmosClient, WellKnownMemberNames.InstanceConstructorName, "authKeyOrResourceToken"),
        (WellKnownTypeNames.CosmosClientBuilder, WellKnownMemberNames.InstanceConstructorName, "authKeyOrResourceToken"),
        (WellKnownTypeNames.NetworkCredential, WellKnownMemberNames.InstanceConstructorName, "password"),
        (WellKnownTypeNames.SqlCredential, WellKnownMemberNames.InstanceConstructorName, "password"),
        (WellKnownTypeNames.SymmetricSecurityKey, WellKnownMemberNames.InstanceConstructorName, "key"),
        (WellKnownTypeNames.X509Certificate2, WellKnownMemberNames.InstanceConstructorName, "password"),
        (WellKnownTypeNames.X509Certificate2, "Import", "password"),
        (WellKnownTypeNames.X509CertificateLoader, "LoadPkcs12", "password"),
        (WellKnownTypeNames.X509CertificateLoader, "LoadPkcs12FromFile", "password"),
        (WellKnownTypeNames.X509CertificateLoader, "LoadPkcs12Collection", "password"),
        (WellKnownTypeNames.X509CertificateLoader, "LoadPkcs12CollectionFromFile", "password"),
        (WellKnownTypeNames.ConfidentialClientApplicationBuilder, "WithClientSecret", "clientSecret"),
    };

    private static readonly (string Type, string Property)[] PropertySinks =
    {
        (WellKnownTypeNames.NetworkCredential, "Password"),
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC102_HardcodedSecretArgument);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var parameters = ImmutableHashSet.CreateBuilder<IParameterSymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, memberName, parameterName) in ParameterSinks)
        {
            if (types.Get(typeName) is not { } type)
            {
                continue;
            }

            // Update(key) is inherited from System.ClientModel.ApiKeyCredential in newer Azure.Core versions.
            var members = memberName == WellKnownMemberNames.InstanceConstructorName
                ? type.GetMembers(memberName)
                : AllMembers(type, memberName);
            foreach (var member in members)
            {
                if (member is IMethodSymbol method)
                {
                    foreach (var parameter in method.Parameters)
                    {
                        if (parameter.Name == parameterName)
                        {
                            parameters.Add(parameter);
                        }
                    }
                }
            }
        }

        var properties = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
        foreach (var (typeName, propertyName) in PropertySinks)
        {
            foreach (var member in types.Get(typeName)?.GetMembers(propertyName) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol property)
                {
                    properties.Add(property);
                }
            }
        }

        if (parameters.Count == 0 && properties.Count == 0)
        {
            return;
        }

        var rule = new Rule(
            parameters.ToImmutable(),
            properties.ToImmutable(),
            types.Get(WellKnownTypeNames.Encoding),
            types.Get(WellKnownTypeNames.Convert),
            types.Get(WellKnownTypeNames.NetworkCredential),
            TestProjects.IsTestProject(context.Compilation));
        context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        if (properties.Count > 0)
        {
            context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }
    }

    private static ImmutableArray<ISymbol> AllMembers(INamedTypeSymbol type, string name)
    {
        var builder = ImmutableArray.CreateBuilder<ISymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            builder.AddRange(current.GetMembers(name));
        }

        return builder.ToImmutable();
    }

    private sealed class Rule
    {
        private readonly ImmutableHashSet<IParameterSymbol> _parameters;
        private readonly ImmutableHashSet<IPropertySymbol> _properties;
        private readonly INamedTypeSymbol? _encoding;
        private readonly INamedTypeSymbol? _convert;
        private readonly INamedTypeSymbol? _networkCredential;
        private readonly bool _isTestProject;
        private readonly ReportOnce _once = new();

        private static readonly SecretNames Names = new(SecretNames.DefaultPatterns);

        public Rule(
            ImmutableHashSet<IParameterSymbol> parameters,
            ImmutableHashSet<IPropertySymbol> properties,
            INamedTypeSymbol? encoding,
            INamedTypeSymbol? convert,
            INamedTypeSymbol? networkCredential,
            bool isTestProject)
        {
            _parameters = parameters;
            _properties = properties;
            _encoding = encoding;
            _convert = convert;
            _networkCredential = networkCredential;
            _isTestProject = isTestProject;
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.Parameter is not { } parameter
                || !_parameters.Contains(parameter.OriginalDefinition)
                || argument.ArgumentKind == ArgumentKind.DefaultValue
                || IsSecurePasswordOfSqlCredential(argument))
            {
                return;
            }

            if (TryFindSecret(argument.Value, out var origin, out var isKeyBytes))
            {
                Report(context, argument.Value, origin, Describe(parameter.ContainingSymbol), parameter.Name, isKeyBytes);
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation target
                && _properties.Contains(target.Property.OriginalDefinition)
                && TryFindSecret(assignment.Value, out var origin, out var isKeyBytes))
            {
                Report(context, assignment.Value, origin, $"'{target.Property.ContainingType.Name}.{target.Property.Name}'", target.Property.Name, isKeyBytes);
            }
        }

        private void Report(OperationAnalysisContext context, IOperation value, LiteralOrigin origin, string api, string parameterName, bool isKeyBytes)
        {
            // AZSEC103's placeholder test, on every literal traced here ("AAD app secret" is a description, not a secret).
            // Text turned into key bytes that is long enough to sign (32 characters, IdentityModel's minimum for HS256)
            // is a working signing key whatever it reads like ("SecretKeyOfDoomThatMustBeLongEnough").
            if (SecretValues.IsPlaceholder(origin.Text)
                || DevelopmentEmulators.IsWellKnownKey(origin.Text)
                || (!(isKeyBytes && origin.Text.Length >= 32) && Names.IsNonSecretValue(origin.Text, origin.Carrier?.Name ?? parameterName)))
            {
                return;
            }

            var location = value.Syntax.GetLocation();
            var writtenInPlace = origin.LiteralLocation.SourceSpan == location.SourceSpan;

            // A credential-shaped literal written right here is AZSEC101's finding, on the same span.
            if (writtenInPlace && SecretShapeOptions.HasShape(origin.Text, parameterName))
            {
                return;
            }

            // In test projects only real-looking secrets count.
            if (_isTestProject && !SecretShapeOptions.HasShape(origin.Text, parameterName) && !SecretValues.IsRandomBase64(origin.Text, 0, origin.Text.Length))
            {
                return;
            }

            var additional = writtenInPlace ? null : new[] { origin.LiteralLocation };
            _once.Report(context.ReportDiagnostic, Diagnostic.Create(
                Descriptors.AZSEC102_HardcodedSecretArgument,
                location,
                additional,
                SecretTargets.Properties(SecretTargets.KeyVaultSecretName(origin.Carrier?.Name ?? parameterName, "Secret")),
                api,
                parameterName));
        }

        private bool TryFindSecret(IOperation value, out LiteralOrigin origin, out bool isKeyBytes)
        {
            isKeyBytes = false;

            // A local is followed to its only initializer: var key = Encoding.ASCII.GetBytes(Settings.Secret); … new SymmetricSecurityKey(key).
            switch (SymbolWrites.FollowOnlyInitializers(value))
            {
                // SymmetricSecurityKey(Encoding.UTF8.GetBytes("…")) / (Convert.FromBase64String("…")), the text from any constant or static readonly field
                case IInvocationOperation invocation when IsBytesOfString(invocation.TargetMethod) && invocation.Arguments.Length >= 1:
                    isKeyBytes = true;
                    return LiteralFlow.TryResolve(invocation.Arguments[0].Value, out origin);

                // SqlCredential(user, new NetworkCredential("", "…").SecurePassword)
                case IPropertyReferenceOperation { Property.Name: "SecurePassword", Instance: IObjectCreationOperation creation }
                    when SymbolEqualityComparer.Default.Equals(creation.Type, _networkCredential):
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Name == "password" && argument.Value.Type?.SpecialType == SpecialType.System_String)
                        {
                            return LiteralFlow.TryResolve(argument.Value, out origin);
                        }
                    }

                    origin = default;
                    return false;

                default:
                    return LiteralFlow.TryResolve(value, out origin);
            }
        }

        private bool IsBytesOfString(IMethodSymbol method)
        {
            if (method.Name == "FromBase64String")
            {
                return SymbolEqualityComparer.Default.Equals(method.ContainingType, _convert);
            }

            if (method.Name != "GetBytes" || method.Parameters.Length != 1 || method.Parameters[0].Type.SpecialType != SpecialType.System_String)
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(type, _encoding))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The <c>NetworkCredential</c> inside <c>SqlCredential(…, new NetworkCredential(…).SecurePassword)</c> is reported once, at the SqlCredential.</summary>
        private bool IsSecurePasswordOfSqlCredential(IArgumentOperation argument)
            => argument.Parent is IObjectCreationOperation creation
               && SymbolEqualityComparer.Default.Equals(creation.Type, _networkCredential)
               && creation.Parent is IPropertyReferenceOperation { Property.Name: "SecurePassword", Parent: IArgumentOperation outer }
               && outer.Parameter is { } outerParameter
               && _parameters.Contains(outerParameter.OriginalDefinition);

        private static string Describe(ISymbol member) => member switch
        {
            IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => $"the '{constructor.ContainingType.Name}' constructor",
            IMethodSymbol method => $"'{method.ContainingType.Name}.{method.Name}'",
            _ => $"'{member.Name}'",
        };
    }
}

namespace AzSecAnalyzers.Rules.Data;

/// <summary>
/// AZSEC503: encryption that no longer protects data: Azure Storage client-side encryption
/// <c>ClientSideEncryptionVersion.V1_0</c> (CVE-2022-30187) passed where a <c>ClientSideEncryptionVersion</c> is
/// expected (the <c>ClientSideEncryptionOptions</c> / <c>QueueClientSideEncryptionOptions</c> constructors; their
/// <c>EncryptionVersion</c> property is read-only); RSA keys under 2048 bits
/// (Key Vault <c>CreateRsaKeyOptions.KeySize</c>, <c>RSA.Create(n)</c>, <c>new RSACryptoServiceProvider(n)</c> and other
/// RSA constructors, <c>rsa.KeySize = n</c>); <c>CipherMode.ECB</c> assigned to <c>SymmetricAlgorithm.Mode</c> and the
/// <c>EncryptEcb</c>/<c>DecryptEcb</c> one-shot calls; DES, Triple DES and RC2 created through their <c>Create</c>
/// methods, their CryptoServiceProvider constructors or <c>SymmetricAlgorithm.Create("DES")</c>.
/// The fix handles the V2_0 and 2048-bit cases only (<see cref="FixVersion2"/>, <see cref="FixKeySize"/>); there is no mechanical
/// replacement for a cipher or a mode, whose ciphertext format and IV/tag handling change.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class VulnerableEncryptionAnalyzer : AzSecAnalyzer
{
    public const string FixVersion2 = "V2_0";
    public const string FixKeySize = "2048";

    private const int MinimumRsaBits = 2048;

    private static readonly ImmutableDictionary<string, string?> Version2Properties = FixContract.Properties(FixVersion2)!;
    private static readonly ImmutableDictionary<string, string?> KeySizeProperties = FixContract.Properties(FixKeySize)!;

    private const string ClientSideProblem = "selects ClientSideEncryptionVersion.V1_0, whose unauthenticated AES-CBC is open to padding-oracle attacks (CVE-2022-30187)";
    private const string ClientSideFix = "use ClientSideEncryptionVersion.V2_0 (AES-GCM)";
    private const string RsaFix = "use at least 2048 bits (3072 or more for data that must stay secret past 2030)";
    private const string EcbProblem = "uses CipherMode.ECB, which encrypts equal blocks to equal ciphertext and leaks patterns";
    private const string EcbFix = "use authenticated encryption (AesGcm), or Aes with CBC, a random IV per message and a MAC";
    private const string WeakCipherFix = "use AES (Aes.Create(), or AesGcm for authenticated encryption)";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC503_VulnerableEncryption);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var rule = new Rule(
            types.Get(WellKnownTypeNames.ClientSideEncryptionVersion),
            types.Get(WellKnownTypeNames.CreateRsaKeyOptions),
            types.Get(WellKnownTypeNames.Rsa),
            types.Get(WellKnownTypeNames.SymmetricAlgorithm),
            types.Get(WellKnownTypeNames.CipherMode),
            types.Get(WellKnownTypeNames.Des),
            types.Get(WellKnownTypeNames.TripleDes),
            types.Get(WellKnownTypeNames.Rc2),
            context.Compilation);
        if (!rule.HasAnyType)
        {
            return;
        }

        context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
        if (rule.HasCryptography)
        {
            context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(rule.AnalyzeCreation, OperationKind.ObjectCreation);
        }
    }

    private sealed class Rule
    {
        private readonly INamedTypeSymbol? _clientSideVersion;
        private readonly INamedTypeSymbol? _createRsaKeyOptions;
        private readonly INamedTypeSymbol? _rsa;
        private readonly INamedTypeSymbol? _symmetric;
        private readonly INamedTypeSymbol? _cipherMode;
        private readonly INamedTypeSymbol? _des;
        private readonly INamedTypeSymbol? _tripleDes;
        private readonly INamedTypeSymbol? _rc2;
        private readonly Compilation _compilation;

        public Rule(
            INamedTypeSymbol? clientSideVersion,
            INamedTypeSymbol? createRsaKeyOptions,
            INamedTypeSymbol? rsa,
            INamedTypeSymbol? symmetric,
            INamedTypeSymbol? cipherMode,
            INamedTypeSymbol? des,
            INamedTypeSymbol? tripleDes,
            INamedTypeSymbol? rc2,
            Compilation compilation)
        {
            _compilation = compilation;
            _clientSideVersion = clientSideVersion;
            _createRsaKeyOptions = createRsaKeyOptions;
            _rsa = rsa;
            _symmetric = symmetric;
            _cipherMode = cipherMode;
            _des = des;
            _tripleDes = tripleDes;
            _rc2 = rc2;
        }

        public bool HasAnyType => _clientSideVersion is not null || _createRsaKeyOptions is not null || _rsa is not null || HasCryptography;

        public bool HasCryptography => _symmetric is not null || _des is not null || _tripleDes is not null || _rc2 is not null;

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.ArgumentKind == ArgumentKind.DefaultValue
                || argument.Parameter is not { ContainingSymbol: IMethodSymbol method } parameter)
            {
                return;
            }

            if (_clientSideVersion is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, _clientSideVersion))
            {
                CheckVersion(context, argument.Value, method, parameter);
            }
            else if (parameter.Type.SpecialType == SpecialType.System_Int32
                     && _rsa is not null
                     && TypeIdentity.IsOrInherits(method.ContainingType, _rsa)
                     && (method.MethodKind == MethodKind.Constructor || (method.Name == "Create" && method.IsStatic)))
            {
                if (SmallKeySize(argument.Value) is { } bits)
                {
                    ReportKeySize(context, argument.Value, ArgumentName(method, parameter), bits);
                }
            }
        }

        /// <summary>"The 'RSA.Create' argument 'keySizeInBits'": built only for a finding.</summary>
        private static string ArgumentName(IMethodSymbol method, IParameterSymbol parameter)
            => method.MethodKind == MethodKind.Constructor
                ? $"The '{method.ContainingType.Name}' constructor argument '{parameter.Name}'"
                : $"The '{method.ContainingType.Name}.{method.Name}' argument '{parameter.Name}'";

        private static string PropertyName(IPropertyReferenceOperation target)
            => $"'{(target.Instance?.Type ?? target.Property.ContainingType).Name}.{target.Property.Name}'";

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } target)
            {
                return;
            }

            switch (property.Name)
            {
                case "KeySize" when (_createRsaKeyOptions is not null && TypeIdentity.IsOrInherits(property.ContainingType, _createRsaKeyOptions))
                                    || (_rsa is not null && (TypeIdentity.IsOrInherits(target.Instance?.Type, _rsa) || TypeIdentity.IsOrInherits(property.ContainingType, _rsa))):
                    if (SmallKeySize(assignment.Value) is { } bits)
                    {
                        ReportKeySize(context, assignment.Value, PropertyName(target), bits);
                    }

                    break;
                case "Mode" when _symmetric is not null && _cipherMode is not null && TypeIdentity.IsOrInherits(property.ContainingType, _symmetric):
                    if (IsMember(SymbolWrites.FollowOnlyInitializers(assignment.Value), _cipherMode, "ECB"))
                    {
                        Report(context, assignment.Value.Syntax.GetLocation(), null, PropertyName(target), EcbProblem, EcbFix);
                    }

                    break;
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "EncryptEcb" or "DecryptEcb" or "TryEncryptEcb" or "TryDecryptEcb" when TypeIdentity.IsOrInherits(method.ContainingType, _symmetric):
                    Report(
                        context,
                        invocation.Syntax.MemberNameLocation(),
                        null,
                        $"'{(invocation.Instance?.Type ?? method.ContainingType).Name}.{method.Name}'",
                        EcbProblem,
                        EcbFix);
                    break;
                case "Create" when method.IsStatic:
                    var cipher = WeakCipherOf(method.ContainingType);
                    if (cipher is null
                        && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symmetric)
                        && invocation.Arguments.Length == 1
                        && SymbolWrites.FollowOnlyInitializers(invocation.Arguments[0].Value).ConstantValue is { HasValue: true, Value: string algorithm })
                    {
                        cipher = WeakCipherNamed(algorithm);
                    }

                    if (cipher is not null)
                    {
                        Report(context, invocation.Syntax.GetLocation(), null, $"'{method.ContainingType.Name}.Create'", $"creates a {cipher} cipher, which is broken or deprecated", WeakCipherFix);
                    }

                    break;
            }
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is INamedTypeSymbol type && WeakCipherOf(type) is { } cipher)
            {
                Report(context, creation.Syntax.GetLocation(), null, $"'new {type.Name}()'", $"creates a {cipher} cipher, which is broken or deprecated", WeakCipherFix);
            }
        }

        private void CheckVersion(OperationAnalysisContext context, IOperation value, IMethodSymbol method, IParameterSymbol parameter)
        {
            if (IsMember(SymbolWrites.FollowOnlyInitializers(value), _clientSideVersion, "V1_0"))
            {
                Report(context, value.Syntax.GetLocation(), Version2Properties, ArgumentName(method, parameter), ClientSideProblem, ClientSideFix);
            }
        }

        /// <summary>
        /// The key size when it is a constant under 2048 bits, written in place, through a constant or local, or through a
        /// <c>readonly</c> field (of any type, <c>KeySettings.RsaBits</c>) declared with one and never assigned again; otherwise null.
        /// </summary>
        private int? SmallKeySize(IOperation value)
        {
            var followed = SymbolWrites.FollowOnlyInitializers(value);
            if (followed is IFieldReferenceOperation { Field: { IsReadOnly: true, IsConst: false } field } && OnlyInitializer(field, followed) is { } initializer)
            {
                followed = initializer.WalkDownConversions();
            }

            return followed.ConstantValue is { HasValue: true, Value: int bits } && bits > 0 && bits < MinimumRsaBits ? bits : null;
        }

        private IOperation? OnlyInitializer(IFieldSymbol field, IOperation usage)
        {
            foreach (var write in SymbolWrites.Of(field))
            {
                if (write.Kind != WriteKind.Initializer)
                {
                    return null;
                }
            }

            return OperationBodies.TryGetInitializerValue(field, usage, _compilation);
        }

        private static void ReportKeySize(OperationAnalysisContext context, IOperation value, string name, int bits)
            => Report(context, value.Syntax.GetLocation(), KeySizeProperties, name, $"asks for a {bits}-bit RSA key", RsaFix);

        private string? WeakCipherOf(INamedTypeSymbol? type)
            => TypeIdentity.IsOrInherits(type, _des) ? "DES"
             : TypeIdentity.IsOrInherits(type, _tripleDes) ? "Triple DES"
             : TypeIdentity.IsOrInherits(type, _rc2) ? "RC2"
             : null;

        /// <summary>The names <c>CryptoConfig</c> maps to DES, Triple DES and RC2.</summary>
        private static string? WeakCipherNamed(string algorithm)
        {
            var name = algorithm.Trim();
            if (name.StartsWith("System.Security.Cryptography.", System.StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring("System.Security.Cryptography.".Length);
            }

            return name.ToUpperInvariant() switch
            {
                "DES" or "DESCRYPTOSERVICEPROVIDER" => "DES",
                "3DES" or "TRIPLEDES" or "TRIPLE DES" or "TRIPLEDESCRYPTOSERVICEPROVIDER" => "Triple DES",
                "RC2" or "RC2CRYPTOSERVICEPROVIDER" => "RC2",
                _ => null,
            };
        }

        /// <summary>The enum member itself, or a constant declared with its value (not a cast number).</summary>
        private static bool IsMember(IOperation value, INamedTypeSymbol? enumType, string member)
        {
            if (enumType is null || value is not IFieldReferenceOperation { Field: { } field })
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(field.ContainingType, enumType))
            {
                return field.Name == member;
            }

            if (!field.IsConst || !SymbolEqualityComparer.Default.Equals(field.Type, enumType) || value.ConstantValue is not { HasValue: true, Value: { } constant })
            {
                return false;
            }

            foreach (var candidate in enumType.GetMembers(member))
            {
                if (candidate is IFieldSymbol { HasConstantValue: true } enumMember && Equals(enumMember.ConstantValue, constant))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Report(OperationAnalysisContext context, Location location, ImmutableDictionary<string, string?>? properties, string api, string problem, string fix)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC503_VulnerableEncryption, location, properties, api, problem, fix));
    }
}

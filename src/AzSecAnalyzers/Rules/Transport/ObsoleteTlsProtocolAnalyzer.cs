using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Transport;

/// <summary>
/// AZSEC302: an <c>SslProtocols</c> or <c>SecurityProtocolType</c> value that enables SSL 2.0/3.0,
/// TLS 1.0 or TLS 1.1, written where it configures TLS: assigned to a property, field or local of
/// that type (<c>HttpClientHandler.SslProtocols</c>, <c>SslClientAuthenticationOptions.EnabledSslProtocols</c>,
/// <c>ServicePointManager.SecurityProtocol</c>, Kestrel's <c>HttpsConnectionAdapterOptions.SslProtocols</c>, ...),
/// passed as an argument of that type (<c>SslStream.AuthenticateAsClient</c>), or the initializer of a settable
/// property or field (a settings object's default, such as StackExchange.Redis <c>ConfigurationOptions.SslProtocols</c>
/// or the app's own options class). A constant, <c>readonly</c> field or local is judged where its value configures
/// TLS, not where it is declared: <c>const SslProtocols Forbidden = Tls | Tls11</c> used only to reject protocols
/// (<c>(p &amp; Forbidden) != 0</c>, <c>&amp;= ~Forbidden</c>) stays silent. Comparisons, switch labels and
/// <c>HasFlag</c> checks read a value and stay silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ObsoleteTlsProtocolAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property: the modern members to keep, joined by <c>|</c>; empty when none were listed.</summary>
    public const string KeepProperty = "Keep";

    /// <summary>Replace the value by the kept modern members, or by the "let the OS choose" member.</summary>
    public const string FixReplaceValue = "ReplaceValue";

    /// <summary>Nothing modern was listed and the assignment is a whole statement: delete it.</summary>
    public const string FixRemoveStatement = "RemoveStatement";

    /// <summary>Nothing modern was listed and the assignment is an object-initializer member: delete it.</summary>
    public const string FixRemoveInitializerMember = "RemoveInitializerMember";

    /// <summary>A management-plane minimum version (<c>StorageMinimumTlsVersion.Tls1_0</c>): use the TLS 1.2 member named in <see cref="KeepProperty"/>.</summary>
    public const string FixReplaceMemberName = "ReplaceMemberName";

    // Properties of the Azure management SDKs and similar libraries that set a service's minimum TLS version.
    private static readonly string[] MinimumTlsVersionProperties = { "MinimumTlsVersion", "MinimalTlsVersion", "MinTlsVersion" };

    // Flag values shared by SslProtocols and SecurityProtocolType (Ssl2 only exists in SslProtocols).
    private const long Ssl2 = 12;
    private const long Ssl3 = 48;
    private const long Tls10 = 192;
    private const long Tls11 = 768;
    private const long Tls12 = 3072;
    private const long Tls13 = 12288;
    private const long Obsolete = Ssl2 | Ssl3 | Tls10 | Tls11;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC302_ObsoleteTlsProtocol);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var sslProtocols = types.Get(WellKnownTypeNames.SslProtocols);
        var securityProtocolType = types.Get(WellKnownTypeNames.SecurityProtocolType);
        if (sslProtocols is null && securityProtocolType is null)
        {
            return;
        }

        var rule = new Rule(sslProtocols, securityProtocolType, context.Compilation);
        context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment, OperationKind.CompoundAssignment);
        context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        context.RegisterOperationAction(rule.AnalyzeInitializer, OperationKind.VariableInitializer, OperationKind.FieldInitializer, OperationKind.PropertyInitializer);
    }

    /// <summary>Names the obsolete versions a flag value enables, e.g. "TLS 1.0 and TLS 1.1".</summary>
    internal static string DescribeObsolete(long value)
    {
        var names = new List<string>(4);
        if ((value & Ssl2) != 0)
        {
            names.Add("SSL 2.0");
        }

        if ((value & Ssl3) != 0)
        {
            names.Add("SSL 3.0");
        }

        if ((value & Tls10) != 0)
        {
            names.Add("TLS 1.0");
        }

        if ((value & Tls11) != 0)
        {
            names.Add("TLS 1.1");
        }

        return names.Count == 1
            ? names[0]
            : string.Join(", ", names.GetRange(0, names.Count - 1)) + " and " + names[names.Count - 1];
    }

    private sealed class Rule
    {
        private readonly INamedTypeSymbol? _sslProtocols;
        private readonly INamedTypeSymbol? _securityProtocolType;
        private readonly Compilation _compilation;

        /// <summary>A flag written out: a protocol member, a literal, or a constant of the protocol type (its value is folded in).</summary>
        private readonly Func<IOperation, bool> _isWrittenFlag;

        public Rule(INamedTypeSymbol? sslProtocols, INamedTypeSymbol? securityProtocolType, Compilation compilation)
        {
            _isWrittenFlag = operand => operand is ILiteralOperation
                || (operand is IFieldReferenceOperation field && (IsProtocolType(field.Field.ContainingType) || (field.Field.IsConst && IsProtocolType(field.Field.Type))))
                || (operand is ILocalReferenceOperation { Local.IsConst: true } local && IsProtocolType(local.Local.Type));
            _sslProtocols = sslProtocols;
            _securityProtocolType = securityProtocolType;
            _compilation = compilation;
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (IAssignmentOperation)context.Operation;
            if (assignment is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation minimum }
                && System.Array.IndexOf(MinimumTlsVersionProperties, minimum.Property.Name) >= 0)
            {
                AnalyzeMinimumTlsVersion(context, minimum, assignment.Value);
                return;
            }

            if (assignment is ICompoundAssignmentOperation { OperatorKind: not BinaryOperatorKind.Or }
                || !IsProtocolType(assignment.Target.Type))
            {
                return;
            }

            // A local or readonly field is judged where its value is used to configure TLS.
            string? target = assignment.Target switch
            {
                IPropertyReferenceOperation property => $"'{property.Property.ContainingType.Name}.{property.Property.Name}'",
                IFieldReferenceOperation { Field.IsReadOnly: false } field => $"'{field.Field.ContainingType.Name}.{field.Field.Name}'",
                _ => null,
            };

            if (target is null)
            {
                return;
            }

            Report(context, assignment.Value, target, RemovalKind(assignment));
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.IsImplicit || argument.Parameter is not { } parameter || !IsProtocolType(parameter.Type))
            {
                return;
            }

            var owner = parameter.ContainingSymbol is IMethodSymbol method
                ? method.MethodKind == MethodKind.Constructor
                    ? $"'{method.ContainingType.Name}' constructor"
                    : $"'{method.ContainingType.Name}.{method.Name}'"
                : $"'{parameter.ContainingSymbol.Name}'";
            Report(context, argument.Value, $"The {owner} argument '{parameter.Name}'", removalKind: null);
        }

        public void AnalyzeInitializer(OperationAnalysisContext context)
        {
            // Locals, constants and readonly fields are judged where their value is used (AnalyzeAssignment, AnalyzeArgument).
            var initializer = (ISymbolInitializerOperation)context.Operation;
            var (type, name) = initializer switch
            {
                IFieldInitializerOperation { InitializedFields.Length: > 0 } field when !field.InitializedFields[0].IsConst && !field.InitializedFields[0].IsReadOnly
                    => (field.InitializedFields[0].Type, $"'{field.InitializedFields[0].ContainingType.Name}.{field.InitializedFields[0].Name}'"),
                IPropertyInitializerOperation { InitializedProperties.Length: > 0 } property => (property.InitializedProperties[0].Type, $"'{property.InitializedProperties[0].ContainingType.Name}.{property.InitializedProperties[0].Name}'"),
                _ => (null, null),
            };

            if (name is not null && IsProtocolType(type))
            {
                Report(context, initializer.Value, name, removalKind: null);
            }
        }

        /// <summary>
        /// <c>MinimumTlsVersion = StorageMinimumTlsVersion.Tls1_0</c> (Storage), <c>RedisTlsVersion.One0</c>,
        /// <c>CosmosDBMinimalTlsVersion.Tls11</c>, or the string form <c>"TLS1_0"</c> / <c>"1.1"</c>: judged by name,
        /// because every management SDK defines its own extensible enum for it.
        /// </summary>
        private static void AnalyzeMinimumTlsVersion(OperationAnalysisContext context, IPropertyReferenceOperation target, IOperation value)
        {
            var typeName = (target.Property.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
                ? nullable.TypeArguments[0]
                : target.Property.Type).Name;
            if (!typeName.EndsWith("TlsVersion", System.StringComparison.Ordinal))
            {
                return;
            }

            string? version;
            string? replacement = null;
            var written = value.WalkDownConversionsAndDelegates();
            switch (written)
            {
                case IPropertyReferenceOperation { Instance: null } member when member.Property.ContainingType.Name.EndsWith("TlsVersion", System.StringComparison.Ordinal):
                    version = ObsoleteVersionOf(member.Property.Name);
                    replacement = ModernMemberOf(member.Property.ContainingType, member.Property.Name);
                    break;
                case IFieldReferenceOperation { Instance: null } field when field.Field.ContainingType.Name.EndsWith("TlsVersion", System.StringComparison.Ordinal):
                    version = ObsoleteVersionOf(field.Field.Name);
                    replacement = ModernMemberOf(field.Field.ContainingType, field.Field.Name);
                    break;
                case ILiteralOperation { ConstantValue.Value: string text }:
                    version = ObsoleteVersionOf(text);
                    break;
                default:
                    return;
            }

            if (version is null)
            {
                return;
            }

            var properties = replacement is null
                ? null
                : ImmutableDictionary<string, string?>.Empty.Add(FixContract.FixKind, FixReplaceMemberName).Add(KeepProperty, replacement);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC302_ObsoleteTlsProtocol,
                value.Syntax.GetLocation(),
                properties,
                $"'{target.Property.ContainingType.Name}.{target.Property.Name}'",
                version));
        }

        /// <summary>"Tls1_0", "TLS1_0", "One0", "1.0", "Tls10", "Tls" (Cosmos DB's name for 1.0) → "TLS 1.0"; likewise 1.1; anything else null.</summary>
        internal static string? ObsoleteVersionOf(string name)
        {
            if (name.Trim().Length == 0)
            {
                return null;
            }

            var normalized = name.Trim().ToUpperInvariant().Replace("_", string.Empty).Replace(".", string.Empty).Replace("TLS", string.Empty).Replace("ONE", "1");
            return normalized switch
            {
                "" or "10" => "TLS 1.0",
                "11" => "TLS 1.1",
                _ => null,
            };
        }

        /// <summary>The TLS 1.2 member beside an obsolete one (Tls1_0 → Tls1_2, One1 → One2, Tls → Tls12), when the type has it.</summary>
        private static string? ModernMemberOf(INamedTypeSymbol type, string obsolete)
        {
            var candidates = new[]
            {
                obsolete.Replace("1_0", "1_2").Replace("1_1", "1_2"),
                obsolete.Replace("One0", "One2").Replace("One1", "One2"),
                obsolete.EndsWith("10", System.StringComparison.Ordinal) || obsolete.EndsWith("11", System.StringComparison.Ordinal)
                    ? obsolete.Substring(0, obsolete.Length - 2) + "12"
                    : obsolete + "12",
            };

            foreach (var candidate in candidates)
            {
                if (candidate != obsolete && !type.GetMembers(candidate).IsEmpty)
                {
                    return candidate;
                }
            }

            return null;
        }

        private void Report(OperationAnalysisContext context, IOperation value, string target, string? removalKind)
        {
            if (!TryGetWrittenFlags(value, out var flags, out var carrier) || (flags & Obsolete) == 0)
            {
                return;
            }

            if (carrier is not null)
            {
                target += carrier is IFieldSymbol field ? $" (through '{field.ContainingType.Name}.{field.Name}')" : $" (through '{carrier.Name}')";
            }

            var keep = (flags & Tls12) != 0
                ? (flags & Tls13) != 0 ? "Tls12|Tls13" : "Tls12"
                : (flags & Tls13) != 0 ? "Tls13" : string.Empty;

            var fixKind = keep.Length == 0 && removalKind is not null ? removalKind : FixReplaceValue;
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FixContract.FixKind, fixKind)
                .Add(KeepProperty, keep);

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC302_ObsoleteTlsProtocol,
                value.Syntax.GetLocation(),
                properties,
                target,
                DescribeObsolete(flags)));
        }

        /// <summary>
        /// The constant flags of a value written out as enum members (<c>SslProtocols.Tls | SslProtocols.Tls12</c>),
        /// a cast number, the user's own constant, or a local or <c>readonly</c> field declared with such a value and never
        /// assigned again (<paramref name="carrier"/>: the symbol the value travelled through).
        /// </summary>
        private bool TryGetWrittenFlags(IOperation value, out long flags, out ISymbol? carrier)
        {
            flags = 0;
            carrier = null;
            switch (value.WalkDownConversions())
            {
                case ILocalReferenceOperation { Local: { } local }:
                    carrier = local;
                    value = local.IsConst ? value : SymbolWrites.FollowOnlyInitializers(value);
                    break;
                case IFieldReferenceOperation { Field: { } field } when !IsProtocolType(field.ContainingType) && (field.IsConst || field.IsReadOnly):
                    carrier = field;
                    if (!field.IsConst)
                    {
                        value = OnlyInitializer(field, value) ?? value;
                    }

                    break;
            }

            // A nullable target (StackExchange.Redis ConfigurationOptions.SslProtocols is SslProtocols?) wraps the
            // constant in a conversion that has no constant value of its own.
            var constant = value.ConstantValue.HasValue ? value.ConstantValue : value.WalkDownConversions().ConstantValue;
            if (!value.AllFlagOperands(_isWrittenFlag) || !constant.HasValue || constant.Value is null)
            {
                return false;
            }

            try
            {
                flags = System.Convert.ToInt64(constant.Value, System.Globalization.CultureInfo.InvariantCulture);
                return true;
            }
            catch (System.Exception e) when (e is System.FormatException or System.InvalidCastException or System.OverflowException)
            {
                return false;
            }
        }

        /// <summary>The value a readonly field is declared with, when nothing else assigns it (not even a constructor).</summary>
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

        private bool IsProtocolType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            return SymbolEqualityComparer.Default.Equals(type, _sslProtocols)
                || SymbolEqualityComparer.Default.Equals(type, _securityProtocolType);
        }

        private static string? RemovalKind(IAssignmentOperation assignment)
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
    }
}

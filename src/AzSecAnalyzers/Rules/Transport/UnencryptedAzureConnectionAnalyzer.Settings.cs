using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Transport;

public sealed partial class UnencryptedAzureConnectionAnalyzer
{
    /// <summary>The typed settings of AZSEC303: SqlConnectionStringBuilder, SAS protocol, OpenID Connect metadata.</summary>
    private sealed class Settings
    {
        private readonly IPropertySymbol? _sqlEncrypt;
        private readonly IPropertySymbol? _sqlTrustServerCertificate;
        private readonly IPropertySymbol? _sqlDataSource;
        private readonly IPropertySymbol? _encryptOptional;
        private readonly ImmutableHashSet<IPropertySymbol> _requireHttps;
        private readonly DevelopmentGuard _guard;

        public Settings(AzSecContext types)
        {
            var builder = types.Get(WellKnownTypeNames.SqlConnectionStringBuilder);
            _sqlEncrypt = Property(builder, "Encrypt");
            _sqlTrustServerCertificate = Property(builder, "TrustServerCertificate");
            _sqlDataSource = Property(builder, "DataSource");
            _encryptOptional = Property(types.Get(WellKnownTypeNames.SqlConnectionEncryptOption), "Optional");

            var requireHttps = ImmutableHashSet.CreateBuilder<IPropertySymbol>(SymbolEqualityComparer.Default);
            AddIfPresent(requireHttps, Property(types.Get(WellKnownTypeNames.JwtBearerOptions), "RequireHttpsMetadata"));
            AddIfPresent(requireHttps, Property(types.Get(WellKnownTypeNames.OpenIdConnectOptions), "RequireHttpsMetadata"));
            AddIfPresent(requireHttps, Property(types.Get(WellKnownTypeNames.HttpDocumentRetriever), "RequireHttps"));
            _requireHttps = requireHttps.ToImmutable();

            var sas = ImmutableHashSet.CreateBuilder<IFieldSymbol>(SymbolEqualityComparer.Default);
            foreach (var typeName in new[] { WellKnownTypeNames.SasProtocol, WellKnownTypeNames.TableSasProtocol })
            {
                foreach (var member in types.Get(typeName)?.GetMembers("HttpsAndHttp") ?? ImmutableArray<ISymbol>.Empty)
                {
                    if (member is IFieldSymbol field)
                    {
                        sas.Add(field);
                    }
                }
            }

            SasHttpsAndHttp = sas.ToImmutable();
            _guard = DevelopmentGuard.Create(types);
        }

        public ImmutableHashSet<IFieldSymbol> SasHttpsAndHttp { get; }

        public bool IsEmpty => _sqlEncrypt is null && _sqlTrustServerCertificate is null && _requireHttps.IsEmpty;

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation target)
            {
                return;
            }

            var property = target.Property.OriginalDefinition;
            var value = assignment.Value.WalkDownConversionsAndDelegates();
            var owner = $"{property.ContainingType.Name}.{property.Name}";
            if (_requireHttps.Contains(property))
            {
                if (IsBoolean(value, false) && !_guard.IsGuarded(assignment))
                {
                    Report(context, assignment.Value, $"'{owner} = false' lets the token signing keys and metadata be fetched over plain HTTP", "set it to true", EditReplaceWithBoolean, "true", $"Set {property.Name} to true");
                }

                return;
            }

            if (SymbolEqualityComparer.Default.Equals(property, _sqlEncrypt))
            {
                if (IsBoolean(value, false) && !ServerIsKnownNotAzure(assignment))
                {
                    Report(context, assignment.Value, $"'{owner} = false' lets the SQL connection travel unencrypted", "set it to true", EditReplaceWithBoolean, "true", "Set Encrypt to true");
                }
                else if (value is IPropertyReferenceOperation reference
                         && SymbolEqualityComparer.Default.Equals(reference.Property.OriginalDefinition, _encryptOptional)
                         && !ServerIsKnownNotAzure(assignment))
                {
                    Report(context, assignment.Value, $"'{owner} = SqlConnectionEncryptOption.Optional' lets the SQL connection travel unencrypted", "use SqlConnectionEncryptOption.Mandatory or Strict", EditReplaceMemberName, "Mandatory", "Use SqlConnectionEncryptOption.Mandatory");
                }

                return;
            }

            if (SymbolEqualityComparer.Default.Equals(property, _sqlTrustServerCertificate)
                && IsBoolean(value, true)
                && !ServerIsKnownNotAzure(assignment))
            {
                Report(context, assignment.Value, $"'{owner} = true' skips validation of the SQL server certificate", "set it to false", EditReplaceWithBoolean, "false", "Set TrustServerCertificate to false");
            }
        }

        public void AnalyzeFieldReference(OperationAnalysisContext context)
        {
            var reference = (IFieldReferenceOperation)context.Operation;
            if (!SasHttpsAndHttp.Contains(reference.Field.OriginalDefinition) || !IsWrittenValue(reference))
            {
                return;
            }

            var name = $"{reference.Field.ContainingType.Name}.{reference.Field.Name}";
            Report(context, reference, $"'{name}' lets the SAS be used over plain HTTP", $"use {reference.Field.ContainingType.Name}.Https", EditReplaceMemberName, "Https", $"Use {reference.Field.ContainingType.Name}.Https");
        }

        /// <summary>Reports on the value; the fix edits the value itself, or only its member name (<see cref="EditReplaceMemberName"/>).</summary>
        private static void Report(OperationAnalysisContext context, IOperation at, string problem, string fix, string editKind, string editText, string title)
        {
            var edit = editKind == EditReplaceMemberName
                ? at.Syntax switch
                {
                    MemberAccessExpressionSyntax access => access.Name.Identifier.GetLocation(),
                    IdentifierNameSyntax identifier => identifier.Identifier.GetLocation(),
                    _ => null,
                }
                : at.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC303_UnencryptedAzureConnection,
                at.Syntax.GetLocation(),
                edit is null ? null : new[] { edit },
                edit is null ? null : Edit(editKind, editText, title),
                problem,
                fix));
        }

        /// <summary>A value that configures something (assigned, passed, initialized, returned), not one read in a comparison.</summary>
        private static bool IsWrittenValue(IOperation operation)
        {
            var child = operation.WalkUpConversions();
            return child.Parent switch
            {
                IAssignmentOperation assignment => assignment.Value == child,
                IArgumentOperation or ISymbolInitializerOperation or IReturnOperation => true,
                _ => false,
            };
        }

        /// <summary>
        /// True when the builder is created in sight with a literal server that is not an Azure service
        /// (a local or on-premises SQL Server): then the setting is not about Azure. Unknown servers count as Azure.
        /// </summary>
        private bool ServerIsKnownNotAzure(ISimpleAssignmentOperation assignment)
        {
            var creation = assignment.Parent is IObjectOrCollectionInitializerOperation { Parent: IObjectCreationOperation initialized }
                ? initialized
                : ((IPropertyReferenceOperation)assignment.Target).Instance is ILocalReferenceOperation local
                    ? FindCreation(assignment, local.Local)
                    : null;

            if (creation is null)
            {
                return false;
            }

            string? server = null;
            if (creation.Arguments.Length > 0 && creation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string connectionString })
            {
                ConnectionString.Parse(connectionString).TryGetAny(out var part, "Server", "Data Source", "Address", "Addr", "Network Address");
                server = part.Value;
            }

            foreach (var initializer in creation.Initializer?.Initializers ?? ImmutableArray<IOperation>.Empty)
            {
                if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation member } dataSource
                    && SymbolEqualityComparer.Default.Equals(member.Property.OriginalDefinition, _sqlDataSource)
                    && dataSource.Value.ConstantValue is { HasValue: true, Value: string literal })
                {
                    server = literal;
                }
            }

            return server is { Length: > 0 } && AzureEndpoints.ClassifyHost(server) == AzureService.None;
        }

        /// <summary>Policy: the object the local is declared with; a local declared without one is not followed.</summary>
        private static IObjectCreationOperation? FindCreation(IOperation from, ILocalSymbol local)
        {
            foreach (var write in SymbolWrites.Of(local, from.Root()))
            {
                return write.Kind == WriteKind.Initializer ? write.Value?.WalkDownConversionsAndDelegates() as IObjectCreationOperation : null;
            }

            return null;
        }

        private static bool IsBoolean(IOperation value, bool expected)
            => value.ConstantValue is { HasValue: true, Value: bool actual } && actual == expected;

        private static IPropertySymbol? Property(INamedTypeSymbol? type, string name)
        {
            foreach (var member in type?.GetMembers(name) ?? ImmutableArray<ISymbol>.Empty)
            {
                if (member is IPropertySymbol property)
                {
                    return property;
                }
            }

            return null;
        }

        private static void AddIfPresent(ImmutableHashSet<IPropertySymbol>.Builder set, IPropertySymbol? property)
        {
            if (property is not null)
            {
                set.Add(property);
            }
        }
    }
}

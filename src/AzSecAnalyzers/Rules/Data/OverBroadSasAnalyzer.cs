using AzSecAnalyzers.Infrastructure.Options;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Data;

/// <summary>
/// AZSEC502: a shared access signature made with more power than a caller needs, at the argument or property
/// that grants it: <c>All</c> permissions (any Storage/Tables SAS permission enum), write and delete on a whole
/// account (<c>AccountSasPermissions</c>, <c>TableAccountSasPermissions</c> or their permission strings), an
/// expiry more than <c>azsec.AZSEC502.max_sas_lifetime_days</c> (default 7) ahead, or a builder whose
/// <c>ExpiresOn</c> is never set and that names no stored access policy (<c>Identifier</c>).
/// Looks at <c>GenerateSasUri</c>/<c>GenerateAccountSasUri</c> of the Blob, Data Lake, Queue, Table and File Share
/// clients and at the SAS builders' constructors, <c>SetPermissions</c>, <c>Permissions</c> and <c>ExpiresOn</c>.
/// Also a Blob or Data Lake service SAS signed with the account key where a user delegation key would do
/// (see <c>AnalyzeSharedKeySigning</c>); Queue, Table, File Share and account SAS have no user delegation form and
/// are not reported for their key alone.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("The right permissions and lifetime depend on what the SAS is for; switching to a user delegation key needs a TokenCredential-based service client and a key fetched at run time.")]
public sealed partial class OverBroadSasAnalyzer : AzSecAnalyzer
{
    private static readonly string[] BuilderNames =
    {
        WellKnownTypeNames.BlobSasBuilder, WellKnownTypeNames.DataLakeSasBuilder, WellKnownTypeNames.AccountSasBuilder, WellKnownTypeNames.QueueSasBuilder,
        WellKnownTypeNames.ShareSasBuilder, WellKnownTypeNames.TableSasBuilder, WellKnownTypeNames.TableAccountSasBuilder,
    };

    private static readonly string[] ClientNames =
    {
        WellKnownTypeNames.BlobContainerClient, WellKnownTypeNames.BlobBaseClient, WellKnownTypeNames.BlobServiceClient,
        WellKnownTypeNames.QueueClient, WellKnownTypeNames.QueueServiceClient, WellKnownTypeNames.TableClient,
        WellKnownTypeNames.TableServiceClient, WellKnownTypeNames.ShareClient, WellKnownTypeNames.ShareDirectoryClient,
        WellKnownTypeNames.ShareFileClient, WellKnownTypeNames.ShareServiceClient,
        WellKnownTypeNames.DataLakeFileSystemClient, WellKnownTypeNames.DataLakePathClient, WellKnownTypeNames.DataLakeDirectoryClient,
    };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC502_OverBroadSas);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var builders = Resolve(types, BuilderNames);
        var clients = Resolve(types, ClientNames);
        if (builders.IsEmpty && clients.IsEmpty)
        {
            return;
        }

        var rule = new Rule(
            builders,
            clients,
            new SasExpiry(types.Get(WellKnownTypeNames.DateTimeOffset), types.Get(WellKnownTypeNames.DateTime), types.Get(WellKnownTypeNames.TimeSpan)));
        context.RegisterOperationAction(rule.AnalyzeArgument, OperationKind.Argument);
        if (!builders.IsEmpty)
        {
            context.RegisterOperationAction(rule.AnalyzeAssignment, OperationKind.SimpleAssignment);
            context.RegisterOperationAction(rule.AnalyzeCreation, OperationKind.ObjectCreation);
        }

        if (SharedKeySigning.Create(types) is { } sharedKey)
        {
            context.RegisterOperationAction(sharedKey.AnalyzeInvocation, OperationKind.Invocation);
        }
    }

    private static ImmutableHashSet<INamedTypeSymbol> Resolve(AzSecContext types, string[] names)
    {
        var set = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in names)
        {
            if (types.Get(name) is { } type)
            {
                set.Add(type);
            }
        }

        return set.ToImmutable();
    }

    private sealed class Rule
    {
        private readonly ImmutableHashSet<INamedTypeSymbol> _builders;
        private readonly ImmutableHashSet<INamedTypeSymbol> _clients;
        private readonly SasExpiry _expiry;

        public Rule(ImmutableHashSet<INamedTypeSymbol> builders, ImmutableHashSet<INamedTypeSymbol> clients, SasExpiry expiry)
        {
            _builders = builders;
            _clients = clients;
            _expiry = expiry;
        }

        public void AnalyzeArgument(OperationAnalysisContext context)
        {
            var argument = (IArgumentOperation)context.Operation;
            if (argument.ArgumentKind == ArgumentKind.DefaultValue
                || argument.Parameter is not { } parameter
                || parameter.ContainingSymbol is not IMethodSymbol method
                || method.ContainingType is not { } owner)
            {
                return;
            }

            bool accountScope;
            if (_builders.Contains(owner) && (method.MethodKind == MethodKind.Constructor || method.Name == "SetPermissions"))
            {
                accountScope = IsAccountBuilder(owner);
            }
            else if (_clients.Contains(owner) && method.Name is "GenerateSasUri" or "GenerateAccountSasUri")
            {
                accountScope = owner.Name is "TableServiceClient" || method.Name == "GenerateAccountSasUri";
            }
            else
            {
                return;
            }

            Check(context, argument.Value, parameter.Type, parameter.Name == "expiresOn", accountScope, parameter);
        }

        /// <summary>How the message names the argument or property: built only for a finding.</summary>
        private static string NameOf(ISymbol target)
        {
            if (target is IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter)
            {
                return method.MethodKind == MethodKind.Constructor
                    ? $"The '{method.ContainingType.Name}' constructor argument '{parameter.Name}'"
                    : method.Name == "SetPermissions"
                    ? $"'{method.ContainingType.Name}.SetPermissions'"
                    : $"The '{method.ContainingType.Name}.{method.Name}' argument '{parameter.Name}'";
            }

            return $"'{target.ContainingType.Name}.{target.Name}'";
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "ExpiresOn" or "Permissions" } property }
                || !_builders.Contains(property.ContainingType))
            {
                return;
            }

            Check(
                context,
                assignment.Value,
                property.Type,
                property.Name == "ExpiresOn",
                IsAccountBuilder(property.ContainingType),
                property);
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is not { Parameters.Length: 0 } constructor
                || !_builders.Contains(constructor.ContainingType)
                || SetsExpiryOrPolicy(creation.Initializer))
            {
                return;
            }

            if (!ReachesSasWithoutExpiry(creation))
            {
                return;
            }

            var location = creation.Syntax switch
            {
                ObjectCreationExpressionSyntax explicitType => explicitType.Type.GetLocation(),
                ImplicitObjectCreationExpressionSyntax implicitType => implicitType.NewKeyword.GetLocation(),
                _ => creation.Syntax.GetLocation(),
            };
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC502_OverBroadSas,
                location,
                $"'{constructor.ContainingType.Name}'",
                "has no expiry: ExpiresOn is never set and no stored access policy Identifier is named"));
        }

        private void Check(OperationAnalysisContext context, IOperation value, ITypeSymbol type, bool isExpiry, bool accountScope, ISymbol target)
        {
            string? problem = null;
            if (isExpiry || type.Name == "DateTimeOffset")
            {
                if (!isExpiry || _expiry.HoursFromNow(value) is not { } hours)
                {
                    return;
                }

                var maxDays = AzSecOptionDefinitions.MaxSasLifetimeDays.Read(context.Options, value.Syntax.SyntaxTree, RuleIds.OverBroadSas);
                if (double.IsPositiveInfinity(hours))
                {
                    problem = "never expires (MaxValue)";
                }
                else if (hours > (maxDays * 24.0) + 1e-9)
                {
                    problem = $"expires in {SasExpiry.FormatDays(hours)} days, more than {maxDays}";
                }
            }
            else if (type.SpecialType == SpecialType.System_String)
            {
                if (accountScope
                    && SymbolWrites.FollowOnlyInitializers(value).ConstantValue is { HasValue: true, Value: string permissions }
                    && permissions.IndexOf('w') >= 0
                    && permissions.IndexOf('d') >= 0)
                {
                    problem = $"grants write and delete on the whole storage account (\"{Shorten(permissions)}\")";
                }
            }
            else if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } permissionsType && IsPermissionsEnum(permissionsType))
            {
                problem = PermissionProblem(SymbolWrites.FollowOnlyInitializers(value), permissionsType, accountScope);
            }

            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC502_OverBroadSas, value.Syntax.GetLocation(), NameOf(target), problem));
            }
        }

        private static string? PermissionProblem(IOperation value, INamedTypeSymbol type, bool accountScope)
        {
            // Only flags written out as named constants (of the permission type, or any const) are judged.
            bool IsNamedFlag(IOperation operand)
                => operand is IFieldReferenceOperation field && (SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, type) || field.Field.IsConst)
                   || operand is ILocalReferenceOperation { Local.IsConst: true };

            if (!value.AllFlagOperands(IsNamedFlag) || value.ConstantValue is not { HasValue: true, Value: { } constant })
            {
                return null;
            }

            var flags = ToLong(constant);
            if (ConstantOf(type, "All") is { } all && (flags & all) == all)
            {
                return $"grants all permissions ({type.Name}.All)";
            }

            if (accountScope
                && type.Name is "AccountSasPermissions" or "TableAccountSasPermissions"
                && ConstantOf(type, "Write") is { } write
                && ConstantOf(type, "Delete") is { } delete
                && (flags & write) != 0
                && (flags & delete) != 0)
            {
                return $"grants write and delete on the whole storage account ({type.Name})";
            }

            return null;
        }

        private static long? ConstantOf(INamedTypeSymbol type, string member)
        {
            foreach (var symbol in type.GetMembers(member))
            {
                if (symbol is IFieldSymbol { HasConstantValue: true, ConstantValue: { } value })
                {
                    return ToLong(value);
                }
            }

            return null;
        }

        private static long ToLong(object value) => value switch
        {
            int i => i,
            long l => l,
            uint u => u,
            ulong ul => unchecked((long)ul),
            short s => s,
            ushort us => us,
            byte b => b,
            sbyte sb => sb,
            _ => 0,
        };

        private static bool IsPermissionsEnum(INamedTypeSymbol type)
            => type.Name.EndsWith("SasPermissions", System.StringComparison.Ordinal)
               && type.ContainingNamespace?.ToDisplayString() is "Azure.Storage.Sas" or "Azure.Data.Tables.Sas";

        private static bool IsAccountBuilder(INamedTypeSymbol builder) => builder.Name is "AccountSasBuilder" or "TableAccountSasBuilder";

        private static string Shorten(string text) => text.Length <= 20 ? text : text.Substring(0, 20) + "…";

        private static bool SetsExpiryOrPolicy(IObjectOrCollectionInitializerOperation? initializer)
        {
            if (initializer is null)
            {
                return false;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ExpiresOn" or "Identifier" } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the new builder is used, without an expiry, only where this method can see it: handed straight to
        /// a client's <c>Generate*SasUri</c>, signed in place, or kept in a local that is only configured, signed and
        /// handed to such a client and never gets <c>ExpiresOn</c> or <c>Identifier</c>. A builder that escapes
        /// (returned, stored, passed to other code) may get its expiry elsewhere: silent.
        /// </summary>
        private bool ReachesSasWithoutExpiry(IObjectCreationOperation creation)
        {
            var use = creation.WalkUpConversions();

            switch (use.Parent)
            {
                case IArgumentOperation argument:
                    return IsSasSink(argument);
                case IInvocationOperation invocation when invocation.Instance == use:
                    return invocation.TargetMethod.Name is "ToSasQueryParameters" or "Sign";
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalNeverGetsExpiry(declarator.Symbol, declarator);
                default:
                    return false;
            }
        }

        private bool LocalNeverGetsExpiry(ILocalSymbol local, IOperation declarator)
        {
            var signed = false;
            foreach (var reference in SymbolWrites.ReferencesTo(local, declarator.Root()))
            {
                switch (reference.Parent)
                {
                    case IPropertyReferenceOperation { Property.Name: "ExpiresOn" or "Identifier" } property when property.Parent is IAssignmentOperation assignment && assignment.Target == property:
                        return false;
                    case IPropertyReferenceOperation:
                        break;
                    case IInvocationOperation invocation when invocation.Instance == reference:
                        signed |= invocation.TargetMethod.Name is "ToSasQueryParameters" or "Sign";
                        break;
                    case IArgumentOperation argument when IsSasSink(argument):
                        signed = true;
                        break;
                    default:
                        return false;
                }
            }

            return signed;
        }

        private bool IsSasSink(IArgumentOperation argument)
            => argument.Parameter?.ContainingSymbol is IMethodSymbol { Name: "GenerateSasUri" or "GenerateAccountSasUri" or "GenerateUserDelegationSasUri" } method
               && method.ContainingType is { } owner
               && _clients.Contains(owner);
    }
}

namespace AzSecAnalyzers.Rules.Data;

public sealed partial class OverBroadSasAnalyzer
{
    private const string SharedKeyProblem = "signs the SAS with the storage account key, which only a key rotation can revoke";

    /// <summary>
    /// A Blob or Data Lake service SAS signed with the account key: <c>GenerateSasUri</c> on a Blob container/blob or
    /// Data Lake file system/path client (it only works on a client built with a <c>StorageSharedKeyCredential</c> or a
    /// connection string with the key), or <c>BlobSasBuilder</c>/<c>DataLakeSasBuilder.ToSasQueryParameters(StorageSharedKeyCredential)</c>.
    /// A user delegation SAS, signed with a key fetched with Entra ID, does the same job and is revoked with the
    /// identity's access. Silent where the same method also fetches a user delegation key (it offers both forms).
    /// </summary>
    private sealed class SharedKeySigning
    {
        private readonly ImmutableArray<INamedTypeSymbol> _clients;
        private readonly ImmutableArray<INamedTypeSymbol> _builders;
        private readonly INamedTypeSymbol _sharedKey;

        private SharedKeySigning(ImmutableArray<INamedTypeSymbol> clients, ImmutableArray<INamedTypeSymbol> builders, INamedTypeSymbol sharedKey)
        {
            _clients = clients;
            _builders = builders;
            _sharedKey = sharedKey;
        }

        /// <summary>Null when the compilation references neither Blob nor Data Lake storage.</summary>
        public static SharedKeySigning? Create(AzSecContext types)
        {
            if (types.Get(WellKnownTypeNames.StorageSharedKeyCredential) is not { } sharedKey)
            {
                return null;
            }

            var clients = ResolveAll(types, WellKnownTypeNames.BlobContainerClient, WellKnownTypeNames.BlobBaseClient, WellKnownTypeNames.DataLakeFileSystemClient, WellKnownTypeNames.DataLakePathClient);
            var builders = ResolveAll(types, WellKnownTypeNames.BlobSasBuilder, WellKnownTypeNames.DataLakeSasBuilder);
            return clients.IsEmpty && builders.IsEmpty ? null : new SharedKeySigning(clients, builders, sharedKey);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            string api;
            switch (method.Name)
            {
                case "GenerateSasUri" when IsAny(method.ContainingType, _clients):
                    api = $"'{(invocation.Instance?.Type ?? method.ContainingType).Name}.GenerateSasUri'";
                    break;
                case "ToSasQueryParameters" when IsAny(method.ContainingType, _builders)
                                                 && method.Parameters.Length > 0
                                                 && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _sharedKey):
                    api = $"'{method.ContainingType.Name}.ToSasQueryParameters(StorageSharedKeyCredential)'";
                    break;
                default:
                    return;
            }

            if (FetchesUserDelegationKey(invocation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC502_OverBroadSas,
                invocation.Syntax.MemberNameLocation(),
                api,
                SharedKeyProblem));
        }

        /// <summary>The enclosing member also asks for a user delegation key: it signs both ways (a configurable helper).</summary>
        private static bool FetchesUserDelegationKey(IOperation invocation)
        {
            foreach (var operation in invocation.Root().Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "GetUserDelegationKey" or "GetUserDelegationKeyAsync" or "GenerateUserDelegationSasUri" })
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsAny(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> candidates)
        {
            foreach (var candidate in candidates)
            {
                if (TypeIdentity.IsOrInherits(type, candidate))
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableArray<INamedTypeSymbol> ResolveAll(AzSecContext types, params string[] names)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var name in names)
            {
                if (types.Get(name) is { } type)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }
}

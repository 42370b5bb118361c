namespace AzSecAnalyzers.Rules.Data;

/// <summary>
/// AZSEC501: <c>PublicAccessType.Blob</c> or <c>PublicAccessType.BlobContainer</c> passed to
/// <c>BlobContainerClient.Create*</c> / <c>CreateIfNotExists*</c> / <c>SetAccessPolicy*</c> or
/// <c>BlobServiceClient.CreateBlobContainer*</c>, positionally or by name, written in place, through a
/// constant, or through a local that holds only that value. Silent for <c>None</c>, for values computed at
/// run time, for user types with the same names and in development-only code (the shared
/// <see cref="DevelopmentGuard"/>: <c>IsDevelopment()</c> branches and <c>#if DEBUG</c>), which is where
/// code that talks to Azurite lives; the client's connection string is not followed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublicBlobAccessAnalyzer : AzSecAnalyzer
{
    private static readonly ImmutableHashSet<string> ContainerMethods = ImmutableHashSet.Create(
        "Create", "CreateAsync", "CreateIfNotExists", "CreateIfNotExistsAsync", "SetAccessPolicy", "SetAccessPolicyAsync");

    private static readonly ImmutableHashSet<string> ServiceMethods = ImmutableHashSet.Create("CreateBlobContainer", "CreateBlobContainerAsync");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC501_PublicBlobAccess);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var publicAccessType = types.Get(WellKnownTypeNames.PublicAccessType);
        var containerClient = types.Get(WellKnownTypeNames.BlobContainerClient);
        var serviceClient = types.Get(WellKnownTypeNames.BlobServiceClient);
        if (publicAccessType is null || (containerClient is null && serviceClient is null))
        {
            return;
        }

        var guard = DevelopmentGuard.Create(types);
        context.RegisterOperationAction(
            c => Analyze(c, publicAccessType, containerClient, serviceClient, guard),
            OperationKind.Argument);
    }

    private static void Analyze(
        OperationAnalysisContext context,
        INamedTypeSymbol publicAccessType,
        INamedTypeSymbol? containerClient,
        INamedTypeSymbol? serviceClient,
        DevelopmentGuard guard)
    {
        var argument = (IArgumentOperation)context.Operation;
        if (argument.IsImplicit
            || argument.Parameter is not { } parameter
            || !SymbolEqualityComparer.Default.Equals(parameter.Type, publicAccessType)
            || parameter.ContainingSymbol is not IMethodSymbol method)
        {
            return;
        }

        var owner = method.ContainingType;
        var isContainerCall = SymbolEqualityComparer.Default.Equals(owner, containerClient) && ContainerMethods.Contains(method.Name);
        var isServiceCall = SymbolEqualityComparer.Default.Equals(owner, serviceClient) && ServiceMethods.Contains(method.Name);
        if (!isContainerCall && !isServiceCall)
        {
            return;
        }

        var value = SymbolWrites.FollowOnlyInitializers(argument.Value);
        if (!IsWrittenOut(value, publicAccessType)
            || value.ConstantValue is not { HasValue: true, Value: { } access }
            || MemberNamed(publicAccessType, access) is not { } member
            || member is not ("Blob" or "BlobContainer")
            || guard.IsGuarded(argument))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC501_PublicBlobAccess,
            argument.Value.Syntax.GetLocation(),
            $"'{owner.Name}.{method.Name}'",
            member,
            member == "BlobContainer" ? "the container's blobs and list the container" : "every blob in the container"));
    }

    private static string? MemberNamed(INamedTypeSymbol enumType, object value)
    {
        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value))
            {
                return field.Name;
            }
        }

        return null;
    }

    /// <summary>An enum member (or a constant made of one), not a number cast or a computed value.</summary>
    private static bool IsWrittenOut(IOperation value, INamedTypeSymbol publicAccessType) => value switch
    {
        IFieldReferenceOperation field => SymbolEqualityComparer.Default.Equals(field.Field.ContainingType, publicAccessType)
            || (field.Field.IsConst && SymbolEqualityComparer.Default.Equals(field.Field.Type, publicAccessType)),
        ILocalReferenceOperation { Local.IsConst: true } local => SymbolEqualityComparer.Default.Equals(local.Local.Type, publicAccessType),
        _ => false,
    };
}

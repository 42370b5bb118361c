namespace AzSecAnalyzers.Rules.Identity;

/// <summary>
/// AZSEC205: a client or entry point of a retired Azure package (ADAL, WindowsAzure.Storage,
/// Microsoft.Azure.Storage.*, Microsoft.Azure.Cosmos.Table, Microsoft.Azure.ServiceBus, WindowsAzure.ServiceBus,
/// Microsoft.Azure.EventHubs, Microsoft.Azure.DocumentDB, Microsoft.Azure.KeyVault), reported once per
/// construction or factory call (<c>Parse</c>, <c>TryParse</c>, <c>Create…</c>), never per mention of the type.
/// Types are matched by metadata name (<see cref="Packages"/>), so look-alikes of other namespaces stay silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("Moving to the successor package is not mechanical: the client hierarchy, the method names, the paging, retry and serialization models and the way credentials are passed all change, and the identity needs an Azure RBAC role.")]
public sealed partial class RetiredAzureSdkAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC205_RetiredAzureSdk);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        ImmutableDictionary<INamedTypeSymbol, Retired>.Builder? retired = null;
        ImmutableHashSet<INamedTypeSymbol>.Builder? factories = null;
        foreach (var package in Packages)
        {
            if (types.Get(package.Types[0].MetadataName) is null)
            {
                continue;
            }

            retired ??= ImmutableDictionary.CreateBuilder<INamedTypeSymbol, Retired>(SymbolEqualityComparer.Default);
            factories ??= ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var type in package.Types)
            {
                if (types.Get(type.MetadataName) is { } symbol)
                {
                    retired[symbol] = new Retired(package.Name, type.Successor);
                    factories.Add(symbol);
                }
            }

            foreach (var name in package.Factories)
            {
                if (types.Get(name) is { } symbol)
                {
                    factories.Add(symbol);
                }
            }
        }

        if (retired is null || factories is null)
        {
            return;
        }

        var tasks = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in AsyncResultTypes)
        {
            if (types.Get(name) is { } task)
            {
                tasks.Add(task);
            }
        }

        var rule = new Rule(retired.ToImmutable(), factories.ToImmutable(), tasks.ToImmutable());
        context.RegisterOperationAction(rule.AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
    }

    // An async factory (MessagingFactory.CreateMessageSenderAsync) hands its client out through these.
    private static readonly ImmutableArray<string> AsyncResultTypes = ImmutableArray.Create("System.Threading.Tasks.Task`1", "System.Threading.Tasks.ValueTask`1");

    /// <summary>The package a retired type comes from and the successor the message names.</summary>
    private readonly struct Retired
    {
        public Retired(string package, string successor)
        {
            Package = package;
            Successor = successor;
        }

        public string Package { get; }

        public string Successor { get; }
    }

    private sealed class Rule
    {
        private readonly ImmutableDictionary<INamedTypeSymbol, Retired> _retired;

        // The retired types themselves and the static classes of their extension factories (CreateCloudBlobClient).
        private readonly ImmutableHashSet<INamedTypeSymbol> _factories;

        private readonly ImmutableHashSet<INamedTypeSymbol> _tasks;

        public Rule(ImmutableDictionary<INamedTypeSymbol, Retired> retired, ImmutableHashSet<INamedTypeSymbol> factories, ImmutableHashSet<INamedTypeSymbol> tasks)
        {
            _retired = retired;
            _factories = factories;
            _tasks = tasks;
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is INamedTypeSymbol type && _retired.TryGetValue(type.OriginalDefinition, out var retired))
            {
                Report(context, creation.Syntax.CreatedTypeLocation(), $"'{type.Name}'", retired);
            }
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            var isTryParse = method.Name == "TryParse";
            if (!isTryParse && method.Name != "Parse" && !method.Name.StartsWith("Create", StringComparison.Ordinal))
            {
                return;
            }

            if (!_factories.Contains(method.ContainingType.OriginalDefinition)
                || CreatedType(method, isTryParse) is not { } created
                || created.OriginalDefinition is not INamedTypeSymbol createdType
                || !_retired.TryGetValue(createdType, out var retired))
            {
                return;
            }

            // A client handing out another view of itself (blob.CreateSnapshotAsync()) builds nothing new: the
            // client was reported where it was made. Static factories of a type (QueueClient.CreateFromConnectionString) count.
            if (!method.IsStatic && method.ReducedFrom is null && SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, createdType))
            {
                return;
            }

            // An extension factory reads as a member of the type it extends: 'CloudStorageAccount.CreateCloudBlobClient'.
            var definition = method.ReducedFrom ?? method;
            var owner = definition.IsExtensionMethod && definition.Parameters.Length > 0 ? definition.Parameters[0].Type : method.ContainingType;
            Report(context, invocation.Syntax.InvokedNameLocation(), $"'{owner.Name}.{method.Name}'", retired);
        }

        // What the factory hands out: its return value (or the result of the task it returns), or for TryParse the out parameter it fills.
        private ITypeSymbol? CreatedType(IMethodSymbol method, bool isTryParse)
        {
            if (!isTryParse)
            {
                return method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } task && _tasks.Contains(task.OriginalDefinition)
                    ? task.TypeArguments[0]
                    : method.ReturnType;
            }

            foreach (var parameter in method.Parameters)
            {
                if (parameter.RefKind == RefKind.Out)
                {
                    return parameter.Type;
                }
            }

            return null;
        }

        private static void Report(OperationAnalysisContext context, Location location, string api, Retired retired)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC205_RetiredAzureSdk, location, api, retired.Package, retired.Successor));
    }
}

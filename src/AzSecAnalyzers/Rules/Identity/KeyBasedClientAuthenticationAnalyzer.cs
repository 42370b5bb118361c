using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Identity;

/// <summary>
/// AZSEC201: an Azure client built with a connection string, account key, SAS or API key although it
/// has a <c>TokenCredential</c> overload, and <c>Microsoft.Extensions.Azure</c> registrations that take a
/// connection string. Driven by <see cref="KeyBasedClientTable"/>; silent for local emulator values. Language-model
/// clients (string <c>apiKey</c> overloads, OpenAI clients against an Azure endpoint) are in the <c>ApiKeys</c> part;
/// the configurable-factory exemption in the <c>Factories</c> part.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class KeyBasedClientAuthenticationAnalyzer : AzSecAnalyzer
{
    // The fix kind is what the reported argument carries: KindConnectionString, KindAccountKey or KindKeyCredential.
    public const string KindConnectionString = "ConnectionString";
    public const string KindAccountKey = "AccountKey";
    public const string KindKeyCredential = "KeyCredential";

    /// <summary>A string <c>apiKey</c> parameter whose overload takes a TokenCredential in the same place (Semantic Kernel, …).</summary>
    public const string KindApiKey = "ApiKey";

    /// <summary>An OpenAI client's <c>ApiKeyCredential</c> with options whose endpoint is Azure OpenAI: the token form is a <c>BearerTokenPolicy</c>.</summary>
    public const string KindAzureEndpointKey = "AzureEndpointKey";

    /// <summary>For <see cref="KindApiKey"/>: the name of the TokenCredential parameter of the overload (for a named argument).</summary>
    public const string CredentialParameterProperty = "CredentialParameter";

    /// <summary>The <see cref="ClientFamily"/> of the client.</summary>
    public const string FamilyProperty = "Family";

    /// <summary>The endpoint derived from a constant connection string (a service URI, a namespace or an account endpoint).</summary>
    public const string EndpointProperty = "Endpoint";

    /// <summary>The Event Hubs <c>EntityPath</c> of a constant connection string.</summary>
    public const string EntityPathProperty = "EntityPath";

    /// <summary>The sibling configuration key to read the endpoint from, when the connection string is read from configuration.</summary>
    public const string ConfigurationKeyProperty = "ConfigurationKey";

    /// <summary>Set when the finding is a <c>Microsoft.Extensions.Azure</c> registration rather than a construction.</summary>
    public const string RegistrationProperty = "Registration";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC201_KeyBasedClientAuthentication);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var tokenCredential = types.Get(WellKnownTypeNames.TokenCredential);
        if (tokenCredential is null)
        {
            return;
        }

        var clients = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, KeyBasedClient>(SymbolEqualityComparer.Default);
        foreach (var client in KeyBasedClientTable.Clients)
        {
            if (types.Get(client.MetadataName) is { } type)
            {
                clients[type] = client;
            }
        }

        var keyCredentials = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var name in KeyBasedClientTable.KeyCredentialTypes)
        {
            if (types.Get(name) is { } type)
            {
                keyCredentials.Add(type);
            }
        }

        if (clients.Count == 0 && keyCredentials.Count == 0)
        {
            return;
        }

        var rule = new Rule(tokenCredential, clients.ToImmutable(), keyCredentials.ToImmutable(), ConfigurationReads.Create(types), OpenAIClients.Create(types));
        context.RegisterOperationAction(rule.AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(rule.AnalyzeInvocation, OperationKind.Invocation);
    }

    /// <summary>The configuration key suffix the endpoint of a family is read from.</summary>
    internal static string? EndpointConfigurationLeaf(ClientFamily family) => family switch
    {
        ClientFamily.BlobStorage or ClientFamily.QueueStorage or ClientFamily.TableStorage or ClientFamily.FileStorage => "ServiceUri",
        ClientFamily.ServiceBus or ClientFamily.EventHubs => "FullyQualifiedNamespace",
        ClientFamily.CosmosDb => "AccountEndpoint",
        ClientFamily.AppConfiguration => "Endpoint",
        _ => null,
    };

    private sealed partial class Rule
    {
        private readonly INamedTypeSymbol _tokenCredential;
        private readonly ImmutableDictionary<INamedTypeSymbol, KeyBasedClient> _clients;
        private readonly ImmutableHashSet<INamedTypeSymbol> _keyCredentials;
        private readonly ConfigurationReads? _configuration;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _hasTokenOverload = new(SymbolEqualityComparer.Default);

        public Rule(INamedTypeSymbol tokenCredential, ImmutableDictionary<INamedTypeSymbol, KeyBasedClient> clients, ImmutableHashSet<INamedTypeSymbol> keyCredentials, ConfigurationReads? configuration, OpenAIClients? openAI)
        {
            _tokenCredential = tokenCredential;
            _openAI = openAI;
            _clients = clients;
            _keyCredentials = keyCredentials;
            _configuration = configuration;
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor is not { } constructor || creation.Type is not INamedTypeSymbol type)
            {
                return;
            }

            var definition = type.OriginalDefinition;
            var family = _clients.TryGetValue(definition, out var client) ? client.Family : ClientFamily.KeyCredential;
            if (!HasTokenOverload(definition))
            {
                AnalyzeOpenAIClient(context, creation, type);
                return;
            }

            if (TryAnalyzeApiKey(context, creation, constructor, creation.Arguments, $"'{type.Name}'"))
            {
                return;
            }

            Analyze(context, creation, creation.Arguments, client, family, $"'{type.Name}'", registration: false);
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (TryAnalyzeApiKey(context, invocation, method, invocation.Arguments, $"'{method.Name}'"))
            {
                return;
            }

            if (!method.IsExtensionMethod
                || !method.Name.StartsWith("Add", StringComparison.Ordinal)
                || method.ContainingNamespace?.ToDisplayString() != KeyBasedClientTable.RegistrationNamespace)
            {
                return;
            }

            // IAzureClientBuilder<TClient, TOptions>: the client type tells the family.
            var clientType = method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 2 } builder ? builder.TypeArguments[0] as INamedTypeSymbol : null;
            var family = ClientFamily.KeyCredential;
            var client = default(KeyBasedClient);
            if (clientType is not null && _clients.TryGetValue(clientType.OriginalDefinition, out client))
            {
                family = client.Family;
            }
            else
            {
                client = new KeyBasedClient(string.Empty, ClientFamily.KeyCredential, KeyBasedClientTable.ConnectionStringParameter);
            }

            Analyze(context, invocation, invocation.Arguments, client, family, $"'{method.Name}'", registration: true);
        }

        private void Analyze(OperationAnalysisContext context, IOperation call, ImmutableArray<IArgumentOperation> arguments, KeyBasedClient client, ClientFamily family, string callName, bool registration)
        {
            foreach (var argument in arguments)
            {
                // A suppressed argument (`value!`) is an implicit argument operation over the operand: keep it.
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter)
                {
                    continue;
                }

                string? kind = null;
                string what = string.Empty;
                if (parameter.Type.SpecialType == SpecialType.System_String && !client.KeyParameters.IsDefault && client.KeyParameters.Contains(parameter.Name))
                {
                    kind = parameter.Name == KeyBasedClientTable.CosmosKeyParameter ? KindAccountKey : KindConnectionString;
                    what = kind == KindAccountKey ? "an account key" : "a connection string";
                }
                else if (parameter.Type is INamedTypeSymbol parameterType && _keyCredentials.Contains(parameterType))
                {
                    kind = KindKeyCredential;
                    what = $"a shared key ('{parameterType.Name}')";
                }

                if (kind is null)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversionsAndDelegates();
                if (IsSilenced(call, value, kind == KindConnectionString))
                {
                    return;
                }

                var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                properties[FixContract.FixKind] = kind;
                properties[FamilyProperty] = family.ToString();
                if (registration)
                {
                    properties[RegistrationProperty] = "true";
                }

                if (kind == KindConnectionString)
                {
                    AddEndpoint(properties, family, value);
                }

                Report(context, argument, properties.ToImmutable(), callName, what);
                return;
            }
        }

        private static void Report(OperationAnalysisContext context, IArgumentOperation argument, ImmutableDictionary<string, string?> properties, string callName, string what)
            => context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC201_KeyBasedClientAuthentication,
                (argument.Syntax.FirstAncestorOrSelf<ArgumentSyntax>() ?? argument.Syntax).HeadLocation(),
                properties,
                callName,
                what));

        private void AddEndpoint(ImmutableDictionary<string, string?>.Builder properties, ClientFamily family, IOperation value)
        {
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                var connectionString = ConnectionString.Parse(text);
                string endpoint;
                string? entityPath = null;
                var derived = family switch
                {
                    ClientFamily.BlobStorage => TokenEndpoints.TryGetStorageServiceUri(connectionString, "blob", out endpoint),
                    ClientFamily.QueueStorage => TokenEndpoints.TryGetStorageServiceUri(connectionString, "queue", out endpoint),
                    ClientFamily.TableStorage => TokenEndpoints.TryGetStorageServiceUri(connectionString, "table", out endpoint),
                    ClientFamily.FileStorage => TokenEndpoints.TryGetStorageServiceUri(connectionString, "file", out endpoint),
                    ClientFamily.ServiceBus or ClientFamily.EventHubs => TokenEndpoints.TryGetMessagingNamespace(connectionString, out endpoint, out entityPath),
                    ClientFamily.CosmosDb => TokenEndpoints.TryGetHttpsEndpoint(connectionString, "AccountEndpoint", out endpoint),
                    ClientFamily.AppConfiguration => TokenEndpoints.TryGetHttpsEndpoint(connectionString, "Endpoint", out endpoint),
                    _ => Fail(out endpoint),
                };

                if (derived)
                {
                    properties[EndpointProperty] = endpoint;
                    if (entityPath is not null)
                    {
                        properties[EntityPathProperty] = entityPath;
                    }
                }

                return;
            }

            if (_configuration is not null
                && EndpointConfigurationLeaf(family) is { } leaf
                && _configuration.TryGetRead(value, out var key, out _)
                && ConfigurationReads.SiblingKey(key, leaf) is { } sibling)
            {
                properties[ConfigurationKeyProperty] = sibling;
            }
        }

        private static bool Fail(out string endpoint)
        {
            endpoint = string.Empty;
            return false;
        }

        /// <summary>
        /// No finding for a null or default value, a connection string that can only be an emulator's (however it
        /// travels: constant, local, field), a call that addresses an emulator, or a configurable factory.
        /// </summary>
        private bool IsSilenced(IOperation call, IOperation value, bool isConnectionString)
            => value.ConstantValue is { HasValue: true, Value: null }
               || value is IDefaultValueOperation
               || (isConnectionString && PossibleTexts.All(value, IsEmulatorConnectionString))
               || AddressesAnEmulator(call)
               || IsConfigurableFactory(call);

        private static bool IsEmulatorConnectionString(string text)
            => DevelopmentEmulators.IsEmulatorConnectionString(ConnectionString.Parse(text));

        /// <summary>
        /// True when any string argument of the call, or of a call nested in it, can only be a value that addresses
        /// a local emulator: an emulator connection string, the Azurite account name or key, the Cosmos emulator
        /// key, or a local endpoint URI (written in place or carried by a constant, local or field).
        /// </summary>
        private static bool AddressesAnEmulator(IOperation call)
        {
            var pending = new Stack<IOperation>();
            pending.Push(call);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (operation is IArgumentOperation { Value: var value } && value.Type?.SpecialType == SpecialType.System_String && PossibleTexts.All(value, IsEmulatorValue))
                {
                    return true;
                }

                if (operation.ConstantValue is { HasValue: true, Value: string text } && IsEmulatorValue(text))
                {
                    return true;
                }

                foreach (var child in operation.ChildOperations)
                {
                    pending.Push(child);
                }
            }

            return false;
        }

        private static bool IsEmulatorValue(string text)
            => DevelopmentEmulators.IsWellKnownKey(text)
               || string.Equals(text, DevelopmentEmulators.StorageAccountName, StringComparison.OrdinalIgnoreCase)
               || AzureEndpoints.IsLocalHost(AzureEndpoints.TryParseAbsolute(text)?.Host)
               || (text.IndexOf('=') > 0 && IsEmulatorConnectionString(text));

        private bool HasTokenOverload(INamedTypeSymbol type)
            => _hasTokenOverload.GetOrAdd(type, t =>
            {
                foreach (var constructor in t.InstanceConstructors)
                {
                    if (constructor.DeclaredAccessibility != Accessibility.Public)
                    {
                        continue;
                    }

                    foreach (var parameter in constructor.Parameters)
                    {
                        if (SymbolEqualityComparer.Default.Equals(parameter.Type, _tokenCredential))
                        {
                            return true;
                        }
                    }
                }

                return false;
            });
    }
}

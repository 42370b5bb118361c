using System.Collections.Concurrent;
using System.Linq;

namespace AzSecAnalyzers.Rules.Identity;

public sealed partial class KeyBasedClientAuthenticationAnalyzer
{
    private const string ApiKeyParameter = "apiKey";

    /// <summary>The OpenAI library's types, resolved once: present only when the compilation references it.</summary>
    private sealed class OpenAIClients
    {
        private OpenAIClients(INamedTypeSymbol apiKeyCredential, INamedTypeSymbol options, INamedTypeSymbol uri, INamedTypeSymbol? authenticationPolicy)
        {
            ApiKeyCredential = apiKeyCredential;
            Options = options;
            Uri = uri;
            AuthenticationPolicy = authenticationPolicy;
        }

        public INamedTypeSymbol ApiKeyCredential { get; }

        public INamedTypeSymbol Options { get; }

        public INamedTypeSymbol Uri { get; }

        public INamedTypeSymbol? AuthenticationPolicy { get; }

        public static OpenAIClients? Create(AzSecContext types)
            => types.Get(WellKnownTypeNames.ApiKeyCredential) is { } key
               && types.Get(WellKnownTypeNames.OpenAIClientOptions) is { } options
               && types.Get(WellKnownTypeNames.Uri) is { } uri
                ? new OpenAIClients(key, options, uri, types.Get(WellKnownTypeNames.AuthenticationPolicy))
                : null;
    }

    private sealed partial class Rule
    {
        private readonly OpenAIClients? _openAI;

        // Per method or constructor with a string apiKey: the name of the TokenCredential parameter of its twin overload, or "" when it has none.
        private readonly ConcurrentDictionary<IMethodSymbol, string> _tokenTwin = new(SymbolEqualityComparer.Default);

        /// <summary>
        /// A string <c>apiKey</c> parameter where an overload of the same method takes a TokenCredential in its place
        /// (Semantic Kernel's <c>AddAzureOpenAIChatCompletion(deployment, endpoint, apiKey)</c>, its embedding, image,
        /// audio and chat-client registrations and services). True when the call was judged here (reported or not).
        /// </summary>
        private bool TryAnalyzeApiKey(OperationAnalysisContext context, IOperation call, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments, string callName)
        {
            var ordinal = ApiKeyOrdinal(method);
            if (ordinal < 0)
            {
                return false;
            }

            var twin = _tokenTwin.GetOrAdd(method.OriginalDefinition, m => TokenTwinParameter(m, ordinal));
            if (twin.Length == 0)
            {
                return false;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Ordinal != ordinal || argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                var value = argument.Value.WalkDownConversionsAndDelegates();
                if (!IsSilenced(call, value, isConnectionString: false))
                {
                    var properties = ImmutableDictionary.CreateBuilder<string, string?>();
                    properties[FixContract.FixKind] = KindApiKey;
                    properties[FamilyProperty] = nameof(ClientFamily.KeyCredential);
                    properties[CredentialParameterProperty] = twin;
                    Report(context, argument, properties.ToImmutable(), callName, "an API key");
                }

                break;
            }

            return true;
        }

        private static int ApiKeyOrdinal(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Name == ApiKeyParameter && parameter.Type.SpecialType == SpecialType.System_String)
                {
                    return parameter.Ordinal;
                }
            }

            return -1;
        }

        /// <summary>The overload with the same leading parameters and a TokenCredential where this one takes the key.</summary>
        private string TokenTwinParameter(IMethodSymbol method, int ordinal)
        {
            var candidates = method.MethodKind == MethodKind.Constructor
                ? method.ContainingType.InstanceConstructors
                : method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>().ToImmutableArray();
            foreach (var candidate in candidates)
            {
                if (candidate.DeclaredAccessibility != Accessibility.Public
                    || candidate.Parameters.Length <= ordinal
                    || !SymbolEqualityComparer.Default.Equals(candidate.Parameters[ordinal].Type, _tokenCredential))
                {
                    continue;
                }

                var same = true;
                for (var i = 0; i < ordinal && same; i++)
                {
                    same = SymbolEqualityComparer.Default.Equals(candidate.Parameters[i].Type, method.Parameters[i].Type);
                }

                if (same)
                {
                    return candidate.Parameters[ordinal].Name;
                }
            }

            return string.Empty;
        }

        /// <summary>
        /// An OpenAI library client (<c>OpenAIClient</c>, <c>ChatClient</c>, <c>EmbeddingClient</c>, …, also behind
        /// Microsoft.Extensions.AI's <c>AsIChatClient()</c>) given an <c>ApiKeyCredential</c> and options whose
        /// endpoint is Azure OpenAI / AI services. Plain OpenAI (no endpoint, or another host) has no Entra ID: silent.
        /// </summary>
        private void AnalyzeOpenAIClient(OperationAnalysisContext context, IObjectCreationOperation creation, INamedTypeSymbol type)
        {
            if (_openAI is null || type.ContainingNamespace is not { } ns || !IsOpenAINamespace(ns))
            {
                return;
            }

            IArgumentOperation? key = null;
            IArgumentOperation? options = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                {
                    continue;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, _openAI.ApiKeyCredential))
                {
                    key = argument;
                }
                else if (TypeIdentity.IsOrInherits(parameter.Type, _openAI.Options))
                {
                    options = argument;
                }
            }

            if (key is null || options is null || !HasAzureEndpoint(options.Value))
            {
                return;
            }

            var value = key.Value.WalkDownConversionsAndDelegates();
            if (IsSilenced(creation, value, isConnectionString: false))
            {
                return;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[FixContract.FixKind] = KindAzureEndpointKey;
            properties[FamilyProperty] = nameof(ClientFamily.KeyCredential);
            Report(context, key, properties.ToImmutable(), $"'{type.Name}'", "an API key ('ApiKeyCredential') for an Azure OpenAI endpoint");
        }

        private static bool IsOpenAINamespace(INamespaceSymbol ns)
        {
            while (ns.ContainingNamespace is { IsGlobalNamespace: false } parent)
            {
                ns = parent;
            }

            return ns.Name == "OpenAI" && ns.ContainingNamespace is { IsGlobalNamespace: true };
        }

        /// <summary>The options are created in place (or in a local's only initializer) with <c>Endpoint = new Uri(…)</c> naming an Azure AI host.</summary>
        private bool HasAzureEndpoint(IOperation options)
        {
            if (SymbolWrites.FollowOnlyInitializers(options) is not IObjectCreationOperation { Initializer: { } initializer })
            {
                return false;
            }

            foreach (var member in initializer.Initializers)
            {
                if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Endpoint" }, Value: var endpoint }
                    && SymbolWrites.FollowOnlyInitializers(endpoint) is IObjectCreationOperation { Arguments.Length: > 0 } uri
                    && SymbolEqualityComparer.Default.Equals(uri.Type, _openAI!.Uri)
                    && uri.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
                {
                    return PossibleTexts.All(uri.Arguments[0].Value, IsAzureAIEndpoint);
                }
            }

            return false;
        }

        private static bool IsAzureAIEndpoint(string text)
            => AzureEndpoints.TryParseAbsolute(text) is { } uri && AzureEndpoints.ClassifyHost(uri.Host) == AzureService.AIServices;
    }
}

using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Messaging;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// The one per-compilation context, shared by every analyzer of the package: each analyzer's
/// compilation-start action receives it from <see cref="AzSecAnalyzer"/>. A type is looked up by
/// metadata name at most once per compilation, whichever rule asks first, and the shared groups and
/// models (<see cref="AspNetCore"/>, <see cref="Requests"/>, <see cref="Messages"/>,
/// <see cref="Endpoints"/>, <see cref="ApiConfiguration"/>) are built on first use, so a compilation
/// that never asks for ASP.NET Core pays nothing for it (an editor makes a new compilation on every
/// keystroke). Rules read it in their compilation-start action and keep the symbols they need; node
/// and operation callbacks never look a type up by name (BannedSymbols.txt enforces it, this class
/// is the one sanctioned caller).
/// <para>
/// Naming: <c>AzSecContext.For(compilation)</c> is the one way to reach per-compilation state; what is shared per
/// compilation is a property of the context (<c>types.AspNetCore</c>, <c>types.Endpoints</c>), never a static
/// <c>X.For(types)</c>; a helper a rule owns is built from the context with <c>X.Create(types)</c> (null or inert
/// when its types are absent).
/// </para>
/// </summary>
internal sealed class AzSecContext
{
    private static readonly ConditionalWeakTable<Compilation, AzSecContext> Cache = new();

    private readonly Compilation _compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> _types = new(StringComparer.Ordinal);
    private readonly Func<string, INamedTypeSymbol?> _resolve;
    private AspNetCoreTypes? _aspNetCore;
    private RequestSources? _requests;
    private MessageSources? _messages;
    private EndpointModel? _endpoints;
    private ApiConfiguration? _apiConfiguration;
    private ChatMessages? _chatMessages;
    private FunctionsHttpTriggers? _functionsHttpTriggers;
    private ReferenceLookups? _references;

    private AzSecContext(Compilation compilation)
    {
        _compilation = compilation;
        _resolve = Resolve;
    }

    public Compilation Compilation => _compilation;

    /// <summary>The context of <paramref name="compilation"/>, created on the first request.</summary>
    public static AzSecContext For(Compilation compilation) => Cache.GetValue(compilation, static c => new AzSecContext(c));

    /// <summary>The ASP.NET Core types the endpoint model reads.</summary>
    public AspNetCoreTypes AspNetCore => Volatile.Read(ref _aspNetCore) ?? Publish(ref _aspNetCore, new AspNetCoreTypes(this));

    /// <summary>The HTTP request-input model of the taint rules (message bodies included through <see cref="Messages"/>).</summary>
    public RequestSources Requests => Volatile.Read(ref _requests) ?? Publish(ref _requests, new RequestSources(this));

    /// <summary>The Service Bus, Event Hubs and Storage queue message-body sources.</summary>
    public MessageSources Messages => Volatile.Read(ref _messages) ?? Publish(ref _messages, new MessageSources(this));

    /// <summary>How the app declares its endpoints (stateless over <see cref="AspNetCore"/>).</summary>
    public EndpointModel Endpoints => Volatile.Read(ref _endpoints) ?? Publish(ref _endpoints, new EndpointModel(AspNetCore));

    /// <summary>
    /// The compilation-wide ASP.NET Core configuration (fallback policy, global limiter, what callers apply to
    /// mapped groups), read on demand from every syntax tree, so a rule can judge an endpoint per document.
    /// </summary>
    public ApiConfiguration ApiConfiguration => Volatile.Read(ref _apiConfiguration) ?? Publish(ref _apiConfiguration, new ApiConfiguration(Endpoints, _compilation));

    /// <summary>Azure Functions isolated-worker HTTP triggers: their authorization level, methods and route.</summary>
    public FunctionsHttpTriggers FunctionsHttpTriggers => Volatile.Read(ref _functionsHttpTriggers) ?? Publish(ref _functionsHttpTriggers, new FunctionsHttpTriggers(this));

    /// <summary>The chat-message APIs of the language-model clients (OpenAI, Semantic Kernel, Microsoft.Extensions.AI).</summary>
    public ChatMessages ChatMessages => Volatile.Read(ref _chatMessages) ?? Publish(ref _chatMessages, new ChatMessages(this));

    /// <summary>The type with this metadata name, or null when the compilation cannot see exactly one.</summary>
    public INamedTypeSymbol? Get(string metadataName) => _types.GetOrAdd(metadataName, _resolve);

    // Two threads may build a group at once; the first published wins and both use it.
    private static T Publish<T>(ref T? field, T value)
        where T : class
        => Interlocked.CompareExchange(ref field, value, null) ?? value;

    private INamedTypeSymbol? Resolve(string metadataName)
    {
        // Like GetTypeByMetadataName, a type declared in the compilation itself wins; otherwise the one accessible
        // candidate among the references, if there is exactly one (two references defining it, a package and a
        // polyfill say, leave it unresolved). The PE references' answer is shared by every compilation with the
        // same references (ReferencedTypes): the lookup over all of them is not repeated on every keystroke.
        if (_compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
        {
            return own;
        }

        var references = Volatile.Read(ref _references) ?? Publish(ref _references, new ReferenceLookups(_compilation));
        INamedTypeSymbol? accessible = null;
        var ambiguous = false;
        foreach (var candidate in references.Metadata.Get(metadataName))
        {
            Consider(candidate);
        }

        foreach (var assembly in references.Others)
        {
            if (assembly.GetTypeByMetadataName(metadataName) is { } candidate)
            {
                Consider(candidate);
            }
        }

        return ambiguous ? null : accessible;

        void Consider(INamedTypeSymbol candidate)
        {
            if (_compilation.IsSymbolAccessibleWithin(candidate, _compilation.Assembly))
            {
                ambiguous |= accessible is not null;
                accessible = candidate;
            }
        }
    }

    private sealed class ReferenceLookups
    {
        public ReferenceLookups(Compilation compilation)
        {
            Metadata = ReferencedTypes.For(compilation, out var others);
            Others = others;
        }

        public ReferencedTypes Metadata { get; }

        public ImmutableArray<IAssemblySymbol> Others { get; }
    }
}

using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC105: a secret reaching a log, the console, debug/trace output, an exception message, an HTTP response
/// body or a chat message sent to a language model. Built on the taint engine. Sources: <c>KeyVaultSecret.Value</c>
/// (however the <c>GetSecret*</c> response is unwrapped), <c>AccessToken.Token</c>, MSAL <c>AuthenticationResult.AccessToken</c>/<c>IdToken</c>, configuration
/// reads whose constant key is named like a secret (<c>azsec.secret_name_patterns</c>) or is a connection string, and
/// string constants AZSEC101 recognises as credentials. Values converted to scalars (<c>secret.Length</c>,
/// <c>string.IsNullOrEmpty(secret)</c>, comparisons) and hashes are clean; masking helpers are not assumed to be.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("What to write instead of the secret (a redacted marker, its name, nothing) is the author's choice; deleting a log argument silently changes the message template.")]
public sealed partial class SecretLeakAnalyzer : AzSecAnalyzer
{
    /// <summary>
    /// AZSEC103's secret words plus the key names Azure configuration commonly holds secrets under
    /// (<c>Storage:AccountKey</c>, <c>Signing:PrivateKey</c>); <c>azsec.secret_name_patterns</c> replaces the whole list.
    /// </summary>
    internal static readonly ImmutableArray<string> DefaultPatterns = SecretNames.DefaultPatterns.AddRange(new[] { "accountkey", "privatekey" });

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC105_SecretLeak);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var rule = new Rule(types, context.Options, context.Compilation);
        var spec = new TaintSpec(RuleIds.SecretLeak, context.Compilation)
        {
            Source = rule.TryGetSource,
            ConstantSource = Rule.TryGetConstantSource,
            Sanitizer = rule.IsSanitizer,
            BlockMayHaveSource = rule.MayBringSecret,
            Propagator = rule.ChatMessages.IsTextPart,
        };
        rule.SummaryDepth = spec.SummaryDepth;

        TaintSinks.Register<SinkTag>(
            context,
            spec,
            rule.FindSinks,
            Rule.Report,
            OperationKind.Invocation,
            OperationKind.ObjectCreation,
            OperationKind.SimpleAssignment,
            OperationKind.Return);
    }

    private sealed partial class Rule
    {
        private readonly INamedTypeSymbol? _keyVaultSecret;
        private readonly INamedTypeSymbol? _secretClient;
        private readonly INamedTypeSymbol? _accessToken;
        private readonly INamedTypeSymbol? _tokenCredential;
        private readonly INamedTypeSymbol? _msalResult;
        private readonly INamedTypeSymbol? _logger;
        private readonly INamedTypeSymbol? _loggerExtensions;
        private readonly INamedTypeSymbol? _loggerMessageAttribute;
        private readonly INamedTypeSymbol? _console;
        private readonly INamedTypeSymbol? _debug;
        private readonly INamedTypeSymbol? _trace;
        private readonly INamedTypeSymbol? _exception;
        private readonly INamedTypeSymbol? _hashAlgorithm;
        private readonly INamedTypeSymbol? _httpMessageInvoker;
        private readonly INamedTypeSymbol? _responseWriting;
        private readonly INamedTypeSymbol? _responseJson;
        private readonly INamedTypeSymbol? _results;
        private readonly INamedTypeSymbol? _typedResults;
        private readonly INamedTypeSymbol? _controllerBase;
        private readonly INamedTypeSymbol? _objectResult;
        private readonly INamedTypeSymbol? _contentResult;
        private readonly INamedTypeSymbol? _jsonResult;
        private readonly ConfigurationReads? _configuration;
        private readonly EndpointModel? _endpoints;
        private readonly AnalyzerOptions _options;
        private readonly SecretNames _defaultNames = new(DefaultPatterns);
        private readonly ConcurrentDictionary<SyntaxTree, SecretNames> _names = new();
        private readonly Compilation _compilation;
        private ConcurrentDictionary<IMethodSymbol, bool>[] _calleeMayBringSecret = Array.Empty<ConcurrentDictionary<IMethodSymbol, bool>>();

        public Rule(AzSecContext types, AnalyzerOptions options, Compilation compilation)
        {
            _compilation = compilation;
            _keyVaultSecret = types.Get(WellKnownTypeNames.KeyVaultSecret);
            _secretClient = types.Get(WellKnownTypeNames.SecretClient);
            _accessToken = types.Get(WellKnownTypeNames.AccessToken);
            _tokenCredential = types.Get(WellKnownTypeNames.TokenCredential);
            _msalResult = types.Get(WellKnownTypeNames.MsalAuthenticationResult);
            _logger = types.Get(WellKnownTypeNames.ILogger);
            _loggerExtensions = types.Get(WellKnownTypeNames.LoggerExtensions);
            _loggerMessageAttribute = types.Get(WellKnownTypeNames.LoggerMessageAttribute);
            _console = types.Get(WellKnownTypeNames.Console);
            _debug = types.Get(WellKnownTypeNames.Debug);
            _trace = types.Get(WellKnownTypeNames.Trace);
            _exception = types.Get(WellKnownTypeNames.Exception);
            _hashAlgorithm = types.Get(WellKnownTypeNames.HashAlgorithm);
            _httpMessageInvoker = types.Get(WellKnownTypeNames.HttpMessageInvoker);
            _responseWriting = types.Get(WellKnownTypeNames.HttpResponseWritingExtensions);
            _responseJson = types.Get(WellKnownTypeNames.HttpResponseJsonExtensions);
            _results = types.Get(WellKnownTypeNames.Results);
            _typedResults = types.Get(WellKnownTypeNames.TypedResults);
            _controllerBase = types.Get(WellKnownTypeNames.ControllerBase);
            _objectResult = types.Get(WellKnownTypeNames.ObjectResult);
            _contentResult = types.Get(WellKnownTypeNames.ContentResult);
            _jsonResult = types.Get(WellKnownTypeNames.JsonResult);
            _configuration = ConfigurationReads.Create(types);
            _endpoints = types.AspNetCore.HasEndpoints ? types.Endpoints : null;
            _options = options;
            ChatMessages = types.ChatMessages;
        }

        /// <summary>The language-model chat-message APIs (AZSEC415's sinks, every role): a secret in any message leaves the app.</summary>
        public ChatMessages ChatMessages { get; }

        // ---- Sanitizers -----------------------------------------------------------------------

        /// <summary>Hashes (HashAlgorithm.ComputeHash, SHA256.HashData, HMACSHA256.HashData, …) and key derivation: the value cannot be read back.</summary>
        public bool IsSanitizer(IOperation operation)
        {
            if (operation is IObjectCreationOperation creation)
            {
                return IsSdkClient(creation.Type);
            }

            if (operation is not IInvocationOperation invocation)
            {
                return false;
            }

            var method = invocation.TargetMethod;

            // What an HTTP call returns is the server's answer, not the request that carried the secret: the status or
            // body of a token request's response is no secret.
            if (TypeIdentity.IsOrInherits(method.ContainingType, _httpMessageInvoker))
            {
                return true;
            }

            if (method.Name.IndexOf("Hash", StringComparison.Ordinal) < 0 && method.Name != "Pbkdf2")
            {
                return false;
            }

            var type = method.ContainingType;
            return TypeIdentity.IsOrInherits(type, _hashAlgorithm)
                || type?.ContainingNamespace is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };
        }

        /// <summary>
        /// An Azure SDK or framework client, credential or connection built from a secret (<c>new BlobServiceClient(connectionString)</c>)
        /// holds it without showing it: logging the client, or its account name, writes no secret.
        /// </summary>
        private static bool IsSdkClient(ITypeSymbol? type)
        {
            if (type is null || !(type.Name.EndsWith("Client", StringComparison.Ordinal) || type.Name.EndsWith("Credential", StringComparison.Ordinal)
                || type.Name.EndsWith("Connection", StringComparison.Ordinal)))
            {
                return false;
            }

            var ns = type.ContainingNamespace;
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name is "Azure" or "Microsoft";
        }

        /// <summary>
        /// Text placed into a chat message of any role (system, developer, user, assistant, tool), a Semantic Kernel prompt
        /// template or <c>IChatClient.GetResponseAsync(string)</c>: the model provider receives it, and the model may repeat it.
        /// </summary>
        private bool FindChatMessageSinks(IOperation operation, TaintSinkCollector<SinkTag> sinks)
        {
            if (!ChatMessages.HasAny || !ChatMessages.TryGetText(operation, out var text))
            {
                return false;
            }

            var tag = new SinkTag(Destinations.ChatMessage, text.Api);
            foreach (var value in text.Values)
            {
                AddSink(sinks, value, operation, tag);
            }

            return true;
        }

        // ---- Report ---------------------------------------------------------------------------

        public static void Report(OperationBlockAnalysisContext context, TaintSink<SinkTag> sink, TaintValue value)
        {
            if (!value.Labels.IsText() || !value.Labels.HasAny(TaintLabels.Secret) || sink.Tag is not { } tag)
            {
                return;
            }

            var origin = value.Origin;
            var additional = origin is not null && origin.Location.IsInSource && origin.Location != sink.Value.Syntax.GetLocation() ? new[] { origin.Location } : null;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC105_SecretLeak,
                sink.Value.Syntax.GetLocation(),
                additional,
                origin?.Description ?? "A secret",
                tag.Destination,
                tag.Api));
        }
    }
}

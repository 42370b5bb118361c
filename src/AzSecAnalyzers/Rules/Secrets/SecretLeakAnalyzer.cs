using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Operations;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;
using AzSecAnalyzers.Infrastructure.Symbols;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

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
public sealed class SecretLeakAnalyzer : AzSecAnalyzer
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
        var rule = new Rule(types, context.Options);
        var spec = new TaintSpec(RuleIds.SecretLeak, context.Compilation)
        {
            Source = rule.TryGetSource,
            ConstantSource = Rule.TryGetConstantSource,
            Sanitizer = rule.IsSanitizer,
            BlockMayHaveSource = rule.MayBringSecret,
            Propagator = rule.ChatMessages.IsTextPart,
        };

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

    /// <summary>Where a sink writes: the second argument of the message.</summary>
    private static class Destinations
    {
        public const string Log = "to the log";
        public const string Console = "to the console";
        public const string Debug = "to the debug output";
        public const string Trace = "to the trace output";
        public const string Exception = "into an exception message";
        public const string Response = "to the HTTP response";
        public const string ChatMessage = "into a chat message sent to a language model";
    }

    private sealed class SinkTag
    {
        public SinkTag(string destination, string api)
        {
            Destination = destination;
            Api = api;
        }

        public string Destination { get; }

        public string Api { get; }
    }

    private sealed class Rule
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

        public Rule(AzSecContext types, AnalyzerOptions options)
        {
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

        // ---- Sources --------------------------------------------------------------------------

        /// <summary>
        /// Whether an operation can bring a secret into its operation block: a source, a credential constant, or a call to
        /// a method of this compilation that returns a value (its summary may return a secret). Most methods that log read
        /// no secret, so they skip the data-flow analysis.
        /// </summary>
        public bool MayBringSecret(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => TryGetSource(invocation, out _) || ReturnsFromSource(invocation.TargetMethod),
            IPropertyReferenceOperation => TryGetSource(operation, out _),
            IFieldReferenceOperation or ILiteralOperation or IBinaryOperation or IInterpolatedStringOperation
                => operation.ConstantValue.HasValue && TryGetConstantSource(operation, out _),
            _ => false,
        };

        private static bool ReturnsFromSource(IMethodSymbol method)
            => !method.ReturnsVoid && CanCarrySecret(method.ReturnType) && !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty;

        // Text, or what a secret travels in: object, StringBuilder, the Azure SDK's and MSAL's own types; awaited or not.
        private static bool CanCarrySecret(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                type = task.TypeArguments[0];
            }

            if (type.SpecialType is SpecialType.System_String or SpecialType.System_Object || type.TypeKind == TypeKind.TypeParameter)
            {
                return true;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return type.Name == "StringBuilder" || ns == "Azure" || ns.StartsWith("Azure.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Identity.Client", StringComparison.Ordinal);
        }

        public bool TryGetSource(IOperation operation, out TaintSource source)
        {
            source = default;
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    return TryGetPropertySource(property, out source);
                case IInvocationOperation invocation when _configuration is not null && invocation.TargetMethod.IsExtensionMethod
                    && invocation.TargetMethod.Name is "GetConnectionString" or "GetValue":
                    return TryGetConfigurationSource(invocation, out source);
                default:
                    return false;
            }
        }

        private bool TryGetPropertySource(IPropertyReferenceOperation property, out TaintSource source)
        {
            source = default;
            var member = property.Property;
            switch (member.Name)
            {
                case "Value" when TypeIdentity.Is(member.ContainingType, _keyVaultSecret):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The secret read from Key Vault (" + KeyVaultCall(property.Instance) + ")");
                    return true;
                case "Value" when _configuration is not null && _configuration.TryGetSectionValue(property, out var sectionKey):
                    return TryGetConfigurationKey(property.Syntax.SyntaxTree, sectionKey, out source);
                case "Token" when TypeIdentity.Is(member.ContainingType, _accessToken):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The access token (" + TokenCall(property.Instance) + ")");
                    return true;
                case "AccessToken" or "IdToken" when TypeIdentity.Is(member.ContainingType, _msalResult):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The token from MSAL ('AuthenticationResult." + member.Name + "')");
                    return true;
                case var _ when member.IsIndexer && _configuration is not null && _configuration.TryGetRead(property, out var key, out _):
                    return TryGetConfigurationKey(property.Syntax.SyntaxTree, key, out source);
                default:
                    return false;
            }
        }

        private bool TryGetConfigurationSource(IInvocationOperation invocation, out TaintSource source)
        {
            source = default;
            return _configuration!.TryGetRead(invocation, out var key, out _) && TryGetConfigurationKey(invocation.Syntax.SyntaxTree, key, out source);
        }

        private bool TryGetConfigurationKey(SyntaxTree tree, string key, out TaintSource source)
        {
            if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The connection string read from configuration ('" + key + "')");
                return true;
            }

            if (NamesFor(tree).IsSecretName(key))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The configuration value '" + key + "'");
                return true;
            }

            source = default;
            return false;
        }

        private SecretNames NamesFor(SyntaxTree tree)
            => _names.GetOrAdd(tree, t =>
            {
                var patterns = AzSecOptionDefinitions.SecretNamePatterns.Read(_options, t, RuleIds.SecretLeak);
                return patterns.IsDefault ? _defaultNames : new SecretNames(patterns);
            });

        /// <summary>A hard-coded credential (what AZSEC101 reports), judged on the whole constant.</summary>
        public static bool TryGetConstantSource(IOperation operation, out TaintSource source)
        {
            if (operation.ConstantValue.Value is string text && SecretScanner.TryFindFirst(text, out var match))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The hard-coded " + match.KindName);
                return true;
            }

            source = default;
            return false;
        }

        // 'GetSecretAsync' when the read is written on the call itself, else the property read.
        private string KeyVaultCall(IOperation? instance)
        {
            for (var current = instance; current is not null;)
            {
                switch (current)
                {
                    case IInvocationOperation invocation when TypeIdentity.IsOrInherits(invocation.TargetMethod.ContainingType, _secretClient):
                        return "'" + invocation.TargetMethod.Name + "'";
                    case IPropertyReferenceOperation { Property.Name: "Value" } response:
                        current = response.Instance;
                        break;
                    case IAwaitOperation awaited:
                        current = awaited.Operation;
                        break;
                    case IConversionOperation or IParenthesizedOperation:
                        current = current.ChildOperations.Count == 1 ? First(current) : null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return "'KeyVaultSecret.Value'";
        }

        private string TokenCall(IOperation? instance)
        {
            for (var current = instance; current is not null;)
            {
                switch (current)
                {
                    case IInvocationOperation invocation when TypeIdentity.IsOrInherits(invocation.TargetMethod.ContainingType, _tokenCredential):
                        return "'" + invocation.TargetMethod.Name + "'";
                    case IAwaitOperation awaited:
                        current = awaited.Operation;
                        break;
                    case IConversionOperation or IParenthesizedOperation:
                        current = current.ChildOperations.Count == 1 ? First(current) : null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return "'AccessToken.Token'";
        }

        private static IOperation? First(IOperation operation)
        {
            foreach (var child in operation.ChildOperations)
            {
                return child;
            }

            return null;
        }

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

        // ---- Sinks ----------------------------------------------------------------------------

        public void FindSinks(IOperation operation, TaintSinkCollector<SinkTag> sinks)
        {
            if (FindChatMessageSinks(operation, sinks))
            {
                return;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    FindInvocationSinks(invocation, sinks);
                    break;
                case IObjectCreationOperation creation:
                    FindCreationSinks(creation, sinks);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    FindAssignmentSink(assignment, property, sinks);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } ret:
                    FindReturnSink(ret, returned, sinks);
                    break;
            }
        }

        private void FindInvocationSinks(IInvocationOperation invocation, TaintSinkCollector<SinkTag> sinks)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            if (TypeIdentity.Is(type, _loggerExtensions))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Log, "'" + method.Name + "'"), static name => name is "message" or "args" or "messageFormat");
            }
            else if (TypeIdentity.Is(type, _logger) && method.Name is "Log" or "BeginScope")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Log, "'ILogger." + method.Name + "'"), static name => name == "state");
            }
            else if (TypeIdentity.Is(type, _console) && method.Name is "Write" or "WriteLine")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Console, "'Console." + method.Name + "'"), static _ => true);
            }
            else if (TypeIdentity.Is(type, _debug) && method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print" or "Fail" or "Assert")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Debug, "'Debug." + method.Name + "'"), static name => name is not "category" and not "condition");
            }
            else if (TypeIdentity.Is(type, _trace) && method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "TraceInformation" or "TraceWarning" or "TraceError" or "Fail" or "Assert")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Trace, "'Trace." + method.Name + "'"), static name => name is not "category" and not "condition");
            }
            else if ((TypeIdentity.Is(type, _responseWriting) && method.Name == "WriteAsync") || (TypeIdentity.Is(type, _responseJson) && method.Name == "WriteAsJsonAsync"))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'HttpResponse." + method.Name + "'"), static name => name is "text" or "value");
            }
            else if (TypeIdentity.Is(type, _results) || TypeIdentity.Is(type, _typedResults))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'" + type.Name + "." + method.Name + "'"), IsResponseBodyParameter);
            }
            else if (_controllerBase is not null && !method.IsStatic && TypeIdentity.IsOrInherits(type, _controllerBase) && method.ContainingAssembly.Equals(_controllerBase.ContainingAssembly, SymbolEqualityComparer.Default))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'" + method.Name + "'"), IsResponseBodyParameter);
            }
            else if (method.MethodKind == MethodKind.DelegateInvoke && method.Parameters.Length >= 2 && TypeIdentity.Is(method.Parameters[0].Type, _logger))
            {
                // A LoggerMessage.Define delegate: Action<ILogger, T1, …, Exception?>.
                for (var i = 1; i < invocation.Arguments.Length; i++)
                {
                    var argument = invocation.Arguments[i];
                    if (!TypeIdentity.IsOrInherits(argument.Parameter?.Type, _exception))
                    {
                        AddSink(sinks, argument.Value, invocation, new SinkTag(Destinations.Log, "a 'LoggerMessage.Define' delegate"));
                    }
                }
            }
            else if (_loggerMessageAttribute is not null && (method.IsPartialDefinition || method.PartialDefinitionPart is not null) && HasLoggerMessageAttribute(method.PartialDefinitionPart ?? method))
            {
                var tag = new SinkTag(Destinations.Log, "'" + method.Name + "' ([LoggerMessage])");
                foreach (var argument in invocation.Arguments)
                {
                    var parameterType = argument.Parameter?.Type;
                    if (!TypeIdentity.IsOrInherits(parameterType, _logger) && !TypeIdentity.IsOrInherits(parameterType, _exception))
                    {
                        AddSink(sinks, argument.Value, invocation, tag);
                    }
                }
            }
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

        /// <summary>
        /// Adds a candidate sink unless its value cannot carry a secret: a scalar (<c>int id</c>) or a constant that is not a
        /// credential. A block whose sinks are all such values is then never analysed (most log calls).
        /// </summary>
        private static void AddSink(TaintSinkCollector<SinkTag> sinks, IOperation value, IOperation sink, SinkTag tag)
        {
            var unwrapped = value.WalkDownConversionsAndDelegates();
            if (ScalarTypes.IsScalar(unwrapped.Type))
            {
                return;
            }

            if (unwrapped.ConstantValue.HasValue && !(unwrapped.ConstantValue.Value is string text && SecretScanner.TryFindFirst(text, out _)))
            {
                return;
            }

            sinks.Add(value, sink, tag);
        }

        private bool HasLoggerMessageAttribute(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (TypeIdentity.Is(attribute.AttributeClass, _loggerMessageAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsResponseBodyParameter(string name)
            => name is "value" or "content" or "contents" or "data" or "error" or "text" or "detail" or "title";

        /// <summary>Adds the arguments whose parameter name passes <paramref name="include"/>; a params array's elements are added one by one.</summary>
        private static void AddArguments(IInvocationOperation invocation, TaintSinkCollector<SinkTag> sinks, SinkTag tag, Func<string, bool> include)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || !include(parameter.Name) || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        AddSink(sinks, element, invocation, tag);
                    }
                }
                else
                {
                    AddSink(sinks, argument.Value, invocation, tag);
                }
            }
        }

        private void FindCreationSinks(IObjectCreationOperation creation, TaintSinkCollector<SinkTag> sinks)
        {
            var type = creation.Type;
            if (type is null || creation.Arguments.Length == 0)
            {
                return;
            }

            if (TypeIdentity.IsOrInherits(type, _exception))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { Name: "message" } parameter && parameter.Type.SpecialType == SpecialType.System_String && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        AddSink(sinks, argument.Value, creation, new SinkTag(Destinations.Exception, "'new " + type.Name + "'"));
                    }
                }
            }
            else if (TypeIdentity.IsOrInherits(type, _objectResult) || TypeIdentity.IsOrInherits(type, _jsonResult))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { Name: "value" or "error" } && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        AddSink(sinks, argument.Value, creation, new SinkTag(Destinations.Response, "'new " + type.Name + "'"));
                    }
                }
            }
        }

        private void FindAssignmentSink(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property, TaintSinkCollector<SinkTag> sinks)
        {
            var name = property.Property.Name;
            var type = property.Property.ContainingType;
            if ((name == "Content" && TypeIdentity.IsOrInherits(type, _contentResult))
                || (name == "Value" && (TypeIdentity.IsOrInherits(type, _objectResult) || TypeIdentity.IsOrInherits(type, _jsonResult))))
            {
                AddSink(sinks, assignment.Value, assignment, new SinkTag(Destinations.Response, "'" + type.Name + "." + name + "'"));
            }
        }

        /// <summary>A minimal-API handler lambda or an MVC action returning text: the value is the response body.</summary>
        private void FindReturnSink(IReturnOperation ret, IOperation returned, TaintSinkCollector<SinkTag> sinks)
        {
            if (_endpoints is null || ret.Kind != OperationKind.Return)
            {
                return;
            }

            var value = returned.WalkDownConversionsAndDelegates();
            if (value.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            for (var parent = ret.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda)
                {
                    if (HandlerOf(lambda) is { } map)
                    {
                        AddSink(sinks, value, ret, new SinkTag(Destinations.Response, "the return value of the '" + map + "' handler"));
                    }

                    return;
                }

                if (parent is ILocalFunctionOperation)
                {
                    return;
                }
            }

            if (ret.SemanticModel is not null && FindOwningMethod(ret) is { } method && _endpoints.IsAction(method))
            {
                AddSink(sinks, value, ret, new SinkTag(Destinations.Response, "the return value of action '" + method.Name + "'"));
            }
        }

        private static IMethodSymbol? FindOwningMethod(IReturnOperation ret)
        {
            for (var node = ret.Syntax; node is not null; node = node.Parent)
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
                {
                    return ret.SemanticModel!.GetDeclaredSymbol(declaration) as IMethodSymbol;
                }

                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        private string? HandlerOf(IAnonymousFunctionOperation lambda)
        {
            var current = lambda.WalkUpConversionsAndDelegates().Parent;

            if (current is IArgumentOperation { Parent: IInvocationOperation invocation }
                && _endpoints!.TryGetMinimalEndpoint(invocation, out var endpoint)
                && endpoint.Handler == lambda)
            {
                return invocation.TargetMethod.Name;
            }

            return null;
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

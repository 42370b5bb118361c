using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC414's sources: the model calls of the three client families, and what cleans their text.</summary>
public sealed partial class ModelOutputWithoutValidationAnalyzer
{
    private sealed class ModelCalls
    {
        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol? _chatClient;
        private readonly INamedTypeSymbol? _streamingUpdate;
        private readonly INamedTypeSymbol? _completionService;
        private readonly INamedTypeSymbol? _completionServiceExtensions;
        private readonly INamedTypeSymbol? _kernel;
        private readonly INamedTypeSymbol? _kernelExtensions;
        private readonly INamedTypeSymbol? _kernelFunction;
        private readonly INamedTypeSymbol? _functionResult;
        private readonly INamedTypeSymbol? _streamingContent;
        private readonly INamedTypeSymbol? _aiChatClient;
        private readonly INamedTypeSymbol? _aiChatClientExtensions;
        private readonly INamedTypeSymbol? _aiStructuredOutput;
        private readonly INamedTypeSymbol? _aiResponseUpdate;
        private readonly INamedTypeSymbol? _aiTypedResponse;
        private readonly INamedTypeSymbol? _systemTextJson;
        private readonly INamedTypeSymbol? _newtonsoftConvert;

        private ModelCalls(AzSecContext types)
        {
            _compilation = types.Compilation;
            _chatClient = types.Get(WellKnownTypeNames.OpenAIChatClient);
            _streamingUpdate = types.Get(WellKnownTypeNames.OpenAIStreamingChatCompletionUpdate);
            _completionService = types.Get(WellKnownTypeNames.SemanticKernelChatCompletionService);
            _completionServiceExtensions = types.Get(WellKnownTypeNames.SemanticKernelChatCompletionServiceExtensions);
            _kernel = types.Get(WellKnownTypeNames.SemanticKernelKernel);
            _kernelExtensions = types.Get(WellKnownTypeNames.SemanticKernelKernelExtensions);
            _kernelFunction = types.Get(WellKnownTypeNames.SemanticKernelKernelFunction);
            _functionResult = types.Get(WellKnownTypeNames.SemanticKernelFunctionResult);
            _streamingContent = types.Get(WellKnownTypeNames.SemanticKernelStreamingChatMessageContent);
            _aiChatClient = types.Get(WellKnownTypeNames.ExtensionsAIChatClient);
            _aiChatClientExtensions = types.Get(WellKnownTypeNames.ExtensionsAIChatClientExtensions);
            _aiStructuredOutput = types.Get(WellKnownTypeNames.ExtensionsAIChatClientStructuredOutputExtensions);
            _aiResponseUpdate = types.Get(WellKnownTypeNames.ExtensionsAIChatResponseUpdate);
            _aiTypedResponse = types.Get(WellKnownTypeNames.ExtensionsAIChatResponseOfT);
            _systemTextJson = types.Get(WellKnownTypeNames.SystemTextJsonSerializer);
            _newtonsoftConvert = types.Get(WellKnownTypeNames.JsonConvert);
        }

        /// <summary>Null when the compilation references none of the model clients: the rule then registers nothing.</summary>
        public static ModelCalls? Create(AzSecContext types)
        {
            if (types.Get(WellKnownTypeNames.OpenAIChatClient) is null
                && types.Get(WellKnownTypeNames.SemanticKernelChatCompletionService) is null
                && types.Get(WellKnownTypeNames.SemanticKernelKernel) is null
                && types.Get(WellKnownTypeNames.ExtensionsAIChatClient) is null)
            {
                return null;
            }

            return new ModelCalls(types);
        }

        public bool TryGetSource(IOperation operation, out TaintSource source)
        {
            var api = operation switch
            {
                IInvocationOperation invocation => ModelCall(invocation.TargetMethod),
                IPropertyReferenceOperation { Instance: { } instance } => StreamingUpdate(instance.Type),
                _ => null,
            };
            source = api is null ? default : new TaintSource(ModelOutput | TaintLabels.Full, "'" + api + "'");
            return api is not null;
        }

        /// <summary>Cheap pre-check of a block with sinks: a model call, a streaming update read, or a call whose summary may return one.</summary>
        public bool MayBringModelOutput(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingAssembly, _compilation.Assembly)
                                               || ModelCall(invocation.TargetMethod) is not null,
            IPropertyReferenceOperation { Instance: { } instance } => StreamingUpdate(instance.Type) is not null,
            _ => false,
        };

        /// <summary><c>FunctionResult.GetValue&lt;string&gt;()</c> hands on the model's text; the engine already does <c>ToString()</c>.</summary>
        public bool Propagates(IInvocationOperation invocation)
            => invocation.TargetMethod.Name == "GetValue" && Is(invocation.TargetMethod.ContainingType, _functionResult);

        /// <summary>
        /// HTML encoding (<c>HtmlEncoder.Encode</c>, <c>WebUtility.HtmlEncode</c>) and typed parsing: <c>JsonSerializer.Deserialize&lt;T&gt;</c>/<c>JsonConvert.DeserializeObject&lt;T&gt;</c> into the app's own type,
        /// and Microsoft.Extensions.AI's structured output (<c>ChatResponse&lt;T&gt;.Result</c>) of one. Its fields are then used one by one.
        /// </summary>
        public bool IsTypedParse(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "HtmlEncode", ContainingType.Name: "WebUtility" or "HttpUtility" } encode }
                    when encode.ContainingNamespace?.ToDisplayString() is "System.Net" or "System.Web":
                    return true; // encoded text cannot carry markup or quotes
                case IInvocationOperation { TargetMethod.Name: "Encode", Instance: { } encoder } when IsHtmlEncoder(encoder.Type):
                    return true;

                case IInvocationOperation { TargetMethod: { IsGenericMethod: true } method } invocation
                    when (method.Name.StartsWith("Deserialize", System.StringComparison.Ordinal) && Is(method.ContainingType, _systemTextJson))
                         || (method.Name == "DeserializeObject" && Is(method.ContainingType, _newtonsoftConvert)):
                    return IsAppType(invocation.Type, 0);
                case IPropertyReferenceOperation { Property.Name: "Result" } property when Is(property.Property.ContainingType, _aiTypedResponse):
                    return IsAppType(property.Type, 0);
                default:
                    return false;
            }
        }

        private static bool IsHtmlEncoder(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current.Name == "HtmlEncoder" && current.ContainingNamespace?.ToDisplayString() == "System.Text.Encodings.Web")
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsAppType(ITypeSymbol? type, int depth)
        {
            switch (type)
            {
                case null:
                    return false;
                case IArrayTypeSymbol array:
                    return depth < 4 && IsAppType(array.ElementType, depth + 1);
                case INamedTypeSymbol named when SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, _compilation.Assembly):
                    return named.TypeKind is TypeKind.Class or TypeKind.Struct or TypeKind.Enum;
                case INamedTypeSymbol { IsGenericType: true } generic when depth < 4:
                    // Task<T>, List<T>, IReadOnlyList<T>: typed when every type argument is.
                    foreach (var argument in generic.TypeArguments)
                    {
                        if (!IsAppType(argument, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                default:
                    return false;
            }
        }

        /// <summary>How the message names the model call, or null when <paramref name="method"/> is none.</summary>
        private string? ModelCall(IMethodSymbol method)
        {
            var type = method.ContainingType?.OriginalDefinition;
            switch (method.Name)
            {
                case "CompleteChat" or "CompleteChatAsync" or "CompleteChatStreaming" or "CompleteChatStreamingAsync":
                    return Inherits(type, _chatClient) ? "ChatClient." + method.Name : null;
                case "GetChatMessageContentAsync" or "GetChatMessageContentsAsync" or "GetStreamingChatMessageContentsAsync":
                    return Is(type, _completionServiceExtensions) || Implements(type, _completionService) ? "IChatCompletionService." + method.Name : null;
                case "InvokePromptAsync" or "InvokeAsync" or "InvokePromptStreamingAsync" or "InvokeStreamingAsync":
                    if (Is(type, _kernel) || Is(type, _kernelExtensions))
                    {
                        return "Kernel." + method.Name;
                    }

                    return Inherits(type, _kernelFunction) ? "KernelFunction." + method.Name : null;
                case "GetResponseAsync" or "GetStreamingResponseAsync":
                    return Is(type, _aiChatClientExtensions) || Is(type, _aiStructuredOutput) || Implements(type, _aiChatClient) ? "IChatClient." + method.Name : null;
                default:
                    return null;
            }
        }

        /// <summary>A member of a streaming update read in a loop: the update came from the streaming call it names.</summary>
        private string? StreamingUpdate(ITypeSymbol? type)
        {
            if (type is not INamedTypeSymbol named)
            {
                return null;
            }

            if (Is(named, _streamingUpdate))
            {
                return "ChatClient.CompleteChatStreamingAsync";
            }

            if (Is(named, _streamingContent))
            {
                return "IChatCompletionService.GetStreamingChatMessageContentsAsync";
            }

            return Is(named, _aiResponseUpdate) ? "IChatClient.GetStreamingResponseAsync" : null;
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        private static bool Inherits(INamedTypeSymbol? type, INamedTypeSymbol? expected)
        {
            for (var current = type; current is not null && expected is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, expected))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Implements(INamedTypeSymbol? type, INamedTypeSymbol? contract)
        {
            if (type is null || contract is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

using AzSecAnalyzers.Infrastructure.AspNetCore;

namespace AzSecAnalyzers.Infrastructure.LanguageModels;

/// <summary>Who speaks in a chat message, as far as the code says it with a constant.</summary>
internal enum ChatMessageRole
{
    /// <summary>The role is not a constant the analysis can read (a variable, a role made from run-time text).</summary>
    Unknown,
    System,
    Developer,
    User,
    Assistant,
    Tool,
}

/// <summary>Which .NET model client an API belongs to.</summary>
internal enum ChatClientFamily
{
    /// <summary>OpenAI's <c>OpenAI.Chat</c> types, which Azure.AI.OpenAI's <c>AzureOpenAIClient</c> also uses.</summary>
    OpenAI,
    SemanticKernel,
    ExtensionsAI,
}

/// <summary>
/// Text an operation puts into a chat message sent to a language model: the argument (or assigned value) that becomes the
/// message's content, the message's role, and how a diagnostic names the API (<c>'new SystemChatMessage'</c>).
/// </summary>
internal readonly struct ChatMessageText
{
    public ChatMessageText(IOperation content, ChatMessageRole role, string api, ChatClientFamily family)
    {
        Content = content;
        Role = role;
        Api = api;
        Family = family;
    }

    /// <summary>The value that becomes the message text: an argument's value, an assigned value.</summary>
    public IOperation Content { get; }

    public ChatMessageRole Role { get; }

    public string Api { get; }

    public ChatClientFamily Family { get; }

    /// <summary>
    /// The values that become text: the content itself, or each content part passed to a <c>params</c> parameter one by one
    /// (<c>new SystemChatMessage(part1, part2)</c>), so each is judged and located on its own.
    /// </summary>
    public ImmutableArray<IOperation> Values
        => Content is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer } ? initializer.ElementValues : ImmutableArray.Create(Content);

    /// <summary>True for the messages that carry the application's instructions: system and developer messages.</summary>
    public bool IsInstruction => Role is ChatMessageRole.System or ChatMessageRole.Developer;
}

/// <summary>
/// The chat-message APIs of the three .NET model clients, resolved once per compilation: OpenAI / Azure.AI.OpenAI
/// (<c>SystemChatMessage</c>, <c>DeveloperChatMessage</c>, <c>UserChatMessage</c>, <c>AssistantChatMessage</c>,
/// <c>ToolChatMessage</c>, <c>ChatMessage.Create*Message</c>), Semantic Kernel (<c>ChatHistory</c> constructors and
/// <c>Add*Message</c>/<c>AddMessage</c>, <c>ChatMessageContent</c>, <c>OpenAIPromptExecutionSettings.ChatSystemPrompt</c>/
/// <c>ChatDeveloperPrompt</c>, <c>Kernel.InvokePromptAsync</c> templates) and Microsoft.Extensions.AI (<c>ChatMessage(ChatRole, …)</c>,
/// <c>ChatOptions.Instructions</c>, <c>IChatClient.GetResponseAsync(string)</c>).
/// It answers one question: does this operation put text into a chat message, which text, in which role.
/// </summary>
internal sealed class ChatMessages
{
    private readonly INamedTypeSymbol? _openAIChatMessage;
    private readonly INamedTypeSymbol? _openAISystem;
    private readonly INamedTypeSymbol? _openAIDeveloper;
    private readonly INamedTypeSymbol? _openAIUser;
    private readonly INamedTypeSymbol? _openAIAssistant;
    private readonly INamedTypeSymbol? _openAITool;
    private readonly INamedTypeSymbol? _openAIContentPart;
    private readonly INamedTypeSymbol? _chatHistory;
    private readonly INamedTypeSymbol? _authorRole;
    private readonly INamedTypeSymbol? _chatMessageContent;
    private readonly INamedTypeSymbol? _promptSettings;
    private readonly INamedTypeSymbol? _kernelExtensions;
    private readonly INamedTypeSymbol? _aiChatMessage;
    private readonly INamedTypeSymbol? _aiChatRole;
    private readonly INamedTypeSymbol? _aiChatOptions;
    private readonly INamedTypeSymbol? _aiChatClientExtensions;

    internal ChatMessages(AzSecContext types)
    {
        _openAIChatMessage = types.Get(WellKnownTypeNames.OpenAIChatMessage);
        if (_openAIChatMessage is not null)
        {
            _openAISystem = types.Get(WellKnownTypeNames.OpenAISystemChatMessage);
            _openAIDeveloper = types.Get(WellKnownTypeNames.OpenAIDeveloperChatMessage);
            _openAIUser = types.Get(WellKnownTypeNames.OpenAIUserChatMessage);
            _openAIAssistant = types.Get(WellKnownTypeNames.OpenAIAssistantChatMessage);
            _openAITool = types.Get(WellKnownTypeNames.OpenAIToolChatMessage);
            _openAIContentPart = types.Get(WellKnownTypeNames.OpenAIChatMessageContentPart);
        }

        _chatHistory = types.Get(WellKnownTypeNames.SemanticKernelChatHistory);
        if (_chatHistory is not null)
        {
            _authorRole = types.Get(WellKnownTypeNames.SemanticKernelAuthorRole);
            _chatMessageContent = types.Get(WellKnownTypeNames.SemanticKernelChatMessageContent);
            _promptSettings = types.Get(WellKnownTypeNames.SemanticKernelOpenAIPromptExecutionSettings);
            _kernelExtensions = types.Get(WellKnownTypeNames.SemanticKernelKernelExtensions);
        }

        _aiChatMessage = types.Get(WellKnownTypeNames.ExtensionsAIChatMessage);
        if (_aiChatMessage is not null)
        {
            _aiChatRole = types.Get(WellKnownTypeNames.ExtensionsAIChatRole);
            _aiChatOptions = types.Get(WellKnownTypeNames.ExtensionsAIChatOptions);
            _aiChatClientExtensions = types.Get(WellKnownTypeNames.ExtensionsAIChatClientExtensions);
        }
    }

    /// <summary>True when the compilation references a model client whose chat messages this model knows.</summary>
    public bool HasAny => _openAIChatMessage is not null || _chatHistory is not null || _aiChatMessage is not null;


    /// <summary>
    /// The text <paramref name="operation"/> (an object creation, an invocation, or a property assignment) puts into a chat
    /// message. False for everything else, cheaply: the first test is on the member's containing type.
    /// </summary>
    public bool TryGetText(IOperation operation, out ChatMessageText text)
    {
        text = default;
        switch (operation)
        {
            case IObjectCreationOperation creation:
                return TryGetCreationText(creation, out text);
            case IInvocationOperation invocation:
                return TryGetInvocationText(invocation, out text);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                return TryGetAssignedText(assignment, property.Property, out text);
            default:
                return false;
        }
    }

    /// <summary><c>ChatMessageContentPart.CreateTextPart(text)</c>: a content part that carries its argument's text.</summary>
    public bool IsTextPart(IInvocationOperation invocation)
        => invocation.TargetMethod.Name == "CreateTextPart" && TypeIdentity.Is(invocation.TargetMethod.ContainingType, _openAIContentPart);

    private bool TryGetCreationText(IObjectCreationOperation creation, out ChatMessageText text)
    {
        text = default;
        if (creation.Type is not INamedTypeSymbol type || creation.Arguments.Length == 0)
        {
            return false;
        }

        if (_openAIChatMessage is not null && TypeIdentity.IsOrInherits(type, _openAIChatMessage))
        {
            var role = TypeIdentity.Is(type, _openAISystem) ? ChatMessageRole.System
                : TypeIdentity.Is(type, _openAIDeveloper) ? ChatMessageRole.Developer
                : TypeIdentity.Is(type, _openAIUser) ? ChatMessageRole.User
                : TypeIdentity.Is(type, _openAIAssistant) ? ChatMessageRole.Assistant
                : TypeIdentity.Is(type, _openAITool) ? ChatMessageRole.Tool
                : ChatMessageRole.Unknown;
            return TryGetContent(creation.Arguments, role, "'new " + type.Name + "'", ChatClientFamily.OpenAI, out text);
        }

        if (_chatHistory is not null && TypeIdentity.Is(type, _chatHistory))
        {
            // new ChatHistory(systemMessage) / new ChatHistory(message, role)
            var role = creation.Arguments.Length == 1 ? ChatMessageRole.System : RoleOf(creation.Arguments, "role");
            return TryGetContent(creation.Arguments, role, "'new ChatHistory'", ChatClientFamily.SemanticKernel, out text);
        }

        if (_chatMessageContent is not null && TypeIdentity.IsOrInherits(type, _chatMessageContent))
        {
            return TryGetContent(creation.Arguments, RoleOf(creation.Arguments, "role"), "'new " + type.Name + "'", ChatClientFamily.SemanticKernel, out text);
        }

        if (_aiChatMessage is not null && TypeIdentity.Is(type, _aiChatMessage))
        {
            return TryGetContent(creation.Arguments, RoleOf(creation.Arguments, "role"), "'new ChatMessage'", ChatClientFamily.ExtensionsAI, out text);
        }

        return false;
    }

    private bool TryGetInvocationText(IInvocationOperation invocation, out ChatMessageText text)
    {
        text = default;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (_openAIChatMessage is not null && method.IsStatic && TypeIdentity.Is(type, _openAIChatMessage))
        {
            var role = method.Name switch
            {
                "CreateSystemMessage" => ChatMessageRole.System,
                "CreateDeveloperMessage" => ChatMessageRole.Developer,
                "CreateUserMessage" => ChatMessageRole.User,
                "CreateAssistantMessage" => ChatMessageRole.Assistant,
                "CreateToolMessage" => ChatMessageRole.Tool,
                _ => ChatMessageRole.Unknown,
            };
            return role != ChatMessageRole.Unknown && TryGetContent(invocation.Arguments, role, "'ChatMessage." + method.Name + "'", ChatClientFamily.OpenAI, out text);
        }

        if (_chatHistory is not null && !method.IsStatic && TypeIdentity.IsOrInherits(type, _chatHistory))
        {
            var role = method.Name switch
            {
                "AddSystemMessage" => ChatMessageRole.System,
                "AddDeveloperMessage" => ChatMessageRole.Developer,
                "AddUserMessage" => ChatMessageRole.User,
                "AddAssistantMessage" => ChatMessageRole.Assistant,
                "AddMessage" => RoleOf(invocation.Arguments, "authorRole"),
                _ => (ChatMessageRole?)null,
            };
            return role is { } known && TryGetContent(invocation.Arguments, known, "'ChatHistory." + method.Name + "'", ChatClientFamily.SemanticKernel, out text);
        }

        if (method.IsStatic && method.Parameters.Length > 1 && method.Parameters[1].Type.SpecialType == SpecialType.System_String)
        {
            // client.GetResponseAsync("text"): a user message made from the string.
            if (method.Name is "GetResponseAsync" or "GetStreamingResponseAsync" && TypeIdentity.Is(type, _aiChatClientExtensions))
            {
                return TryGetContent(invocation.Arguments, ChatMessageRole.User, "'IChatClient." + method.Name + "'", ChatClientFamily.ExtensionsAI, out text);
            }

            // kernel.InvokePromptAsync(template): rendered into messages whose roles the template itself may name.
            if (method.Name is "InvokePromptAsync" or "InvokePromptStreamingAsync" && TypeIdentity.Is(type, _kernelExtensions))
            {
                return TryGetContent(invocation.Arguments, ChatMessageRole.Unknown, "'Kernel." + method.Name + "'", ChatClientFamily.SemanticKernel, out text);
            }
        }

        return false;
    }

    private bool TryGetAssignedText(ISimpleAssignmentOperation assignment, IPropertySymbol property, out ChatMessageText text)
    {
        text = default;
        switch (property.Name)
        {
            case "Instructions" when _aiChatOptions is not null && TypeIdentity.IsOrInherits(property.ContainingType, _aiChatOptions):
                text = new ChatMessageText(assignment.Value, ChatMessageRole.System, "'ChatOptions.Instructions'", ChatClientFamily.ExtensionsAI);
                return true;
            case "ChatSystemPrompt" or "ChatDeveloperPrompt" when _promptSettings is not null && TypeIdentity.IsOrInherits(property.ContainingType, _promptSettings):
                text = new ChatMessageText(
                    assignment.Value,
                    property.Name == "ChatSystemPrompt" ? ChatMessageRole.System : ChatMessageRole.Developer,
                    "'" + _promptSettings.Name + "." + property.Name + "'",
                    ChatClientFamily.SemanticKernel);
                return true;
            default:
                return false;
        }
    }

    private static bool TryGetContent(ImmutableArray<IArgumentOperation> arguments, ChatMessageRole role, string api, ChatClientFamily family, out ChatMessageText text)
    {
        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.DefaultValue
                && argument.Parameter?.Name is "content" or "contentParts" or "contents" or "contentItems" or "items" or "systemMessage" or "message"
                    or "chatMessage" or "promptTemplate")
            {
                text = new ChatMessageText(argument.Value, role, api, family);
                return true;
            }
        }

        text = default;
        return false;
    }

    /// <summary>The role a <c>ChatRole</c>/<c>AuthorRole</c> argument names: <c>ChatRole.System</c>, <c>AuthorRole.User</c>, <c>new ChatRole("system")</c>.</summary>
    private ChatMessageRole RoleOf(ImmutableArray<IArgumentOperation> arguments, string parameterName)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return RoleOf(argument.Value);
            }
        }

        return ChatMessageRole.Unknown;
    }

    private ChatMessageRole RoleOf(IOperation value)
    {
        value = value.WalkDownConversions();
        switch (value)
        {
            case IPropertyReferenceOperation { Property.IsStatic: true } property when IsRoleType(property.Property.ContainingType):
                return RoleNamed(property.Property.Name);
            case IObjectCreationOperation { Arguments.Length: 1 } creation when IsRoleType(creation.Type)
                && creation.Arguments[0].Value.ConstantValue.Value is string name:
                return RoleNamed(name);
            default:
                return ChatMessageRole.Unknown;
        }
    }

    private bool IsRoleType(ITypeSymbol? type) => TypeIdentity.Is(type, _authorRole) || TypeIdentity.Is(type, _aiChatRole);

    private static ChatMessageRole RoleNamed(string name) => name.ToLowerInvariant() switch
    {
        "system" => ChatMessageRole.System,
        "developer" => ChatMessageRole.Developer,
        "user" => ChatMessageRole.User,
        "assistant" => ChatMessageRole.Assistant,
        "tool" => ChatMessageRole.Tool,
        _ => ChatMessageRole.Unknown,
    };
}

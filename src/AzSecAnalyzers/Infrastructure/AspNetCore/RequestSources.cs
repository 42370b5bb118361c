using AzSecAnalyzers.Infrastructure.Messaging;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>Where ASP.NET Core binds an endpoint parameter from (or where a trigger payload comes from).</summary>
internal enum RequestBindingSource
{
    /// <summary>Not request input: a service, <c>HttpContext</c>, <c>CancellationToken</c>, or not an endpoint parameter.</summary>
    None,
    Route,
    Query,
    Body,
    Form,
    Header,

    /// <summary><c>[AsParameters]</c>: the parameter's members are bound from the request.</summary>
    Parameters,

    /// <summary>MVC model binding without <c>[ApiController]</c>: form, route or query, whichever has the name.</summary>
    ModelBinding,

    /// <summary>An Azure Functions trigger payload (<c>[HttpTrigger]</c>, <c>[ServiceBusTrigger]</c>, <c>[QueueTrigger]</c>, …).</summary>
    Trigger,
}

/// <summary>
/// The request-input model shared by the taint rules: which endpoint parameters ASP.NET Core binds from the request
/// (MVC actions and minimal-API handler lambdas, explicit <c>[FromXxx]</c> attributes and the <c>IFromXxxMetadata</c>
/// interfaces, <c>[AsParameters]</c>, and the implicit rules) and which reads of <c>HttpRequest</c> are request input; message
/// bodies (Service Bus, Event Hubs, Storage queues) come from <see cref="MessageSources"/>. Its two predicates plug
/// straight into a <see cref="TaintSpec"/> (<see cref="TryGetParameterSource"/>, <see cref="TryGetSource"/>). One group of the
/// per-compilation <see cref="AzSecContext"/> (<see cref="AzSecContext.Requests"/>).
/// </summary>
internal sealed class RequestSources
{
    private readonly LazyType _httpRequest;
    private readonly LazyType _httpContext;
    private readonly LazyType _httpResponse;
    private readonly LazyType _httpRequestJsonExtensions;
    private readonly LazyType _routingHttpContextExtensions;
    private readonly LazyType _formFile;
    private readonly LazyType _formFileCollection;
    private readonly LazyType _formCollection;
    private readonly LazyType _apiBehaviorMetadata;
    private readonly LazyType _cancellationToken;
    private readonly LazyType _httpRequestDataExtensions;

    internal RequestSources(AzSecContext types)
    {
        Model = types.Endpoints;
        _httpRequest = new LazyType(types, WellKnownTypeNames.HttpRequest);
        _httpContext = new LazyType(types, WellKnownTypeNames.HttpContext);
        _httpResponse = new LazyType(types, WellKnownTypeNames.HttpResponse);
        _httpRequestJsonExtensions = new LazyType(types, WellKnownTypeNames.HttpRequestJsonExtensions);
        _routingHttpContextExtensions = new LazyType(types, WellKnownTypeNames.RoutingHttpContextExtensions);
        _formFile = new LazyType(types, WellKnownTypeNames.IFormFile);
        _formFileCollection = new LazyType(types, WellKnownTypeNames.IFormFileCollection);
        _formCollection = new LazyType(types, WellKnownTypeNames.IFormCollection);
        _apiBehaviorMetadata = new LazyType(types, WellKnownTypeNames.ApiBehaviorMetadata);
        _cancellationToken = new LazyType(types, WellKnownTypeNames.CancellationToken);
        Messages = types.Messages;
        Functions = types.FunctionsHttpTriggers;
        _httpRequestDataExtensions = new LazyType(types, WellKnownTypeNames.HttpRequestDataExtensions);
        Handlers = new MethodGroupHandlers(types.Compilation, Model);
    }

    public EndpointModel Model { get; }

    /// <summary>Azure Functions HTTP triggers: their parameters bind like endpoint parameters, their request reads are sources.</summary>
    public FunctionsHttpTriggers Functions { get; }

    /// <summary>The minimal-API handlers given as method groups, compilation-wide.</summary>
    public MethodGroupHandlers Handlers { get; }

    /// <summary>The message-body sources, which <see cref="TryGetSource"/> includes.</summary>
    public MessageSources Messages { get; }

    public INamedTypeSymbol? HttpRequest => _httpRequest.Value;
    public INamedTypeSymbol? HttpContext => _httpContext.Value;
    public INamedTypeSymbol? HttpResponse => _httpResponse.Value;
    public INamedTypeSymbol? HttpRequestJsonExtensions => _httpRequestJsonExtensions.Value;
    public INamedTypeSymbol? RoutingHttpContextExtensions => _routingHttpContextExtensions.Value;
    public INamedTypeSymbol? FormFile => _formFile.Value;
    public INamedTypeSymbol? FormFileCollection => _formFileCollection.Value;
    public INamedTypeSymbol? FormCollection => _formCollection.Value;
    public INamedTypeSymbol? ApiBehaviorMetadata => _apiBehaviorMetadata.Value;
    public INamedTypeSymbol? CancellationToken => _cancellationToken.Value;

    /// <summary>True when the compilation can receive request input or messages at all.</summary>
    public bool HasAny => Model.Types.HasEndpoints || HttpRequest is not null || Messages.HasMessages || Functions.IsAvailable;

    // ---- Parameters ------------------------------------------------------------------------

    /// <summary>
    /// A <see cref="TaintParameterPredicate"/>: request-bound endpoint parameters and trigger payloads are <see cref="TaintLabels.Request"/>
    /// (or <see cref="TaintLabels.Message"/>) sources. An <c>[AsParameters]</c> object is not one as a whole: its members are, each as
    /// ASP.NET Core binds it (<see cref="TryGetSource"/> answers for reads of them).
    /// </summary>
    public bool TryGetParameterSource(IParameterSymbol parameter, TaintFunction function, out TaintSource source)
    {
        var binding = GetBinding(parameter, function);
        if (binding is RequestBindingSource.None or RequestBindingSource.Parameters)
        {
            source = default;
            return false;
        }

        var labels = binding == RequestBindingSource.Trigger && !IsHttpTrigger(parameter) ? TaintLabels.Message : TaintLabels.Request;
        source = new TaintSource(labels | TaintLabels.Full, Describe(binding, parameter.Name));
        return true;
    }

    /// <summary>How a message names a bound parameter, e.g. <c>query parameter 'url'</c>.</summary>
    public static string Describe(RequestBindingSource binding, string name) => binding switch
    {
        RequestBindingSource.Route => $"route parameter '{name}'",
        RequestBindingSource.Query => $"query parameter '{name}'",
        RequestBindingSource.Body => $"request body parameter '{name}'",
        RequestBindingSource.Form => $"form parameter '{name}'",
        RequestBindingSource.Header => $"header parameter '{name}'",
        RequestBindingSource.Parameters => $"request parameters '{name}'",
        RequestBindingSource.ModelBinding => $"request parameter '{name}'",
        RequestBindingSource.Trigger => $"trigger payload '{name}'",
        _ => $"parameter '{name}'",
    };

    /// <summary>
    /// Where <paramref name="parameter"/> of <paramref name="function"/> is bound from: explicit attributes anywhere; the implicit
    /// rules for MVC actions, minimal-API handlers (lambdas, and method groups in any file: <see cref="MethodGroupHandlers"/>) and
    /// Azure Functions HTTP triggers (<see cref="AzSecContext.FunctionsHttpTriggers"/>).
    /// </summary>
    public RequestBindingSource GetBinding(IParameterSymbol parameter, TaintFunction function)
    {
        var method = function.Method;
        if (Functions.IsAvailable && method.MethodKind == MethodKind.Ordinary && Functions.TryGetTrigger(method, out var trigger))
        {
            return FunctionBinding(parameter, trigger);
        }

        var explicitBinding = ExplicitBinding(parameter.GetAttributes(), out var isExplicit);
        if (isExplicit)
        {
            return explicitBinding;
        }

        var action = function.Declaration is null && method.MethodKind == MethodKind.Ordinary && Model.IsAction(method);
        var minimal = !action && IsMinimalHandler(function, out _);
        if (!minimal && !action)
        {
            return RequestBindingSource.None;
        }

        return ImplicitBinding(parameter.Type, parameter.Name, method, minimal, function);
    }

    private RequestBindingSource ImplicitBinding(ITypeSymbol type, string name, IMethodSymbol method, bool minimal, TaintFunction function)
    {
        if (IsSpecial(type))
        {
            return RequestBindingSource.None;
        }

        if (TypeIdentity.IsOrInherits(type, FormFile) || TypeIdentity.IsOrInherits(type, FormFileCollection) || TypeIdentity.IsOrInherits(type, FormCollection))
        {
            return RequestBindingSource.Form;
        }

        if (type.Name is "Stream" or "PipeReader" && type.ContainingNamespace?.Name is "IO" or "Pipelines")
        {
            return minimal ? RequestBindingSource.Body : RequestBindingSource.None;
        }

        if (IsSimple(type))
        {
            if (minimal)
            {
                return MinimalRouteHas(function, name) ? RequestBindingSource.Route : RequestBindingSource.Query;
            }

            foreach (var template in ActionAndControllerTemplates(method))
            {
                if (RouteHasParameter(template, name))
                {
                    return RequestBindingSource.Route;
                }
            }

            return IsApiController(method.ContainingType) ? RequestBindingSource.Query : RequestBindingSource.ModelBinding;
        }

        if (IsServiceLike(type))
        {
            return RequestBindingSource.None;
        }

        if (minimal)
        {
            return RequestBindingSource.Body;
        }

        return IsApiController(method.ContainingType) ? RequestBindingSource.Body : RequestBindingSource.ModelBinding;
    }

    /// <summary>
    /// A parameter of an HTTP-triggered function: the request object is no source itself (its reads are: <see cref="TryGetSource"/>),
    /// a trigger bound to another type is the body, <c>[FromBody]</c> is the body, simple unattributed parameters come from the route
    /// (or the query string); other bindings (<c>[BlobInput]</c>, …), <c>FunctionContext</c> and services are no request input.
    /// </summary>
    private RequestBindingSource FunctionBinding(IParameterSymbol parameter, FunctionsHttpTrigger trigger)
    {
        if (SymbolEqualityComparer.Default.Equals(parameter, trigger.Request))
        {
            var type = parameter.Type;
            return Functions.IsHttpRequestData(type) || TypeIdentity.IsOrInherits(type, HttpRequest) ? RequestBindingSource.None : RequestBindingSource.Body;
        }

        var attributes = parameter.GetAttributes();
        if (!attributes.IsEmpty)
        {
            var binding = ExplicitBinding(attributes, out var isExplicit);
            return isExplicit && binding != RequestBindingSource.Trigger ? binding : RequestBindingSource.None;
        }

        if (IsSimple(parameter.Type) && parameter.Type.SpecialType != SpecialType.System_Object)
        {
            return trigger.Route is { } route && RouteHasParameter(route, parameter.Name) ? RequestBindingSource.Route : RequestBindingSource.Query;
        }

        return RequestBindingSource.None;
    }

    private static RequestBindingSource ExplicitBinding(ImmutableArray<AttributeData> attributes, out bool isExplicit)
    {
        isExplicit = false;
        foreach (var attribute in attributes)
        {
            if (attribute.AttributeClass is not { } type)
            {
                continue;
            }

            switch (type.Name)
            {
                case "FromServicesAttribute" or "FromKeyedServicesAttribute":
                    isExplicit = true;
                    return RequestBindingSource.None;
                case "FromRouteAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Route;
                case "FromQueryAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Query;
                case "FromBodyAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Body;
                case "FromFormAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Form;
                case "FromHeaderAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Header;
                case "AsParametersAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Parameters;
                case "HttpTriggerAttribute" or "ServiceBusTriggerAttribute" or "QueueTriggerAttribute" or "EventHubTriggerAttribute"
                    or "EventGridTriggerAttribute" or "BlobTriggerAttribute" or "CosmosDBTriggerAttribute" or "KafkaTriggerAttribute" or "RabbitMQTriggerAttribute":
                    isExplicit = true;
                    return RequestBindingSource.Trigger;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                switch (implemented.Name)
                {
                    case "IFromServiceMetadata" or "IFromKeyedServicesMetadata":
                        isExplicit = true;
                        return RequestBindingSource.None;
                    case "IFromRouteMetadata":
                        isExplicit = true;
                        return RequestBindingSource.Route;
                    case "IFromQueryMetadata":
                        isExplicit = true;
                        return RequestBindingSource.Query;
                    case "IFromBodyMetadata":
                        isExplicit = true;
                        return RequestBindingSource.Body;
                    case "IFromFormMetadata":
                        isExplicit = true;
                        return RequestBindingSource.Form;
                    case "IFromHeaderMetadata":
                        isExplicit = true;
                        return RequestBindingSource.Header;
                }
            }
        }

        return RequestBindingSource.None;
    }

    private static bool IsHttpTrigger(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "HttpTriggerAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="function"/> is the handler of a minimal-API <c>Map*</c> call: a lambda passed to it, or a method
    /// (or local function) passed as a method group anywhere in the compilation. <paramref name="route"/> is the lambda's constant
    /// template, or the first constant template a method group is mapped on.
    /// </summary>
    public bool IsMinimalHandler(TaintFunction function, out string? route)
    {
        route = null;
        if (function.Declaration is IAnonymousFunctionOperation lambda)
        {
            var parent = lambda.WalkUpConversionsAndDelegates().Parent;
            if (parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && Model.TryGetMinimalEndpoint(invocation, out var endpoint)
                && endpoint.Handler == lambda)
            {
                route = endpoint.Route;
                return true;
            }

            return false;
        }

        if (Handlers.TryGetRoutes(function.Method, default, out var routes))
        {
            foreach (var template in routes)
            {
                route ??= template;
            }

            return true;
        }

        return false;
    }

    private bool MinimalRouteHas(TaintFunction function, string name)
    {
        if (function.Declaration is IAnonymousFunctionOperation)
        {
            return IsMinimalHandler(function, out var route) && route is not null && RouteHasParameter(route, name);
        }

        if (Handlers.TryGetRoutes(function.Method, default, out var routes))
        {
            foreach (var template in routes)
            {
                if (template is not null && RouteHasParameter(template, name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private System.Collections.Generic.IEnumerable<string> ActionAndControllerTemplates(IMethodSymbol action)
    {
        foreach (var template in Model.ActionTemplates(action))
        {
            yield return template;
        }

        for (var type = action.ContainingType; type is not null; type = type.BaseType)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass is { Name: "RouteAttribute" }
                    && attribute.ConstructorArguments.Length > 0
                    && attribute.ConstructorArguments[0].Value is string template)
                {
                    yield return template;
                }
            }
        }
    }

    /// <summary>True when the route template has a parameter <paramref name="name"/> (<c>{name}</c>, <c>{name:int}</c>, <c>{name?}</c>, <c>{*name}</c>), case-insensitively.</summary>
    public static bool RouteHasParameter(string template, string name)
    {
        var index = 0;
        while ((index = template.IndexOf('{', index)) >= 0)
        {
            var start = index + 1;
            while (start < template.Length && template[start] == '*')
            {
                start++;
            }

            if (start + name.Length <= template.Length
                && string.Compare(template, start, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && start + name.Length < template.Length
                && template[start + name.Length] is '}' or ':' or '?' or '=')
            {
                return true;
            }

            index = start;
        }

        return false;
    }

    /// <summary>True when <paramref name="controller"/> (a base, or its assembly) carries <c>[ApiController]</c>: invalid models are answered with 400 before the action runs.</summary>
    public bool IsApiControllerType(INamedTypeSymbol? controller) => IsApiController(controller);

    private bool IsApiController(INamedTypeSymbol? controller)
    {
        for (var type = controller; type is not null; type = type.BaseType)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (TypeIdentity.IsOrInherits(attribute.AttributeClass, ApiBehaviorMetadata))
                {
                    return true;
                }
            }
        }

        // [ApiController] on the assembly applies to every controller.
        if (controller is not null)
        {
            foreach (var attribute in controller.ContainingAssembly.GetAttributes())
            {
                if (TypeIdentity.IsOrInherits(attribute.AttributeClass, ApiBehaviorMetadata))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsSpecial(ITypeSymbol type)
        => TypeIdentity.IsOrInherits(type, HttpContext)
           || TypeIdentity.IsOrInherits(type, HttpRequest)
           || TypeIdentity.IsOrInherits(type, HttpResponse)
           || TypeIdentity.Is(type, CancellationToken)
           || TypeIdentity.IsOrInherits(type, Model.Types.ClaimsPrincipal)
           || type.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.Error;

    /// <summary>Types ASP.NET Core binds from a single string (route/query/header values): primitives, enums, Guid, dates, Uri, their nullables and arrays, and types with a static <c>TryParse</c>.</summary>
    public static bool IsSimple(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            type = array.ElementType;
        }

        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.SpecialType is SpecialType.System_String or SpecialType.System_Object || ScalarTypes.IsScalar(type))
        {
            return type.SpecialType != SpecialType.System_Object;
        }

        if (type is { Name: "Uri" or "StringValues" or "Version" or "IPAddress" })
        {
            return true;
        }

        foreach (var member in type.GetMembers("TryParse"))
        {
            if (member is IMethodSymbol { IsStatic: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A complex parameter type that is a service rather than a request body: interfaces, framework and SDK types
    /// (<c>HttpClient</c>, <c>BlobServiceClient</c>, <c>ILogger</c>), types deriving from them (a <c>DbContext</c>), and
    /// app types named like services (<c>…Service</c>, <c>…Repository</c>, <c>…Client</c>, <c>…Context</c>, …).
    /// </summary>
    private static bool IsServiceLike(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Interface)
        {
            return true;
        }

        if (type is IArrayTypeSymbol)
        {
            return false;
        }

        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var root = RootNamespace(current.ContainingNamespace);
            if (root is "Microsoft" or "Azure" or "System" && !IsCollection(current))
            {
                return true;
            }
        }

        var name = type.Name;
        foreach (var suffix in ServiceSuffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] ServiceSuffixes =
    {
        "Service", "Services", "Repository", "Client", "Context", "Manager", "Factory", "Provider", "Handler", "Store", "Options", "Settings", "Configuration", "Logger", "Cache",
    };

    private static bool IsCollection(ITypeSymbol type)
    {
        for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "Collections" || (ns.Name == "Json" && type.Name is "JsonElement" or "JsonDocument" or "JsonNode" or "JsonObject"))
            {
                return true;
            }
        }

        return false;
    }

    private static string? RootNamespace(INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return null;
        }

        while (!ns.ContainingNamespace.IsGlobalNamespace)
        {
            ns = ns.ContainingNamespace;
        }

        return ns.Name;
    }

    // ---- Reads -----------------------------------------------------------------------------

    /// <summary>
    /// A <see cref="TaintSourcePredicate"/>: <c>HttpRequest.Query/Form/Headers/RouteValues/Cookies/Body/BodyReader/Path/PathBase/QueryString</c>
    /// (through <c>HttpContext.Request</c> or a controller's <c>Request</c> too), <c>ReadFromJsonAsync</c>/<c>ReadFormAsync</c>/<c>GetRouteValue</c>
    /// (<see cref="TaintLabels.Request"/>); and the message bodies of <see cref="MessageSources.TryGetPropertySource"/> (<see cref="TaintLabels.Message"/>).
    /// </summary>
    public bool TryGetSource(IOperation operation, out TaintSource source)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation property:
                return TryGetPropertySource(property.Property, out source)
                    || TryGetParametersMember(property.Instance, property.Property, property.Type, out source);
            case IFieldReferenceOperation field:
                return TryGetParametersMember(field.Instance, field.Field, field.Type, out source);
            case IInvocationOperation invocation:
                return TryGetInvocationSource(invocation.TargetMethod, out source);
            default:
                source = default;
                return false;
        }
    }

    private bool TryGetPropertySource(IPropertySymbol property, out TaintSource source)
    {
        source = default;
        var type = property.ContainingType;
        switch (property.Name)
        {
            case "Query" or "Form" or "Headers" or "RouteValues" or "Cookies" or "Body" or "BodyReader" or "Path" or "PathBase" or "QueryString"
                when HttpRequest is not null && TypeIdentity.IsOrInherits(type, HttpRequest):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, RequestDescriptions.For(property.Name));
                return true;
            case "Query" or "Headers" or "Body" or "Url" or "Cookies" when Functions.HttpRequestData is not null && Functions.IsHttpRequestData(type):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "'HttpRequestData." + property.Name + "'");
                return true;
            default:
                return Messages.TryGetPropertySource(property, out source);
        }
    }

    /// <summary>A read of a member of an <c>[AsParameters]</c> object: a source when ASP.NET Core binds that member from the request.</summary>
    private bool TryGetParametersMember(IOperation? instance, ISymbol member, ITypeSymbol? memberType, out TaintSource source)
    {
        source = default;
        if (instance is not IParameterReferenceOperation { Parameter: var parameter } || memberType is null || !IsAsParameters(parameter))
        {
            return false;
        }

        var binding = MemberBinding(member, memberType, parameter);
        if (binding is RequestBindingSource.None or RequestBindingSource.Parameters)
        {
            return false;
        }

        source = new TaintSource(TaintLabels.Request | TaintLabels.Full, Describe(binding, parameter.Name + "." + member.Name));
        return true;
    }

    private static bool IsAsParameters(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass?.Name == "AsParametersAttribute")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// How ASP.NET Core binds one member of an <c>[AsParameters]</c> type: attributes on the property or on the constructor parameter
    /// of the same name (a record's positional parameter), else the implicit rules of a minimal-API handler parameter.
    /// </summary>
    private RequestBindingSource MemberBinding(ISymbol member, ITypeSymbol memberType, IParameterSymbol parameter)
    {
        var binding = ExplicitBinding(member.GetAttributes(), out var isExplicit);
        if (isExplicit)
        {
            return binding;
        }

        if (parameter.Type is INamedTypeSymbol container)
        {
            foreach (var constructor in container.InstanceConstructors)
            {
                foreach (var constructorParameter in constructor.Parameters)
                {
                    if (string.Equals(constructorParameter.Name, member.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        binding = ExplicitBinding(constructorParameter.GetAttributes(), out isExplicit);
                        if (isExplicit)
                        {
                            return binding;
                        }
                    }
                }
            }
        }

        var handler = parameter.ContainingSymbol as IMethodSymbol;
        var function = new TaintFunction(handler!, null);
        return handler is null ? RequestBindingSource.None : ImplicitBinding(memberType, member.Name, handler, minimal: true, function);
    }

    private bool TryGetInvocationSource(IMethodSymbol method, out TaintSource source)
    {
        source = default;
        switch (method.Name)
        {
            case "ReadFromJsonAsync" when TypeIdentity.Is(method.ContainingType, HttpRequestJsonExtensions):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "'HttpRequest.ReadFromJsonAsync'");
                return true;
            case "ReadFormAsync" when HttpRequest is not null && TypeIdentity.IsOrInherits(method.ContainingType, HttpRequest):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "'HttpRequest.ReadFormAsync'");
                return true;
            case "ReadFromJsonAsync" or "ReadAsStringAsync" or "ReadAsString" when TypeIdentity.Is(method.ContainingType, _httpRequestDataExtensions.Value):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "'HttpRequestData." + method.Name + "'");
                return true;
            case "GetRouteValue" when TypeIdentity.Is(method.ContainingType, RoutingHttpContextExtensions):
                source = new TaintSource(TaintLabels.Request | TaintLabels.Full, "'HttpContext.GetRouteValue'");
                return true;
            default:
                return false;
        }
    }

    private static class RequestDescriptions
    {
        public static string For(string property) => property switch
        {
            "Query" => "'HttpRequest.Query'",
            "Form" => "'HttpRequest.Form'",
            "Headers" => "'HttpRequest.Headers'",
            "RouteValues" => "'HttpRequest.RouteValues'",
            "Cookies" => "'HttpRequest.Cookies'",
            "Body" => "'HttpRequest.Body'",
            "BodyReader" => "'HttpRequest.BodyReader'",
            "Path" => "'HttpRequest.Path'",
            "PathBase" => "'HttpRequest.PathBase'",
            _ => "'HttpRequest.QueryString'",
        };
    }
}

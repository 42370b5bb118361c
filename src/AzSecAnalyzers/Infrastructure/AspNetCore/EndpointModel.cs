namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>The HTTP methods an endpoint answers.</summary>
[Flags]
internal enum HttpVerbs
{
    None = 0,
    Get = 1,
    Post = 2,
    Put = 4,
    Patch = 8,
    Delete = 16,
    Head = 32,
    Options = 64,
    Other = 128,

    /// <summary>POST, PUT, PATCH or DELETE: the verbs that change state.</summary>
    StateChanging = Post | Put | Patch | Delete,

    /// <summary>Every verb: an endpoint that names none (an Azure Functions HTTP trigger without methods).</summary>
    Any = Get | StateChanging | Head | Options | Other,
}

/// <summary>Endpoint metadata found on an action, its controller, an endpoint's convention chain or its group.</summary>
[Flags]
internal enum EndpointConventions
{
    None = 0,

    /// <summary><c>[Authorize]</c> (any <c>IAuthorizeData</c>) or <c>.RequireAuthorization()</c>.</summary>
    Authorize = 1,

    /// <summary><c>[AllowAnonymous]</c> (any <c>IAllowAnonymous</c>) or <c>.AllowAnonymous()</c>.</summary>
    Anonymous = 2,

    /// <summary><c>[EnableRateLimiting]</c> or <c>.RequireRateLimiting(…)</c>.</summary>
    RateLimited = 4,

    /// <summary><c>[DisableRateLimiting]</c> or <c>.DisableRateLimiting()</c>.</summary>
    RateLimitingDisabled = 8,
}

/// <summary>A minimal-API endpoint: <c>MapPost("/orders", handler)</c> and friends.</summary>
internal readonly struct MinimalEndpoint
{
    public MinimalEndpoint(IInvocationOperation invocation, HttpVerbs verbs, string? route, IOperation? handler)
    {
        Invocation = invocation;
        Verbs = verbs;
        Route = route;
        Handler = handler;
    }

    public IInvocationOperation Invocation { get; }

    public HttpVerbs Verbs { get; }

    /// <summary>The route template when it is a constant.</summary>
    public string? Route { get; }

    /// <summary>The handler delegate as written (lambda or method group), conversions stripped.</summary>
    public IOperation? Handler { get; }

    /// <summary>The route builder the endpoint is mapped on: the app, a group or a parameter.</summary>
    public IOperation Receiver => Invocation.Arguments[0].Value.WalkDownConversionsAndDelegates();

    /// <summary>The method the handler runs: the lambda's symbol or the method group's target.</summary>
    public IMethodSymbol? HandlerMethod => Handler switch
    {
        IAnonymousFunctionOperation lambda => lambda.Symbol,
        IMethodReferenceOperation reference => reference.Method,
        _ => null,
    };

    /// <summary>Where a finding about the endpoint goes: the <c>MapPost</c> name.</summary>
    public Location Location => Invocation.Syntax.MemberNameLocation();
}

/// <summary>
/// How an ASP.NET Core app declares its endpoints, read the way the framework reads it: controllers
/// and actions by MVC's conventions, minimal APIs by their <c>Map*</c> calls, and the authorization
/// and rate-limiting metadata attached to each by attributes or endpoint conventions.
/// Stateless over <see cref="AspNetCoreTypes"/>; compilation-wide facts live in <see cref="ApiConfiguration"/>.
/// </summary>
internal sealed partial class EndpointModel
{
    public EndpointModel(AspNetCoreTypes types) => Types = types;

    public AspNetCoreTypes Types { get; }

    // ---- Controllers ------------------------------------------------------------------------

    /// <summary>
    /// MVC's controller convention: a public, non-abstract, non-generic class that is not marked
    /// <c>[NonController]</c> and whose name ends in <c>Controller</c> or that carries (or inherits)
    /// <c>[Controller]</c> (which <c>ControllerBase</c> and <c>[ApiController]</c> do).
    /// </summary>
    public bool IsController(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class
            || type.IsAbstract
            || type.IsGenericType
            || type.DeclaredAccessibility != Accessibility.Public
            || (type.ContainingType is not null && type.ContainingType.DeclaredAccessibility != Accessibility.Public)
            || HasAttribute(type, Types.NonControllerAttribute, inherit: true))
        {
            return false;
        }

        return type.Name.EndsWith("Controller", StringComparison.Ordinal)
            || HasAttribute(type, Types.ControllerAttribute, inherit: true);
    }

    /// <summary>MVC's action convention: a public instance method of a controller, not <c>[NonAction]</c>, not declared by the framework's base classes.</summary>
    public bool IsAction(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary
            || method.IsStatic
            || method.IsAbstract
            || method.IsGenericMethod
            || method.DeclaredAccessibility != Accessibility.Public
            || method.ContainingType is not { } controller
            || !IsController(controller))
        {
            return false;
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (HasAttribute(current, Types.NonActionAttribute, inherit: false))
            {
                return false;
            }

            // Dispose, ToString and the framework's own helpers are no actions.
            if (current.ContainingType.SpecialType == SpecialType.System_Object
                || current.ContainingAssembly is { } assembly && Types.ControllerBase is { } controllerBase
                   && SymbolEqualityComparer.Default.Equals(assembly, controllerBase.ContainingAssembly))
            {
                return false;
            }
        }

        return method.Name != "Dispose";
    }

    /// <summary>
    /// The verbs an action answers: from <c>[HttpPost]</c>-style and <c>[AcceptVerbs]</c> attributes.
    /// An action without any answers every verb; for those the Web API naming convention
    /// (<c>Post…</c>, <c>Put…</c>, <c>Patch…</c>, <c>Delete…</c>) says which one it is meant for,
    /// and other names count as <see cref="HttpVerbs.Get"/> so plain MVC pages stay quiet.
    /// </summary>
    public HttpVerbs GetVerbs(IMethodSymbol action)
    {
        var verbs = HttpVerbs.None;
        var sawVerbAttribute = false;
        for (var current = action; current is not null; current = current.OverriddenMethod)
        {
            foreach (var attribute in current.GetAttributes())
            {
                var type = attribute.AttributeClass;
                if (TypeIdentity.IsOrInherits(type, Types.AcceptVerbsAttribute))
                {
                    sawVerbAttribute = true;
                    foreach (var argument in attribute.ConstructorArguments)
                    {
                        if (argument.Kind == TypedConstantKind.Array)
                        {
                            foreach (var item in argument.Values)
                            {
                                verbs |= Parse(item.Value as string);
                            }
                        }
                        else
                        {
                            verbs |= Parse(argument.Value as string);
                        }
                    }
                }
                else if (TypeIdentity.IsOrInherits(type, Types.HttpMethodAttribute))
                {
                    sawVerbAttribute = true;
                    verbs |= VerbOf(type!);
                }
            }

            if (sawVerbAttribute)
            {
                return verbs;
            }
        }

        return NameConventionVerb(action.Name);
    }

    private HttpVerbs VerbOf(INamedTypeSymbol attribute)
    {
        for (INamedTypeSymbol? current = attribute; current is not null; current = current.BaseType)
        {
            if (TypeIdentity.Is(current, Types.HttpGet)) return HttpVerbs.Get;
            if (TypeIdentity.Is(current, Types.HttpPost)) return HttpVerbs.Post;
            if (TypeIdentity.Is(current, Types.HttpPut)) return HttpVerbs.Put;
            if (TypeIdentity.Is(current, Types.HttpPatch)) return HttpVerbs.Patch;
            if (TypeIdentity.Is(current, Types.HttpDelete)) return HttpVerbs.Delete;
            if (TypeIdentity.Is(current, Types.HttpHead)) return HttpVerbs.Head;
            if (TypeIdentity.Is(current, Types.HttpOptions)) return HttpVerbs.Options;
        }

        return HttpVerbs.Other;
    }

    private static HttpVerbs NameConventionVerb(string name)
    {
        if (name.StartsWith("Post", StringComparison.Ordinal)) return HttpVerbs.Post;
        if (name.StartsWith("Put", StringComparison.Ordinal)) return HttpVerbs.Put;
        if (name.StartsWith("Patch", StringComparison.Ordinal)) return HttpVerbs.Patch;
        if (name.StartsWith("Delete", StringComparison.Ordinal)) return HttpVerbs.Delete;
        return HttpVerbs.Get;
    }

    public static HttpVerbs Parse(string? verb)
    {
        switch (verb?.Trim().ToUpperInvariant())
        {
            case null or "": return HttpVerbs.None;
            case "GET": return HttpVerbs.Get;
            case "POST": return HttpVerbs.Post;
            case "PUT": return HttpVerbs.Put;
            case "PATCH": return HttpVerbs.Patch;
            case "DELETE": return HttpVerbs.Delete;
            case "HEAD": return HttpVerbs.Head;
            case "OPTIONS": return HttpVerbs.Options;
            default: return HttpVerbs.Other;
        }
    }

    /// <summary>The state-changing verbs of <paramref name="verbs"/> as users write them, e.g. <c>POST</c> or <c>PUT, DELETE</c>.</summary>
    public static string Describe(HttpVerbs verbs)
    {
        var text = string.Empty;
        Append(HttpVerbs.Post, "POST");
        Append(HttpVerbs.Put, "PUT");
        Append(HttpVerbs.Patch, "PATCH");
        Append(HttpVerbs.Delete, "DELETE");
        return text;

        void Append(HttpVerbs verb, string name)
        {
            if ((verbs & verb) != 0)
            {
                text = text.Length == 0 ? name : text + ", " + name;
            }
        }
    }

    /// <summary>Authorization and rate-limiting attributes on the action itself (and the methods it overrides).</summary>
    public EndpointConventions ActionConventions(IMethodSymbol action)
    {
        var conventions = EndpointConventions.None;
        for (var current = action; current is not null; current = current.OverriddenMethod)
        {
            conventions |= AttributeConventions(current);
        }

        return conventions;
    }

    /// <summary>Authorization and rate-limiting attributes on the controller and its base classes.</summary>
    public EndpointConventions ControllerConventions(INamedTypeSymbol controller)
    {
        var conventions = EndpointConventions.None;
        for (var current = controller; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            conventions |= AttributeConventions(current);
        }

        return conventions;
    }

    /// <summary>The conventions that attributes on <paramref name="symbol"/> (an action, a controller, a handler method) declare.</summary>
    public EndpointConventions AttributeConventions(ISymbol symbol)
    {
        var conventions = EndpointConventions.None;
        foreach (var attribute in symbol.GetAttributes())
        {
            var type = attribute.AttributeClass;
            if (TypeIdentity.IsOrInherits(type, Types.AuthorizeData)) conventions |= EndpointConventions.Authorize;
            if (TypeIdentity.IsOrInherits(type, Types.AllowAnonymous)) conventions |= EndpointConventions.Anonymous;
            if (TypeIdentity.IsOrInherits(type, Types.EnableRateLimitingAttribute)) conventions |= EndpointConventions.RateLimited;
            if (TypeIdentity.IsOrInherits(type, Types.DisableRateLimitingAttribute)) conventions |= EndpointConventions.RateLimitingDisabled;
        }

        return conventions;
    }

    /// <summary>The <c>[AllowAnonymous]</c>-like attribute on the action itself, for locating a finding and removing it.</summary>
    public AttributeData? FindAllowAnonymous(IMethodSymbol action)
    {
        foreach (var attribute in action.GetAttributes())
        {
            if (TypeIdentity.IsOrInherits(attribute.AttributeClass, Types.AllowAnonymous))
            {
                return attribute;
            }
        }

        return null;
    }

    private static bool HasAttribute(ISymbol symbol, INamedTypeSymbol? attributeType, bool inherit)
    {
        if (attributeType is null)
        {
            return false;
        }

        for (var current = symbol; current is not null; current = inherit && current is INamedTypeSymbol type ? type.BaseType : null)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (TypeIdentity.IsOrInherits(attribute.AttributeClass, attributeType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Route templates written on the action's verb attributes (<c>[HttpPost("login")]</c>) and <c>[Route]</c>.</summary>
    public IEnumerable<string> ActionTemplates(IMethodSymbol action)
    {
        foreach (var attribute in action.GetAttributes())
        {
            var isRouteTemplate = TypeIdentity.IsOrInherits(attribute.AttributeClass, Types.HttpMethodAttribute)
                || attribute.AttributeClass is { Name: "RouteAttribute", ContainingNamespace: { Name: "Mvc" } };
            if (isRouteTemplate
                && attribute.ConstructorArguments.Length > 0
                && attribute.ConstructorArguments[0] is { Kind: TypedConstantKind.Primitive, Value: string template })
            {
                yield return template;
            }
        }
    }

    // ---- Minimal APIs -----------------------------------------------------------------------

    /// <summary>Recognises <c>MapGet/MapPost/MapPut/MapPatch/MapDelete/MapMethods</c> on any route builder (app or group).</summary>
    public bool TryGetMinimalEndpoint(IInvocationOperation invocation, out MinimalEndpoint endpoint)
    {
        endpoint = default;
        var method = invocation.TargetMethod;
        if (!TypeIdentity.Is(method.ContainingType, Types.EndpointRouteBuilderExtensions) || invocation.Arguments.Length < 2)
        {
            return false;
        }

        HttpVerbs verbs;
        switch (method.Name)
        {
            case "MapGet": verbs = HttpVerbs.Get; break;
            case "MapPost": verbs = HttpVerbs.Post; break;
            case "MapPut": verbs = HttpVerbs.Put; break;
            case "MapPatch": verbs = HttpVerbs.Patch; break;
            case "MapDelete": verbs = HttpVerbs.Delete; break;
            case "MapMethods": verbs = MethodsArgument(invocation); break;
            default: return false;
        }

        string? route = null;
        IOperation? handler = null;
        foreach (var argument in invocation.Arguments)
        {
            switch (argument.Parameter?.Name)
            {
                case "pattern" when argument.Value.ConstantValue is { HasValue: true, Value: string text }:
                    route = text;
                    break;
                case "handler" or "requestDelegate":
                    handler = argument.Value.WalkDownConversionsAndDelegates();
                    break;
            }
        }

        endpoint = new MinimalEndpoint(invocation, verbs, route, handler);
        return true;
    }

    private static HttpVerbs MethodsArgument(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name != "httpMethods")
            {
                continue;
            }

            var verbs = HttpVerbs.None;
            if (argument.Value.WalkDownConversionsAndDelegates() is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    verbs |= element.ConstantValue is { HasValue: true, Value: string verb } ? Parse(verb) : HttpVerbs.Other;
                }

                return verbs;
            }

            return HttpVerbs.Other;
        }

        return HttpVerbs.Other;
    }

    /// <summary>True for <c>MapControllers</c>, <c>MapControllerRoute</c>, <c>MapDefaultControllerRoute</c> and <c>MapAreaControllerRoute</c>.</summary>
    public bool IsControllerMapping(IInvocationOperation invocation)
        => TypeIdentity.Is(invocation.TargetMethod.ContainingType, Types.ControllerEndpointRouteBuilderExtensions)
           && invocation.TargetMethod.Name is "MapControllers" or "MapControllerRoute" or "MapDefaultControllerRoute" or "MapAreaControllerRoute";

    /// <summary>True for <c>MapGroup</c>.</summary>
    public bool IsMapGroup(IInvocationOperation invocation)
        => invocation.TargetMethod.Name == "MapGroup" && TypeIdentity.Is(invocation.TargetMethod.ContainingType, Types.EndpointRouteBuilderExtensions);

    /// <summary>True when <paramref name="type"/> is a route builder a method can map endpoints on (the app, a group).</summary>
    public bool IsRouteBuilder(ITypeSymbol? type) => TypeIdentity.IsOrInherits(type, Types.EndpointRouteBuilder);

    /// <summary>The convention a call applies (<c>RequireAuthorization</c>, <c>AllowAnonymous</c>, <c>RequireRateLimiting</c>, <c>DisableRateLimiting</c>), or none.</summary>
    public EndpointConventions ConventionOf(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (TypeIdentity.Is(method.ContainingType, Types.AuthorizationConventions))
        {
            return method.Name switch
            {
                "RequireAuthorization" => EndpointConventions.Authorize,
                "AllowAnonymous" => EndpointConventions.Anonymous,
                _ => EndpointConventions.None,
            };
        }

        if (TypeIdentity.Is(method.ContainingType, Types.RateLimiterConventions))
        {
            return method.Name switch
            {
                "RequireRateLimiting" => EndpointConventions.RateLimited,
                "DisableRateLimiting" => EndpointConventions.RateLimitingDisabled,
                _ => EndpointConventions.None,
            };
        }

        return EndpointConventions.None;
    }
}

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>The <c>AuthorizationLevel</c> of an Azure Functions HTTP trigger; the values mirror the SDK's enum.</summary>
internal enum FunctionAuthorizationLevel
{
    /// <summary>Not a constant the analyzer can read (an error type, a value outside the enum).</summary>
    Unknown = -1,

    /// <summary>No key: anyone who can reach the URL calls the function.</summary>
    Anonymous = 0,

    /// <summary>Reserved by the platform; behaves like <see cref="Function"/> today.</summary>
    User = 1,

    /// <summary>A function key or the host key (the SDK's default).</summary>
    Function = 2,

    /// <summary>The master key (<c>_master</c>).</summary>
    System = 3,

    /// <summary>The master key.</summary>
    Admin = 4,
}

/// <summary>
/// An Azure Functions isolated-worker HTTP trigger: a <c>[Function]</c> method with a parameter carrying
/// <c>[HttpTrigger(AuthorizationLevel…, "post", Route = …)]</c>, on <c>HttpRequestData</c> or, with the ASP.NET Core
/// integration, on <c>HttpRequest</c>.
/// </summary>
internal readonly struct FunctionsHttpTrigger
{
    public FunctionsHttpTrigger(IMethodSymbol method, IParameterSymbol request, AttributeData attribute, string? name, FunctionAuthorizationLevel authorizationLevel, HttpVerbs verbs, string? route, bool isAspNetCoreRequest)
    {
        Method = method;
        Request = request;
        Attribute = attribute;
        Name = name;
        AuthorizationLevel = authorizationLevel;
        Verbs = verbs;
        Route = route;
        IsAspNetCoreRequest = isAspNetCoreRequest;
    }

    /// <summary>The <c>[Function]</c> method.</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The parameter that carries <c>[HttpTrigger]</c>.</summary>
    public IParameterSymbol Request { get; }

    /// <summary>The <c>[HttpTrigger]</c> attribute itself, for locating a finding on it.</summary>
    public AttributeData Attribute { get; }

    /// <summary>The function's name from <c>[Function("name")]</c>, when it is a constant.</summary>
    public string? Name { get; }

    /// <summary>The key the platform demands before the function runs (<see cref="FunctionAuthorizationLevel.Function"/> when the attribute names none).</summary>
    public FunctionAuthorizationLevel AuthorizationLevel { get; }

    /// <summary>The methods the trigger names; <see cref="HttpVerbs.Any"/> when it names none (the platform then accepts every method).</summary>
    public HttpVerbs Verbs { get; }

    /// <summary>The <c>Route</c> template when it is given (the platform's default is <c>api/{function name}</c>).</summary>
    public string? Route { get; }

    /// <summary>True when the request is ASP.NET Core's <c>HttpRequest</c> (the ASP.NET Core integration) rather than <c>HttpRequestData</c>.</summary>
    public bool IsAspNetCoreRequest { get; }

    /// <summary>Where a finding about the trigger goes: the <c>[HttpTrigger]</c> attribute, else the method name.</summary>
    public Location Location
        => Attribute.ApplicationSyntaxReference is { } reference
            ? Location.Create(reference.SyntaxTree, reference.Span)
            : Method.Locations.Length > 0 ? Method.Locations[0] : Location.None;
}

/// <summary>
/// The one home that recognises Azure Functions isolated-worker HTTP triggers (<see cref="AzSecContext.FunctionsHttpTriggers"/>):
/// the endpoint rules read their authorization level, methods and route from it, the request sources their parameters.
/// Types are looked up on first use; a compilation without the Functions worker answers no at once.
/// </summary>
internal sealed class FunctionsHttpTriggers
{
    private readonly LazyType _functionAttribute;
    private readonly LazyType _httpTriggerAttribute;
    private readonly LazyType _httpRequestData;
    private readonly LazyType _httpRequest;

    internal FunctionsHttpTriggers(AzSecContext types)
    {
        _functionAttribute = new LazyType(types, WellKnownTypeNames.FunctionAttribute);
        _httpTriggerAttribute = new LazyType(types, WellKnownTypeNames.HttpTriggerAttribute);
        _httpRequestData = new LazyType(types, WellKnownTypeNames.HttpRequestData);
        _httpRequest = new LazyType(types, WellKnownTypeNames.HttpRequest);
    }

    public INamedTypeSymbol? FunctionAttribute => _functionAttribute.Value;
    public INamedTypeSymbol? HttpTriggerAttribute => _httpTriggerAttribute.Value;
    public INamedTypeSymbol? HttpRequestData => _httpRequestData.Value;

    /// <summary>True when the compilation can declare HTTP-triggered functions at all (it references the worker's HTTP extension).</summary>
    public bool IsAvailable => HttpTriggerAttribute is not null && FunctionAttribute is not null;

    /// <summary>Recognises <paramref name="method"/> as an HTTP-triggered function and reads its trigger.</summary>
    public bool TryGetTrigger(IMethodSymbol method, out FunctionsHttpTrigger trigger)
    {
        trigger = default;
        if (method.MethodKind != MethodKind.Ordinary || method.Parameters.IsEmpty || !IsAvailable)
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (FindHttpTrigger(parameter) is { } attribute)
            {
                if (!IsFunction(method, out var name))
                {
                    return false;
                }

                trigger = Read(method, parameter, attribute, name);
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="parameter"/> is the <c>[HttpTrigger]</c> parameter of a <c>[Function]</c> method.</summary>
    public bool IsTriggerParameter(IParameterSymbol parameter)
        => IsAvailable && parameter.ContainingSymbol is IMethodSymbol method && FindHttpTrigger(parameter) is not null && IsFunction(method, out _);

    /// <summary>True when <paramref name="type"/> is the worker's <c>HttpRequestData</c> (or derives from it).</summary>
    public bool IsHttpRequestData(ITypeSymbol? type) => TypeIdentity.IsOrInherits(type, HttpRequestData);

    private AttributeData? FindHttpTrigger(IParameterSymbol parameter)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (TypeIdentity.Is(attribute.AttributeClass, HttpTriggerAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    private bool IsFunction(IMethodSymbol method, out string? name)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (TypeIdentity.Is(attribute.AttributeClass, FunctionAttribute))
            {
                name = attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value as string : null;
                return true;
            }
        }

        name = null;
        return false;
    }

    private FunctionsHttpTrigger Read(IMethodSymbol method, IParameterSymbol parameter, AttributeData attribute, string? name)
    {
        var level = FunctionAuthorizationLevel.Function;
        var verbs = HttpVerbs.None;
        string? route = null;
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Kind == TypedConstantKind.Enum)
            {
                level = LevelOf(argument);
            }
            else if (argument.Kind == TypedConstantKind.Array)
            {
                verbs |= VerbsOf(argument);
            }
        }

        // AuthLevel and Methods are get-only: only the constructor sets them.
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "Route")
            {
                route = named.Value.Value as string;
            }
        }

        var isAspNetCore = !TypeIdentity.IsOrInherits(parameter.Type, HttpRequestData) && TypeIdentity.IsOrInherits(parameter.Type, _httpRequest.Value);
        return new FunctionsHttpTrigger(method, parameter, attribute, name, level, verbs == HttpVerbs.None ? HttpVerbs.Any : verbs, route, isAspNetCore);
    }

    private static HttpVerbs VerbsOf(TypedConstant array)
    {
        var verbs = HttpVerbs.None;
        if (array.Kind == TypedConstantKind.Array && !array.IsNull)
        {
            foreach (var item in array.Values)
            {
                verbs |= EndpointModel.Parse(item.Value as string);
            }
        }

        return verbs;
    }

    // Read by the enum member's name, not its number, so a reordered SDK enum cannot change the answer.
    private static FunctionAuthorizationLevel LevelOf(TypedConstant value)
    {
        if (value.Kind != TypedConstantKind.Enum || value.Type is not INamedTypeSymbol enumType || value.Value is null)
        {
            return FunctionAuthorizationLevel.Unknown;
        }

        foreach (var member in enumType.GetMembers())
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, value.Value))
            {
                return field.Name switch
                {
                    "Anonymous" => FunctionAuthorizationLevel.Anonymous,
                    "User" => FunctionAuthorizationLevel.User,
                    "Function" => FunctionAuthorizationLevel.Function,
                    "System" => FunctionAuthorizationLevel.System,
                    "Admin" => FunctionAuthorizationLevel.Admin,
                    _ => FunctionAuthorizationLevel.Unknown,
                };
            }
        }

        return FunctionAuthorizationLevel.Unknown;
    }
}

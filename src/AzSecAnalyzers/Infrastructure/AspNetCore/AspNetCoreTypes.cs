namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// The ASP.NET Core types the endpoint model reads, one group of the per-compilation
/// <see cref="AzSecContext"/> (<see cref="AzSecContext.AspNetCore"/>) shared by every AZSEC4xx rule; each type is
/// looked up on first read. A compilation without ASP.NET Core
/// gets an instance whose <see cref="HasEndpoints"/> is false, and the rules register nothing.
/// </summary>
internal sealed class AspNetCoreTypes
{
    private readonly LazyType _controllerBase;
    private readonly LazyType _controllerAttribute;
    private readonly LazyType _nonControllerAttribute;
    private readonly LazyType _nonActionAttribute;
    private readonly LazyType _httpMethodAttribute;
    private readonly LazyType _acceptVerbsAttribute;
    private readonly LazyType _httpGet;
    private readonly LazyType _httpPost;
    private readonly LazyType _httpPut;
    private readonly LazyType _httpPatch;
    private readonly LazyType _httpDelete;
    private readonly LazyType _httpHead;
    private readonly LazyType _httpOptions;
    private readonly LazyType _authorizeData;
    private readonly LazyType _allowAnonymous;
    private readonly LazyType _authorizationOptions;
    private readonly LazyType _authorizationBuilder;
    private readonly LazyType _authorizationService;
    private readonly LazyType _authorizeFilter;
    private readonly LazyType _endpointRouteBuilderExtensions;
    private readonly LazyType _controllerEndpointRouteBuilderExtensions;
    private readonly LazyType _authorizationConventions;
    private readonly LazyType _rateLimiterConventions;
    private readonly LazyType _endpointRouteBuilder;
    private readonly LazyType _endpointConventionBuilder;
    private readonly LazyType _rateLimiterOptions;
    private readonly LazyType _rateLimiterOptionsExtensions;
    private readonly LazyType _enableRateLimitingAttribute;
    private readonly LazyType _disableRateLimitingAttribute;
    private readonly LazyType _claimsPrincipal;

    internal AspNetCoreTypes(AzSecContext types)
    {
        _controllerBase = new LazyType(types, WellKnownTypeNames.ControllerBase);
        _controllerAttribute = new LazyType(types, WellKnownTypeNames.ControllerAttribute);
        _nonControllerAttribute = new LazyType(types, WellKnownTypeNames.NonControllerAttribute);
        _nonActionAttribute = new LazyType(types, WellKnownTypeNames.NonActionAttribute);
        _httpMethodAttribute = new LazyType(types, WellKnownTypeNames.HttpMethodAttribute);
        _acceptVerbsAttribute = new LazyType(types, WellKnownTypeNames.AcceptVerbsAttribute);
        _httpGet = new LazyType(types, WellKnownTypeNames.HttpGetAttribute);
        _httpPost = new LazyType(types, WellKnownTypeNames.HttpPostAttribute);
        _httpPut = new LazyType(types, WellKnownTypeNames.HttpPutAttribute);
        _httpPatch = new LazyType(types, WellKnownTypeNames.HttpPatchAttribute);
        _httpDelete = new LazyType(types, WellKnownTypeNames.HttpDeleteAttribute);
        _httpHead = new LazyType(types, WellKnownTypeNames.HttpHeadAttribute);
        _httpOptions = new LazyType(types, WellKnownTypeNames.HttpOptionsAttribute);
        _authorizeData = new LazyType(types, WellKnownTypeNames.IAuthorizeData);
        _allowAnonymous = new LazyType(types, WellKnownTypeNames.IAllowAnonymous);
        _authorizationOptions = new LazyType(types, WellKnownTypeNames.AuthorizationOptions);
        _authorizationBuilder = new LazyType(types, WellKnownTypeNames.AuthorizationBuilder);
        _authorizationService = new LazyType(types, WellKnownTypeNames.IAuthorizationService);
        _authorizeFilter = new LazyType(types, WellKnownTypeNames.AuthorizeFilter);
        _endpointRouteBuilderExtensions = new LazyType(types, WellKnownTypeNames.EndpointRouteBuilderExtensions);
        _controllerEndpointRouteBuilderExtensions = new LazyType(types, WellKnownTypeNames.ControllerEndpointRouteBuilderExtensions);
        _authorizationConventions = new LazyType(types, WellKnownTypeNames.AuthorizationEndpointConventionBuilderExtensions);
        _rateLimiterConventions = new LazyType(types, WellKnownTypeNames.RateLimiterEndpointConventionBuilderExtensions);
        _endpointRouteBuilder = new LazyType(types, WellKnownTypeNames.IEndpointRouteBuilder);
        _endpointConventionBuilder = new LazyType(types, WellKnownTypeNames.IEndpointConventionBuilder);
        _rateLimiterOptions = new LazyType(types, WellKnownTypeNames.RateLimiterOptions);
        _rateLimiterOptionsExtensions = new LazyType(types, WellKnownTypeNames.RateLimiterOptionsExtensions);
        _enableRateLimitingAttribute = new LazyType(types, WellKnownTypeNames.EnableRateLimitingAttribute);
        _disableRateLimitingAttribute = new LazyType(types, WellKnownTypeNames.DisableRateLimitingAttribute);
        _claimsPrincipal = new LazyType(types, WellKnownTypeNames.ClaimsPrincipal);
    }

    public INamedTypeSymbol? ControllerBase => _controllerBase.Value;
    public INamedTypeSymbol? ControllerAttribute => _controllerAttribute.Value;
    public INamedTypeSymbol? NonControllerAttribute => _nonControllerAttribute.Value;
    public INamedTypeSymbol? NonActionAttribute => _nonActionAttribute.Value;
    public INamedTypeSymbol? HttpMethodAttribute => _httpMethodAttribute.Value;
    public INamedTypeSymbol? AcceptVerbsAttribute => _acceptVerbsAttribute.Value;
    public INamedTypeSymbol? HttpGet => _httpGet.Value;
    public INamedTypeSymbol? HttpPost => _httpPost.Value;
    public INamedTypeSymbol? HttpPut => _httpPut.Value;
    public INamedTypeSymbol? HttpPatch => _httpPatch.Value;
    public INamedTypeSymbol? HttpDelete => _httpDelete.Value;
    public INamedTypeSymbol? HttpHead => _httpHead.Value;
    public INamedTypeSymbol? HttpOptions => _httpOptions.Value;
    public INamedTypeSymbol? AuthorizeData => _authorizeData.Value;
    public INamedTypeSymbol? AllowAnonymous => _allowAnonymous.Value;
    public INamedTypeSymbol? AuthorizationOptions => _authorizationOptions.Value;
    public INamedTypeSymbol? AuthorizationBuilder => _authorizationBuilder.Value;
    public INamedTypeSymbol? AuthorizationService => _authorizationService.Value;
    public INamedTypeSymbol? AuthorizeFilter => _authorizeFilter.Value;
    public INamedTypeSymbol? EndpointRouteBuilderExtensions => _endpointRouteBuilderExtensions.Value;
    public INamedTypeSymbol? ControllerEndpointRouteBuilderExtensions => _controllerEndpointRouteBuilderExtensions.Value;
    public INamedTypeSymbol? AuthorizationConventions => _authorizationConventions.Value;
    public INamedTypeSymbol? RateLimiterConventions => _rateLimiterConventions.Value;
    public INamedTypeSymbol? EndpointRouteBuilder => _endpointRouteBuilder.Value;
    public INamedTypeSymbol? EndpointConventionBuilder => _endpointConventionBuilder.Value;
    public INamedTypeSymbol? RateLimiterOptions => _rateLimiterOptions.Value;
    public INamedTypeSymbol? RateLimiterOptionsExtensions => _rateLimiterOptionsExtensions.Value;
    public INamedTypeSymbol? EnableRateLimitingAttribute => _enableRateLimitingAttribute.Value;
    public INamedTypeSymbol? DisableRateLimitingAttribute => _disableRateLimitingAttribute.Value;
    public INamedTypeSymbol? ClaimsPrincipal => _claimsPrincipal.Value;

    /// <summary>True when the compilation can declare endpoints at all: MVC controllers or minimal APIs.</summary>
    public bool HasEndpoints => ControllerBase is not null || EndpointRouteBuilderExtensions is not null;

}

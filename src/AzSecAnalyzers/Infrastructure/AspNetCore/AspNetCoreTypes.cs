using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AzSecAnalyzers.Infrastructure.AspNetCore;

/// <summary>
/// The ASP.NET Core types the endpoint model reads, resolved once per compilation from
/// <see cref="KnownTypes"/> and shared by every AZSEC4xx rule. A compilation without ASP.NET Core
/// gets an instance whose <see cref="HasEndpoints"/> is false, and the rules register nothing.
/// </summary>
internal sealed class AspNetCoreTypes
{
    private static readonly ConditionalWeakTable<Compilation, AspNetCoreTypes> Cache = new();

    private AspNetCoreTypes(KnownTypes types)
    {
        ControllerBase = types.Get(WellKnownTypeNames.ControllerBase);
        ControllerAttribute = types.Get(WellKnownTypeNames.ControllerAttribute);
        NonControllerAttribute = types.Get(WellKnownTypeNames.NonControllerAttribute);
        NonActionAttribute = types.Get(WellKnownTypeNames.NonActionAttribute);
        HttpMethodAttribute = types.Get(WellKnownTypeNames.HttpMethodAttribute);
        AcceptVerbsAttribute = types.Get(WellKnownTypeNames.AcceptVerbsAttribute);
        HttpGet = types.Get(WellKnownTypeNames.HttpGetAttribute);
        HttpPost = types.Get(WellKnownTypeNames.HttpPostAttribute);
        HttpPut = types.Get(WellKnownTypeNames.HttpPutAttribute);
        HttpPatch = types.Get(WellKnownTypeNames.HttpPatchAttribute);
        HttpDelete = types.Get(WellKnownTypeNames.HttpDeleteAttribute);
        HttpHead = types.Get(WellKnownTypeNames.HttpHeadAttribute);
        HttpOptions = types.Get(WellKnownTypeNames.HttpOptionsAttribute);
        AuthorizeData = types.Get(WellKnownTypeNames.IAuthorizeData);
        AllowAnonymous = types.Get(WellKnownTypeNames.IAllowAnonymous);
        AuthorizationOptions = types.Get(WellKnownTypeNames.AuthorizationOptions);
        AuthorizationBuilder = types.Get(WellKnownTypeNames.AuthorizationBuilder);
        AuthorizationService = types.Get(WellKnownTypeNames.IAuthorizationService);
        AuthorizeFilter = types.Get(WellKnownTypeNames.AuthorizeFilter);
        EndpointRouteBuilderExtensions = types.Get(WellKnownTypeNames.EndpointRouteBuilderExtensions);
        ControllerEndpointRouteBuilderExtensions = types.Get(WellKnownTypeNames.ControllerEndpointRouteBuilderExtensions);
        AuthorizationConventions = types.Get(WellKnownTypeNames.AuthorizationEndpointConventionBuilderExtensions);
        RateLimiterConventions = types.Get(WellKnownTypeNames.RateLimiterEndpointConventionBuilderExtensions);
        EndpointRouteBuilder = types.Get(WellKnownTypeNames.IEndpointRouteBuilder);
        EndpointConventionBuilder = types.Get(WellKnownTypeNames.IEndpointConventionBuilder);
        RateLimiterOptions = types.Get(WellKnownTypeNames.RateLimiterOptions);
        RateLimiterOptionsExtensions = types.Get(WellKnownTypeNames.RateLimiterOptionsExtensions);
        EnableRateLimitingAttribute = types.Get(WellKnownTypeNames.EnableRateLimitingAttribute);
        DisableRateLimitingAttribute = types.Get(WellKnownTypeNames.DisableRateLimitingAttribute);
        ClaimsPrincipal = types.Get(WellKnownTypeNames.ClaimsPrincipal);
    }

    public INamedTypeSymbol? ControllerBase { get; }
    public INamedTypeSymbol? ControllerAttribute { get; }
    public INamedTypeSymbol? NonControllerAttribute { get; }
    public INamedTypeSymbol? NonActionAttribute { get; }
    public INamedTypeSymbol? HttpMethodAttribute { get; }
    public INamedTypeSymbol? AcceptVerbsAttribute { get; }
    public INamedTypeSymbol? HttpGet { get; }
    public INamedTypeSymbol? HttpPost { get; }
    public INamedTypeSymbol? HttpPut { get; }
    public INamedTypeSymbol? HttpPatch { get; }
    public INamedTypeSymbol? HttpDelete { get; }
    public INamedTypeSymbol? HttpHead { get; }
    public INamedTypeSymbol? HttpOptions { get; }
    public INamedTypeSymbol? AuthorizeData { get; }
    public INamedTypeSymbol? AllowAnonymous { get; }
    public INamedTypeSymbol? AuthorizationOptions { get; }
    public INamedTypeSymbol? AuthorizationBuilder { get; }
    public INamedTypeSymbol? AuthorizationService { get; }
    public INamedTypeSymbol? AuthorizeFilter { get; }
    public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? ControllerEndpointRouteBuilderExtensions { get; }
    public INamedTypeSymbol? AuthorizationConventions { get; }
    public INamedTypeSymbol? RateLimiterConventions { get; }
    public INamedTypeSymbol? EndpointRouteBuilder { get; }
    public INamedTypeSymbol? EndpointConventionBuilder { get; }
    public INamedTypeSymbol? RateLimiterOptions { get; }
    public INamedTypeSymbol? RateLimiterOptionsExtensions { get; }
    public INamedTypeSymbol? EnableRateLimitingAttribute { get; }
    public INamedTypeSymbol? DisableRateLimitingAttribute { get; }
    public INamedTypeSymbol? ClaimsPrincipal { get; }

    /// <summary>True when the compilation can declare endpoints at all: MVC controllers or minimal APIs.</summary>
    public bool HasEndpoints => ControllerBase is not null || EndpointRouteBuilderExtensions is not null;

    public static AspNetCoreTypes For(KnownTypes types) => Cache.GetValue(types.Compilation, _ => new AspNetCoreTypes(types));
}

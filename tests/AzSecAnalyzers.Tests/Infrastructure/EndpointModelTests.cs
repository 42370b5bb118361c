using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class EndpointModelTests
{
    private const string Source = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.RateLimiting;

        [Authorize, EnableRateLimiting("api")]
        public abstract class ApiBase : ControllerBase { }

        public class OrdersController : ApiBase
        {
            [HttpPost] public IActionResult Create() => Ok();
            [HttpGet("{id}"), AllowAnonymous] public IActionResult Get(int id) => Ok();
            [AcceptVerbs("PUT", "DELETE")] public IActionResult Change() => Ok();
            public IActionResult DeleteAll() => Ok();
            public IActionResult Index() => Ok();
            [NonAction] public void Helper() { }
            public static void Static() { }
        }

        [Controller]
        public class Reports { public void Run() { } }

        [NonController]
        public class SkippedController : ControllerBase { public void Run() { } }

        public class Plain { public void Run() { } }

        static class Endpoints
        {
            static void Map(WebApplication app)
            {
                var api = app.MapGroup("/api").RequireAuthorization();
                api.MapPost("/a", () => 1).AllowAnonymous();
                app.MapMethods("/b", new[] { "PATCH" }, () => 2).RequireRateLimiting("x");
            }

            static void MapMore(Microsoft.AspNetCore.Routing.RouteGroupBuilder group) => group.MapPut("/c", () => 3);
        }
        """;

    private static (EndpointModel Model, Compilation Compilation) Build()
    {
        var tree = CSharpSyntaxTree.ParseText(Source, TestSetup.ParseOptions);
        var compilation = CSharpCompilation.Create("Model", new[] { tree }, TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (AzSecContext.For(compilation).Endpoints, compilation);
    }

    private static INamedTypeSymbol Type(Compilation compilation, string name)
        => (INamedTypeSymbol)compilation.GetSymbolsWithName(name, SymbolFilter.Type).Single();

    private static IMethodSymbol Method(Compilation compilation, string type, string name)
        => Type(compilation, type).GetMembers(name).OfType<IMethodSymbol>().Single();

    [Fact]
    public void Controllers_FollowMvcConventions()
    {
        var (model, compilation) = Build();
        Assert.True(model.IsController(Type(compilation, "OrdersController")));
        Assert.True(model.IsController(Type(compilation, "Reports")));
        Assert.False(model.IsController(Type(compilation, "ApiBase")));
        Assert.False(model.IsController(Type(compilation, "SkippedController")));
        Assert.False(model.IsController(Type(compilation, "Plain")));
    }

    [Fact]
    public void Actions_AndTheirVerbs()
    {
        var (model, compilation) = Build();
        Assert.Equal(HttpVerbs.Post, model.GetVerbs(Method(compilation, "OrdersController", "Create")));
        Assert.Equal(HttpVerbs.Get, model.GetVerbs(Method(compilation, "OrdersController", "Get")));
        Assert.Equal(HttpVerbs.Put | HttpVerbs.Delete, model.GetVerbs(Method(compilation, "OrdersController", "Change")));
        Assert.Equal(HttpVerbs.Delete, model.GetVerbs(Method(compilation, "OrdersController", "DeleteAll")));
        Assert.Equal(HttpVerbs.Get, model.GetVerbs(Method(compilation, "OrdersController", "Index")));
        Assert.True(model.IsAction(Method(compilation, "OrdersController", "Create")));
        Assert.False(model.IsAction(Method(compilation, "OrdersController", "Helper")));
        Assert.False(model.IsAction(Method(compilation, "OrdersController", "Static")));
        Assert.True(model.IsAction(Method(compilation, "Reports", "Run")));
    }

    [Fact]
    public void Conventions_FromActionControllerAndBaseClass()
    {
        var (model, compilation) = Build();
        var controller = model.ControllerConventions(Type(compilation, "OrdersController"));
        Assert.Equal(EndpointConventions.Authorize | EndpointConventions.RateLimited, controller);
        Assert.Equal(EndpointConventions.Anonymous, model.ActionConventions(Method(compilation, "OrdersController", "Get")));
        Assert.Equal(EndpointConventions.None, model.ActionConventions(Method(compilation, "OrdersController", "Create")));
    }

    [Fact]
    public void MinimalEndpoints_VerbsChainsAndGroups()
    {
        var (model, compilation) = Build();
        var tree = compilation.SyntaxTrees.Single();
        var semanticModel = compilation.GetSemanticModel(tree);
        var endpoints = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Select(node => semanticModel.GetOperation(node))
            .OfType<IInvocationOperation>()
            .Select(invocation => model.TryGetMinimalEndpoint(invocation, out var endpoint) ? endpoint : (MinimalEndpoint?)null)
            .Where(endpoint => endpoint is not null)
            .Select(endpoint => endpoint!.Value)
            .ToList();

        Assert.Equal(3, endpoints.Count);
        var put = endpoints.Single(e => e.Route == "/c");
        Assert.Equal("group", model.GroupConventions(put.Receiver).DependsOn?.Name);
        var post = endpoints.Single(e => e.Route == "/a");
        Assert.Equal(HttpVerbs.Post, post.Verbs);
        var group = model.EndpointConventionsOf(post, out var own);
        Assert.Equal(EndpointConventions.Anonymous, own);
        Assert.Equal(EndpointConventions.Authorize, group.Conventions);
        Assert.Null(group.DependsOn); // mapped on a group local, not on a parameter

        var patch = endpoints.Single(e => e.Route == "/b");
        Assert.Equal(HttpVerbs.Patch, patch.Verbs);
        model.EndpointConventionsOf(patch, out var patchOwn);
        Assert.Equal(EndpointConventions.RateLimited, patchOwn);
        Assert.Null(model.GroupConventions(patch.Receiver).DependsOn); // the app carries no conventions, whoever passes it
    }

    [Fact]
    public void WithoutAspNetCore_HasNoEndpoints()
    {
        var compilation = CSharpCompilation.Create("Empty", references: TestReferences.NetCoreOnly);
        Assert.False(AzSecContext.For(compilation).AspNetCore.HasEndpoints);
    }
}

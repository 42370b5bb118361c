using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class FunctionsHttpTriggersTests
{
    private const string Source = """
        using System.Threading.Tasks;
        using Microsoft.Azure.Functions.Worker;
        using Microsoft.Azure.Functions.Worker.Http;

        public class Orders
        {
            [Function("CreateOrder")]
            public HttpResponseData Create([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "orders/{tenant}")] HttpRequestData req, string tenant)
                => req.CreateResponse();

            [Function("UserLevel")]
            public HttpResponseData ByUser([HttpTrigger(AuthorizationLevel.User, "get", "put")] HttpRequestData req) => req.CreateResponse();

            [Function("FunctionLevel")]
            public HttpResponseData ByKey([HttpTrigger(AuthorizationLevel.Function, "delete")] HttpRequestData req) => req.CreateResponse();

            [Function("SystemLevel")]
            public HttpResponseData BySystem([HttpTrigger(AuthorizationLevel.System, "patch")] HttpRequestData req) => req.CreateResponse();

            [Function("AdminLevel")]
            public HttpResponseData ByAdmin([HttpTrigger(AuthorizationLevel.Admin)] HttpRequestData req) => req.CreateResponse();

            [Function("Defaults")]
            public HttpResponseData Defaults([HttpTrigger("get")] HttpRequestData req) => req.CreateResponse();

            [Function("Named")]
            public HttpResponseData NamedArguments([HttpTrigger(AuthorizationLevel.Anonymous, new[] { "PUT" }, Route = "items")] HttpRequestData req)
                => req.CreateResponse();

            // Look-alikes: a trigger attribute without [Function] is no function; a [Function] without an HTTP trigger is another trigger kind.
            public HttpResponseData NotAFunction([HttpTrigger(AuthorizationLevel.Anonymous, "post")] HttpRequestData req) => req.CreateResponse();

            [Function("Other")]
            public void OtherTrigger(string message) { }
        }

        namespace Lookalike
        {
            [System.AttributeUsage(System.AttributeTargets.Parameter)]
            public sealed class HttpTriggerAttribute : System.Attribute { public HttpTriggerAttribute(params string[] methods) { } }

            public class Fake
            {
                [Microsoft.Azure.Functions.Worker.Function("Fake")]
                public void Run([HttpTrigger("post")] Microsoft.Azure.Functions.Worker.Http.HttpRequestData req) { }
            }
        }
        """;

    private const string AspNetCoreSource = """
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Azure.Functions.Worker;

        public class Items
        {
            [Function("AddItem")]
            public IActionResult Add([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "items")] HttpRequest req) => new OkResult();
        }
        """;

    private static (FunctionsHttpTriggers Triggers, Compilation Compilation) Build(string source, ImmutableArray<MetadataReference> references)
    {
        var tree = CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions);
        var compilation = CSharpCompilation.Create("Functions", new[] { tree }, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return (AzSecContext.For(compilation).FunctionsHttpTriggers, compilation);
    }

    private static IMethodSymbol Method(Compilation compilation, string type, string name)
        => compilation.GetSymbolsWithName(type, SymbolFilter.Type).OfType<INamedTypeSymbol>().Single().GetMembers(name).OfType<IMethodSymbol>().Single();

    [Theory]
    [InlineData("Create", "Anonymous")]
    [InlineData("ByUser", "User")]
    [InlineData("ByKey", "Function")]
    [InlineData("BySystem", "System")]
    [InlineData("ByAdmin", "Admin")]
    [InlineData("Defaults", "Function")]
    [InlineData("NamedArguments", "Anonymous")]
    public void EveryAuthorizationLevel_IsRead(string method, string expected)
    {
        var (triggers, compilation) = Build(Source, TestReferences.FunctionsWorker);
        Assert.True(triggers.TryGetTrigger(Method(compilation, "Orders", method), out var trigger));
        Assert.Equal(expected, trigger.AuthorizationLevel.ToString());
        Assert.False(trigger.IsAspNetCoreRequest);
    }

    [Theory]
    [InlineData("Create", (int)(HttpVerbs.Post))]
    [InlineData("ByUser", (int)(HttpVerbs.Get | HttpVerbs.Put))]
    [InlineData("ByKey", (int)(HttpVerbs.Delete))]
    [InlineData("BySystem", (int)(HttpVerbs.Patch))]
    [InlineData("ByAdmin", (int)(HttpVerbs.Any))]
    [InlineData("NamedArguments", (int)(HttpVerbs.Put))]
    public void Methods_AreRead_AndNoneMeansEvery(string method, int expected)
    {
        var (triggers, compilation) = Build(Source, TestReferences.FunctionsWorker);
        Assert.True(triggers.TryGetTrigger(Method(compilation, "Orders", method), out var trigger));
        Assert.Equal((HttpVerbs)expected, trigger.Verbs);
    }

    [Fact]
    public void RouteNameAndRequestParameter_AreRead()
    {
        var (triggers, compilation) = Build(Source, TestReferences.FunctionsWorker);
        Assert.True(triggers.TryGetTrigger(Method(compilation, "Orders", "Create"), out var trigger));
        Assert.Equal("orders/{tenant}", trigger.Route);
        Assert.Equal("CreateOrder", trigger.Name);
        Assert.Equal("req", trigger.Request.Name);
        Assert.True(triggers.IsTriggerParameter(trigger.Request));
        Assert.False(triggers.IsTriggerParameter(trigger.Method.Parameters[1]));
        Assert.Contains("HttpTrigger(", trigger.Location.SourceTree!.GetText().ToString(trigger.Location.SourceSpan), StringComparison.Ordinal);

        Assert.True(triggers.TryGetTrigger(Method(compilation, "Orders", "NamedArguments"), out var named));
        Assert.Equal("items", named.Route);
        Assert.True(triggers.TryGetTrigger(Method(compilation, "Orders", "Defaults"), out var defaults));
        Assert.Null(defaults.Route);
    }

    [Theory]
    [InlineData("Orders", "NotAFunction")]
    [InlineData("Orders", "OtherTrigger")]
    [InlineData("Fake", "Run")]
    public void LookAlikes_AreNoTriggers(string type, string method)
    {
        var (triggers, compilation) = Build(Source, TestReferences.FunctionsWorker);
        var symbol = Method(compilation, type, method);
        Assert.False(triggers.TryGetTrigger(symbol, out _));
        Assert.All(symbol.Parameters, parameter => Assert.False(triggers.IsTriggerParameter(parameter)));
    }

    [Fact]
    public void AspNetCoreIntegration_HttpRequest_IsATrigger()
    {
        var (triggers, compilation) = Build(AspNetCoreSource, TestReferences.All);
        Assert.True(triggers.TryGetTrigger(Method(compilation, "Items", "Add"), out var trigger));
        Assert.True(trigger.IsAspNetCoreRequest);
        Assert.Equal(FunctionAuthorizationLevel.Anonymous, trigger.AuthorizationLevel);
        Assert.Equal(HttpVerbs.Post, trigger.Verbs);
        Assert.Equal("items", trigger.Route);
    }

    [Fact]
    public void WithoutTheWorker_NothingIsATrigger()
    {
        var (triggers, _) = Build("public class C { public void M(string s) { } }", TestReferences.NetCoreOnly);
        Assert.False(triggers.IsAvailable);
    }
}

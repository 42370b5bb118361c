using AzSecAnalyzers.Infrastructure.AspNetCore;
using static AzSecAnalyzers.Tests.Infrastructure.Taint.TaintHarness;

namespace AzSecAnalyzers.Tests.Infrastructure.Taint;

public class RequestSourcesTests
{
    private static SinkResult For(IReadOnlyList<SinkResult> results, string argument) => results.Single(r => r.Argument == argument);

    [Fact]
    public async Task MinimalApi_ImplicitAndExplicitBinding()
    {
        var results = await RunAsync("""
            using System;
            using System.Net.Http;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public record Dto(string Url);
            public class WeatherService { public string Name { get; set; } = ""; }
            public record Paging(string Filter);
            public record Q([property: FromQuery] string Filter);

            public static class Endpoints
            {
                static void Sink(object? value) { }

                public static void Map(WebApplication app)
                {
                    app.MapGet("/items/{id}", (string id, string q, HttpContext ctx, HttpClient client, WeatherService service, [FromHeader(Name = "X-Target")] string header, [FromServices] string injected) =>
                    {
                        Sink(id);
                        Sink(q);
                        Sink(ctx.TraceIdentifier);
                        Sink(client.BaseAddress);
                        Sink(service.Name);
                        Sink(header);
                        Sink(injected);
                    });
                    app.MapPost("/dto", (Dto dto, [AsParameters] Q query) => { Sink(dto.Url); Sink(query.Filter); });
                    app.MapGet("/raw", (HttpRequest request) => { Sink(request.Query["u"]); Sink(request.Headers.Host); Sink(request.Method); });
                    app.MapGet("/ctx", (HttpContext context) => Sink(context.Request.RouteValues["x"]));
                }

                public static void NotAHandler(string url) => Sink(url);
            }
            """, requestSources: true);
        Assert.Equal("route parameter 'id'", For(results, "id").Origin);
        Assert.Equal("query parameter 'q'", For(results, "q").Origin);
        Assert.Equal("clean", For(results, "ctx.TraceIdentifier").Labels);
        Assert.Equal("clean", For(results, "client.BaseAddress").Labels);
        Assert.Equal("clean", For(results, "service.Name").Labels);
        Assert.Equal("header parameter 'header'", For(results, "header").Origin);
        Assert.Equal("clean", For(results, "injected").Labels);
        Assert.Equal("request body parameter 'dto'", For(results, "dto.Url").Origin);
        Assert.Equal("query parameter 'query.Filter'", For(results, "query.Filter").Origin);
        Assert.Equal("'HttpRequest.Query'", For(results, "request.Query[\"u\"]").Origin);
        Assert.Equal("'HttpRequest.Headers'", For(results, "request.Headers.Host").Origin);
        Assert.Equal("clean", For(results, "request.Method").Labels);
        Assert.Equal("'HttpRequest.RouteValues'", For(results, "context.Request.RouteValues[\"x\"]").Origin);
        Assert.Equal("clean", For(results, "url").Labels);
    }

    [Fact]
    public async Task Controllers_ApiControllerAndModelBinding()
    {
        var results = await RunAsync("""
            using System.Threading;
            using Microsoft.AspNetCore.Http;
            using Microsoft.AspNetCore.Mvc;

            public class Order { public string Callback { get; set; } = ""; }

            [ApiController, Route("api/orders/{tenant}")]
            public class OrdersController : ControllerBase
            {
                static void Sink(object? value) { }

                [HttpPost("{id}")]
                public IActionResult Create(string tenant, string id, string filter, Order order, IFormFile file, CancellationToken token, [FromServices] Order fromServices)
                {
                    Sink(tenant); Sink(id); Sink(filter); Sink(order.Callback); Sink(file.FileName); Sink(token); Sink(fromServices.Callback);
                    Sink(Request.Form["x"]);
                    Sink(HttpContext.Request.Cookies["c"]);
                    return Ok();
                }

                [NonAction]
                public void Helper(string notBound) => Sink(notBound);
            }

            public class HomeController : Controller
            {
                static void Sink(object? value) { }
                public IActionResult Index(string returnUrl) { Sink(returnUrl); return View(); }
            }
            """, requestSources: true);
        Assert.Equal("route parameter 'tenant'", For(results, "tenant").Origin);
        Assert.Equal("route parameter 'id'", For(results, "id").Origin);
        Assert.Equal("query parameter 'filter'", For(results, "filter").Origin);
        Assert.Equal("request body parameter 'order'", For(results, "order.Callback").Origin);
        Assert.Equal("form parameter 'file'", For(results, "file.FileName").Origin);
        Assert.Equal("clean", For(results, "token").Labels);
        Assert.Equal("clean", For(results, "fromServices.Callback").Labels);
        Assert.Equal("'HttpRequest.Form'", For(results, "Request.Form[\"x\"]").Origin);
        Assert.Equal("'HttpRequest.Cookies'", For(results, "HttpContext.Request.Cookies[\"c\"]").Origin);
        Assert.Equal("clean", For(results, "notBound").Labels);
        Assert.Equal("request parameter 'returnUrl'", For(results, "returnUrl").Origin);
    }

    [Fact]
    public async Task MessageBodies_AreMessageSources()
    {
        var results = await RunAsync("""
            using System.Threading.Tasks;
            using Azure.Messaging.ServiceBus;
            using Azure.Messaging.EventHubs;
            using Azure.Storage.Queues.Models;

            public static class Handlers
            {
                static void Sink(object? value) { }

                public static Task OnMessage(ProcessMessageEventArgs args)
                {
                    Sink(args.Message.Body.ToString());
                    Sink(args.Message.MessageId);
                    return Task.CompletedTask;
                }

                public static void OnReceived(ServiceBusReceivedMessage message, EventData data, QueueMessage queued)
                {
                    Sink(message.Body.ToString());
                    Sink(message.ContentType);
                    Sink(data.EventBody.ToString());
                    Sink(queued.MessageText);
                    Sink(queued.Body.ToString());
                }
            }
            """, requestSources: true);
        Assert.Equal("'ServiceBusReceivedMessage.Body'", For(results, "args.Message.Body.ToString()").Origin);
        Assert.Equal("'ProcessMessageEventArgs.Message'", For(results, "args.Message.MessageId").Origin);
        Assert.Contains("Message", For(results, "args.Message.Body.ToString()").Labels, StringComparison.Ordinal);
        Assert.Equal("'ServiceBusReceivedMessage.Body'", For(results, "message.Body.ToString()").Origin);
        Assert.Equal("clean", For(results, "message.ContentType").Labels);
        Assert.Equal("'EventData.Body'", For(results, "data.EventBody.ToString()").Origin);
        Assert.Equal("'QueueMessage.MessageText'", For(results, "queued.MessageText").Origin);
        Assert.Equal("'QueueMessage.Body'", For(results, "queued.Body.ToString()").Origin);
    }

    [Theory]
    [InlineData("/items/{id}", "id", true)]
    [InlineData("/items/{ID:int}", "id", true)]
    [InlineData("/items/{id?}", "id", true)]
    [InlineData("/files/{**path}", "path", true)]
    [InlineData("/items/{identifier}", "id", false)]
    [InlineData("/items", "id", false)]
    public void RouteTemplates_NameParameters(string template, string name, bool expected)
        => Assert.Equal(expected, RequestSources.RouteHasParameter(template, name));
}

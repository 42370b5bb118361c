using System;
using System.Net.Http;
using Azure.Storage.Blobs;
using InsecureApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Orders API: stores order receipts in Blob Storage and asks a carrier API for shipping quotes.
// Every AzSecAnalyzers rule should fire somewhere in this app; SecureApp is the same app done right.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(_ => new BlobServiceClient(builder.Configuration.GetConnectionString("Receipts")));
builder.Services.AddSingleton<ReceiptStore>();

// The carrier's staging server has a self-signed certificate, so someone turned validation off. For every environment.
builder.Services.AddHttpClient<CarrierClient>(client => client.BaseAddress = new Uri("https://carrier.example.com/"))
    .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    });

builder.AddApiConfiguration();

var app = builder.Build();
app.UseApiConfiguration();

app.MapPost("/orders", async (Order order, ReceiptStore receipts, CarrierClient carrier) =>
{
    var quote = await carrier.QuoteAsync(order);
    await receipts.SaveAsync(order, quote);
    return Results.Created($"/orders/{order.Id}", order with { ShippingCost = quote });
});

app.MapGet("/orders/{id:guid}", async (Guid id, ReceiptStore receipts) =>
    await receipts.FindAsync(id) is { } order ? Results.Ok(order) : Results.NotFound());

app.Run();

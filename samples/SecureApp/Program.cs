using System;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SecureApp;

// Orders API, done right: Microsoft Entra ID instead of keys, and the platform's TLS validation.
var builder = WebApplication.CreateBuilder(args);

var receiptsEndpoint = new Uri(builder.Configuration["Receipts:ServiceUri"] ?? "https://receipts.blob.core.windows.net/");
builder.Services.AddSingleton(_ => new BlobServiceClient(receiptsEndpoint, new DefaultAzureCredential()));
builder.Services.AddSingleton<ReceiptStore>();

builder.Services.AddHttpClient<CarrierClient>(client => client.BaseAddress = new Uri("https://carrier.example.com/"));

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

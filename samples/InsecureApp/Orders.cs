using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Blobs;

namespace InsecureApp;

public sealed record Order(Guid Id, string Customer, decimal Amount, decimal ShippingCost = 0);

public sealed class CarrierClient(HttpClient http)
{
    public async Task<decimal> QuoteAsync(Order order)
    {
        using var response = await http.PostAsJsonAsync("quotes", new { order.Id, order.Amount });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<decimal>();
    }
}

public sealed class ReceiptStore(BlobServiceClient blobs)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient("receipts");

    public async Task SaveAsync(Order order, decimal shippingCost)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(order with { ShippingCost = shippingCost });
        await _container.UploadBlobAsync($"{order.Id}.json", new BinaryData(json));
    }

    public async Task<Order?> FindAsync(Guid id)
    {
        try
        {
            var content = await _container.GetBlobClient($"{id}.json").DownloadContentAsync();
            return content.Value.Content.ToObjectFromJson<Order>();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}

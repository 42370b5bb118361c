using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Identity.KeyBasedClientAuthenticationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Identity.KeyBasedClientAuthenticationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Identity;

/// <summary>
/// FIX-TOKEN for each remaining client family and credential type, one construction per case. The
/// fixed code must compile against the real packages (the verifier checks it).
/// </summary>
public class KeyBasedClientFamiliesCodeFixTests
{
    private const string Template = """
        using System;
        using System.ClientModel;
        using Azure;
        using Azure.AI.OpenAI;
        using Azure.Data.Tables;
        using Azure.Identity;
        using Azure.Messaging.EventGrid;
        using Azure.Messaging.EventHubs.Consumer;
        using Azure.Messaging.EventHubs.Primitives;
        using Azure.Messaging.EventHubs.Producer;
        using Azure.Messaging.ServiceBus;
        using Azure.Storage;
        using Azure.Storage.Blobs;
        using Azure.Storage.Blobs.Specialized;
        using Azure.Storage.Files.Shares;
        using Azure.Storage.Files.Shares.Models;
        using Azure.Storage.Queues;
        using Microsoft.Azure.Cosmos.Fluent;

        class C
        {
            const string Storage = "DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey=aW52ZW50ZWQtc3RvcmFnZS1rZXk=;EndpointSuffix=core.windows.net";
            const string Hub = "Endpoint=sb://contoso-hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=aW52ZW50ZWQ=;EntityPath=telemetry";
            const string Cosmos = "AccountEndpoint=https://contoso.documents.azure.com:443/;AccountKey=aW52ZW50ZWQtY29zbW9z;";

            object Create(string key, Uri endpoint) => EXPRESSION;
        }
        """;

    [Theory]
    [InlineData("new BlobClient({|#0:Storage|}, \"receipts\", \"2024/r.json\")", "new BlobClient(new Uri(\"https://contoso.blob.core.windows.net/receipts/2024/r.json\"), new DefaultAzureCredential())", "BlobClient", null)]
    [InlineData("new AppendBlobClient({|#0:Storage|}, \"logs\", \"app.log\")", "new AppendBlobClient(new Uri(\"https://contoso.blob.core.windows.net/logs/app.log\"), new DefaultAzureCredential())", "AppendBlobClient", null)]
    [InlineData("new PageBlobClient({|#0:Storage|}, \"disks\", \"os disk.vhd\")", "new PageBlobClient(new BlobUriBuilder(new Uri(\"https://contoso.blob.core.windows.net\")) { BlobContainerName = \"disks\", BlobName = \"os disk.vhd\" }.ToUri(), new DefaultAzureCredential())", "PageBlobClient", null)]
    [InlineData("new QueueClient({|#0:Storage|}, \"orders\", new QueueClientOptions())", "new QueueClient(new Uri(\"https://contoso.queue.core.windows.net/orders\"), new DefaultAzureCredential(), new QueueClientOptions())", "QueueClient", null)]
    [InlineData("new TableServiceClient({|#0:Storage|})", "new TableServiceClient(new Uri(\"https://contoso.table.core.windows.net\"), new DefaultAzureCredential())", "TableServiceClient", null)]
    [InlineData("new ShareClient({|#0:Storage|}, \"share\")", "new ShareClient(new Uri(\"https://contoso.file.core.windows.net/share\"), new DefaultAzureCredential(), new ShareClientOptions { ShareTokenIntent = ShareTokenIntent.Backup })", "ShareClient", null)]
    [InlineData("new ShareDirectoryClient({|#0:Storage|}, \"share\", \"a/b\", new ShareClientOptions())", "new ShareDirectoryClient(new Uri(\"https://contoso.file.core.windows.net/share/a/b\"), new DefaultAzureCredential(), new ShareClientOptions() { ShareTokenIntent = ShareTokenIntent.Backup })", "ShareDirectoryClient", null)]
    [InlineData("new EventHubBufferedProducerClient({|#0:Hub|})", "new EventHubBufferedProducerClient(\"contoso-hub.servicebus.windows.net\", \"telemetry\", new DefaultAzureCredential())", "EventHubBufferedProducerClient", null)]
    [InlineData("new PartitionReceiver(\"$Default\", \"0\", EventPosition.Earliest, {|#0:Hub|})", "new PartitionReceiver(\"$Default\", \"0\", EventPosition.Earliest, \"contoso-hub.servicebus.windows.net\", \"telemetry\", new DefaultAzureCredential())", "PartitionReceiver", null)]
    [InlineData("new EventHubConsumerClient(\"$Default\", {|#0:Hub|}, new EventHubConsumerClientOptions())", "new EventHubConsumerClient(\"$Default\", \"contoso-hub.servicebus.windows.net\", \"telemetry\", new DefaultAzureCredential(), new EventHubConsumerClientOptions())", "EventHubConsumerClient", null)]
    [InlineData("new CosmosClientBuilder({|#0:Cosmos|})", "new CosmosClientBuilder(\"https://contoso.documents.azure.com\", new DefaultAzureCredential())", "CosmosClientBuilder", null)]
    [InlineData("new CosmosClientBuilder(\"https://contoso.documents.azure.com:443/\", {|#0:key|})", "new CosmosClientBuilder(\"https://contoso.documents.azure.com:443/\", new DefaultAzureCredential())", "CosmosClientBuilder", "an account key")]
    [InlineData("new EventGridPublisherClient(endpoint, {|#0:new AzureKeyCredential(key)|})", "new EventGridPublisherClient(endpoint, new DefaultAzureCredential())", "EventGridPublisherClient", "a shared key ('AzureKeyCredential')")]
    [InlineData("new AzureOpenAIClient(endpoint, {|#0:new ApiKeyCredential(key)|})", "new AzureOpenAIClient(endpoint, new DefaultAzureCredential())", "AzureOpenAIClient", "a shared key ('ApiKeyCredential')")]
    [InlineData("new BlobServiceClient(endpoint, {|#0:new StorageSharedKeyCredential(\"contoso\", key)|})", "new BlobServiceClient(endpoint, new DefaultAzureCredential())", "BlobServiceClient", "a shared key ('StorageSharedKeyCredential')")]
    [InlineData("new QueueServiceClient(endpoint, {|#0:new AzureSasCredential(key)|}, new QueueClientOptions())", "new QueueServiceClient(endpoint, new DefaultAzureCredential(), new QueueClientOptions())", "QueueServiceClient", "a shared key ('AzureSasCredential')")]
    [InlineData("new ServiceBusClient(\"contoso-bus.servicebus.windows.net\", {|#0:new AzureNamedKeyCredential(\"send\", key)|})", "new ServiceBusClient(\"contoso-bus.servicebus.windows.net\", new DefaultAzureCredential())", "ServiceBusClient", "a shared key ('AzureNamedKeyCredential')")]
    [InlineData("new TableClient(endpoint, \"orders\", {|#0:new TableSharedKeyCredential(\"contoso\", key)|})", "new TableClient(endpoint, \"orders\", new DefaultAzureCredential())", "TableClient", "a shared key ('TableSharedKeyCredential')")]
    public Task Construction_IsRebuiltOnTheTokenCredentialOverload(string before, string after, string api, string? what)
        => Verify.VerifyCodeFixAsync(
            Template.Replace("EXPRESSION", before),
            Verify.Diagnostic(Descriptors.AZSEC201_KeyBasedClientAuthentication).WithLocation(0).WithArguments($"'{api}'", what ?? "a connection string"),
            Template.Replace("EXPRESSION", after));

    [Fact]
    public Task ConnectionStringFromGetConnectionStringInALambda_ReadsServiceUri_AndTheTitleSaysSo()
    {
        var test = new Verify.Test
        {
            TestCode = """
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void AddReceipts(this IServiceCollection services, IConfiguration configuration)
                => services.AddSingleton(_ => new BlobServiceClient({|#0:configuration.GetConnectionString("Receipts")|}));
        }
        """,
            FixedCode = """
        using System;
        using Azure.Identity;
        using Azure.Storage.Blobs;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;

        static class Registration
        {
            public static void AddReceipts(this IServiceCollection services, IConfiguration configuration)
                => services.AddSingleton(_ => new BlobServiceClient(new Uri(configuration["Receipts:ServiceUri"]!), new DefaultAzureCredential()));
        }
        """,
            CodeActionVerifier = (action, verifier) => verifier.Equal(
                "Authenticate with Microsoft Entra ID (DefaultAzureCredential) (endpoint from configuration key 'Receipts:ServiceUri')",
                action.Title),
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic(Descriptors.AZSEC201_KeyBasedClientAuthentication).WithLocation(0).WithArguments("'BlobServiceClient'", "a connection string"));
        return test.RunAsync(CancellationToken.None);
    }
}

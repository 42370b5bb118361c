using System.Text;

namespace AzSecAnalyzers.Benchmarks.Corpus;

/// <summary>What a template needs to render one file: its unique name parts and a seeded random source.</summary>
/// <param name="Area">The business area, e.g. "Orders".</param>
/// <param name="Index">The file's index in the corpus: makes every type name unique.</param>
/// <param name="Random">The corpus's seeded random source: same seed, same corpus.</param>
/// <param name="Triggers">Insecure members to add to the file's main class (controllers only).</param>
internal sealed record TemplateContext(string Area, int Index, Random Random, IReadOnlyList<SecurityTrigger> Triggers)
{
    public string Entity => Area.TrimEnd('s') + Index;

    public string Namespace => $"Contoso.Commerce.{Area}";

    /// <summary>A number of repeated members, so files are not all the same length.</summary>
    public int Count(int min, int max) => Random.Next(min, max + 1);
}

/// <summary>
/// One kind of application file. A template renders a complete, self-contained file (its own entity,
/// interface and implementation) so the corpus compiles whatever mix of files the seed picks.
/// </summary>
/// <param name="Name">Folder name in the corpus, e.g. "Controllers".</param>
/// <param name="Weight">How many files of this kind per cycle of the kind sequence.</param>
/// <param name="Render">Renders the file.</param>
internal sealed record FileTemplate(string Name, int Weight, Func<TemplateContext, string> Render);

/// <summary>
/// The realistic application code the corpus is made of: ASP.NET Core controllers, services over Azure
/// SDK clients (Blob, Queue, Service Bus, Cosmos DB, Key Vault), EF Core contexts and repositories,
/// SqlClient data access, typed HTTP clients and options bound from configuration. To add a category,
/// add a template here and list it in <see cref="All"/>.
/// </summary>
internal static class FileTemplates
{
    public const string ControllerUsings = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Diagnostics;
        using System.Globalization;
        using System.IO;
        using System.Linq;
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using System.Xml;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Data.SqlClient;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        """;

    public static IReadOnlyList<FileTemplate> All { get; } =
    [
        new("Controllers", 3, Controller),
        new("Models", 1, Models),
        new("Storage", 1, BlobStore),
        new("Messaging", 1, Messaging),
        new("Cosmos", 1, CosmosRepository),
        new("Data", 1, EfCoreRepository),
        new("Reports", 1, SqlReports),
        new("Clients", 1, TypedHttpClient),
        new("Configuration", 1, OptionsAndSecrets),
    ];

    private static string Controller(TemplateContext c)
    {
        var members = new StringBuilder();
        var actions = c.Count(3, 5);
        for (var i = 0; i < actions; i++)
        {
            members.AppendLine(Indent(ControllerAction(c, i), 1));
            members.AppendLine();
        }

        foreach (var trigger in c.Triggers)
        {
            members.AppendLine(Indent(trigger.Member(c.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)), 1));
            members.AppendLine();
        }

        return $$"""
            {{ControllerUsings}}

            namespace {{c.Namespace}}.Controllers;

            public sealed record {{c.Entity}}Dto(Guid Id, [property: Required, StringLength(200)] string Name, decimal Amount, DateTimeOffset CreatedOn);

            public sealed record Create{{c.Entity}}Request([Required, StringLength(200)] string Name, [Range(0, 1_000_000)] decimal Amount);

            public interface I{{c.Entity}}Service
            {
                Task<{{c.Entity}}Dto?> FindAsync(Guid id, CancellationToken cancellationToken);

                Task<IReadOnlyList<{{c.Entity}}Dto>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);

                Task<{{c.Entity}}Dto> CreateAsync(Create{{c.Entity}}Request request, CancellationToken cancellationToken);

                Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken);
            }

            [ApiController]
            [Authorize]
            [Route("api/{{c.Area.ToLowerInvariant()}}/{{c.Index}}")]
            public sealed class {{c.Entity}}Controller : ControllerBase
            {
                private readonly I{{c.Entity}}Service _service;
                private readonly IConfiguration _configuration;
                private readonly ILogger<{{c.Entity}}Controller> _logger;

                public {{c.Entity}}Controller(I{{c.Entity}}Service service, IConfiguration configuration, ILogger<{{c.Entity}}Controller> logger)
                {
                    _service = service;
                    _configuration = configuration;
                    _logger = logger;
                }

                public string Region => _configuration["Region"] ?? "westeurope";

            {{members.ToString().TrimEnd()}}
            }
            """;
    }

    private static string ControllerAction(TemplateContext c, int i) => (i % 5) switch
    {
        0 => $$"""
            [HttpGet("{id:guid}")]
            public async Task<ActionResult<{{c.Entity}}Dto>> Get{{i}}(Guid id, CancellationToken cancellationToken)
            {
                var item = await _service.FindAsync(id, cancellationToken);
                if (item is null)
                {
                    _logger.LogInformation("{Entity} {Id} not found", "{{c.Entity}}", id);
                    return NotFound();
                }

                return Ok(item);
            }
            """,
        1 => $$"""
            [HttpGet]
            public async Task<ActionResult<IReadOnlyList<{{c.Entity}}Dto>>> List{{i}}([FromQuery] int page = 1, [FromQuery] int pageSize = {{c.Count(10, 50)}}, CancellationToken cancellationToken = default)
            {
                if (page < 1 || pageSize is < 1 or > 200)
                {
                    return BadRequest("page must be positive and pageSize between 1 and 200");
                }

                var items = await _service.ListAsync(page, pageSize, cancellationToken);
                Response.Headers["X-Total-Count"] = items.Count.ToString(CultureInfo.InvariantCulture);
                return Ok(items);
            }
            """,
        2 => $$"""
            [HttpPost]
            public async Task<ActionResult<{{c.Entity}}Dto>> Create{{i}}([FromBody] Create{{c.Entity}}Request request, CancellationToken cancellationToken)
            {
                if (!ModelState.IsValid)
                {
                    return ValidationProblem(ModelState);
                }

                var created = await _service.CreateAsync(request, cancellationToken);
                _logger.LogInformation("Created {Entity} {Id} in {Region}", "{{c.Entity}}", created.Id, Region);
                return CreatedAtAction(nameof(Get0), new { id = created.Id }, created);
            }
            """,
        3 => $$"""
            [HttpDelete("{id:guid}")]
            [Authorize(Roles = "Admin")]
            public async Task<IActionResult> Delete{{i}}(Guid id, CancellationToken cancellationToken)
            {
                var deleted = await _service.DeleteAsync(id, cancellationToken);
                return deleted ? NoContent() : NotFound();
            }
            """,
        _ => $$"""
            [HttpGet("summary")]
            public async Task<IActionResult> Summary{{i}}(CancellationToken cancellationToken)
            {
                var items = await _service.ListAsync(1, {{c.Count(20, 100)}}, cancellationToken);
                var total = items.Sum(item => item.Amount);
                var newest = items.OrderByDescending(item => item.CreatedOn).Select(item => item.Name).FirstOrDefault();
                return Ok(new { count = items.Count, total, newest, region = Region });
            }
            """,
    };

    private static string Models(TemplateContext c)
    {
        var properties = new StringBuilder();
        var count = c.Count(6, 12);
        for (var i = 0; i < count; i++)
        {
            properties.AppendLine(Indent((i % 3) switch
            {
                0 => $"[Required, StringLength({c.Count(20, 400)})]\npublic string Field{i} {{ get; set; }} = string.Empty;",
                1 => $"[Range(0, {c.Count(10, 10_000)})]\npublic int Quantity{i} {{ get; set; }}",
                _ => $"public DateTimeOffset? Changed{i} {{ get; set; }}",
            }, 1));
            properties.AppendLine();
        }

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.ComponentModel.DataAnnotations;
            using System.Linq;

            namespace {{c.Namespace}}.Models;

            public enum {{c.Entity}}Status
            {
                Draft,
                Submitted,
                Approved,
                Rejected,
            }

            public sealed class {{c.Entity}}Model
            {
                public Guid Id { get; set; } = Guid.NewGuid();

                public {{c.Entity}}Status Status { get; set; }

            {{properties.ToString().TrimEnd()}}

                public List<{{c.Entity}}Line> Lines { get; } = new();

                public decimal Total => Lines.Sum(line => line.UnitPrice * line.Quantity);

                public bool CanTransitionTo({{c.Entity}}Status next) => (Status, next) switch
                {
                    ({{c.Entity}}Status.Draft, {{c.Entity}}Status.Submitted) => true,
                    ({{c.Entity}}Status.Submitted, {{c.Entity}}Status.Approved) => true,
                    ({{c.Entity}}Status.Submitted, {{c.Entity}}Status.Rejected) => true,
                    _ => false,
                };
            }

            public sealed record {{c.Entity}}Line(string Sku, int Quantity, decimal UnitPrice)
            {
                public decimal Subtotal => Quantity * UnitPrice;
            }
            """;
    }

    private static string BlobStore(TemplateContext c)
    {
        var methods = new StringBuilder();
        var count = c.Count(2, 4);
        for (var i = 0; i < count; i++)
        {
            methods.AppendLine(Indent($$"""
                public async Task<IReadOnlyList<string>> ListByPrefix{{i}}Async(string prefix, CancellationToken cancellationToken)
                {
                    var names = new List<string>();
                    await foreach (var blob in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix + "/{{i}}", cancellationToken))
                    {
                        if (blob.Properties.ContentLength is > 0)
                        {
                            names.Add(blob.Name);
                        }
                    }

                    return names;
                }
                """, 1));
            methods.AppendLine();
        }

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Text.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure;
            using Azure.Identity;
            using Azure.Storage.Blobs;
            using Azure.Storage.Blobs.Models;
            using Azure.Storage.Queues;
            using Microsoft.Extensions.Logging;

            namespace {{c.Namespace}}.Storage;

            public sealed record {{c.Entity}}Document(Guid Id, string Customer, decimal Amount, DateTimeOffset IssuedOn);

            public sealed class {{c.Entity}}DocumentStore
            {
                private readonly BlobContainerClient _container;
                private readonly QueueClient _notifications;
                private readonly ILogger<{{c.Entity}}DocumentStore> _logger;

                public {{c.Entity}}DocumentStore(Uri accountUri, Uri queueUri, ILogger<{{c.Entity}}DocumentStore> logger)
                {
                    var credential = new DefaultAzureCredential();
                    _container = new BlobServiceClient(accountUri, credential).GetBlobContainerClient("{{c.Area.ToLowerInvariant()}}-{{c.Index}}");
                    _notifications = new QueueClient(queueUri, credential);
                    _logger = logger;
                }

                public async Task SaveAsync({{c.Entity}}Document document, CancellationToken cancellationToken)
                {
                    var blob = _container.GetBlobClient($"{document.IssuedOn:yyyy/MM}/{document.Id}.json");
                    var content = BinaryData.FromObjectAsJson(document);
                    await blob.UploadAsync(content, overwrite: true, cancellationToken);
                    await _notifications.SendMessageAsync(document.Id.ToString(), cancellationToken);
                    _logger.LogInformation("Stored document {Id}", document.Id);
                }

                public async Task<{{c.Entity}}Document?> FindAsync(Guid id, DateTimeOffset issuedOn, CancellationToken cancellationToken)
                {
                    var blob = _container.GetBlobClient($"{issuedOn:yyyy/MM}/{id}.json");
                    try
                    {
                        var result = await blob.DownloadContentAsync(cancellationToken);
                        return result.Value.Content.ToObjectFromJson<{{c.Entity}}Document>();
                    }
                    catch (RequestFailedException ex) when (ex.Status == 404)
                    {
                        return null;
                    }
                    catch (JsonException ex)
                    {
                        _logger.LogWarning(ex, "Document {Id} is not valid JSON", id);
                        return null;
                    }
                }

            {{methods.ToString().TrimEnd()}}
            }
            """;
    }

    private static string Messaging(TemplateContext c)
    {
        var handlers = new StringBuilder();
        var count = c.Count(2, 4);
        for (var i = 0; i < count; i++)
        {
            handlers.AppendLine(Indent($$"""
                public Task Publish{{i}}Async({{c.Entity}}Event message, CancellationToken cancellationToken)
                {
                    var body = new ServiceBusMessage(BinaryData.FromObjectAsJson(message))
                    {
                        Subject = "{{c.Entity}}.{{i}}",
                        CorrelationId = message.CorrelationId,
                        ContentType = "application/json",
                    };
                    body.ApplicationProperties["version"] = {{i + 1}};
                    return _sender.SendMessageAsync(body, cancellationToken);
                }
                """, 1));
            handlers.AppendLine();
        }

        return $$"""
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.Identity;
            using Azure.Messaging.ServiceBus;
            using Microsoft.Extensions.Logging;

            namespace {{c.Namespace}}.Messaging;

            public sealed record {{c.Entity}}Event(Guid Id, string CorrelationId, string Kind, DateTimeOffset OccurredOn);

            public sealed class {{c.Entity}}Publisher : IAsyncDisposable
            {
                private readonly ServiceBusClient _client;
                private readonly ServiceBusSender _sender;
                private readonly ILogger<{{c.Entity}}Publisher> _logger;

                public {{c.Entity}}Publisher(string fullyQualifiedNamespace, ILogger<{{c.Entity}}Publisher> logger)
                {
                    _client = new ServiceBusClient(fullyQualifiedNamespace, new DefaultAzureCredential());
                    _sender = _client.CreateSender("{{c.Area.ToLowerInvariant()}}-{{c.Index}}");
                    _logger = logger;
                }

            {{handlers.ToString().TrimEnd()}}

                public async Task<int> DrainAsync(int maxMessages, CancellationToken cancellationToken)
                {
                    await using var receiver = _client.CreateReceiver("{{c.Area.ToLowerInvariant()}}-{{c.Index}}-dead");
                    var handled = 0;
                    foreach (var message in await receiver.ReceiveMessagesAsync(maxMessages, TimeSpan.FromSeconds(5), cancellationToken))
                    {
                        _logger.LogWarning("Dead-lettered {MessageId}: {Reason}", message.MessageId, message.DeadLetterReason);
                        await receiver.CompleteMessageAsync(message, cancellationToken);
                        handled++;
                    }

                    return handled;
                }

                public async ValueTask DisposeAsync()
                {
                    await _sender.DisposeAsync();
                    await _client.DisposeAsync();
                }
            }
            """;
    }

    private static string CosmosRepository(TemplateContext c)
    {
        var queries = new StringBuilder();
        var count = c.Count(2, 4);
        for (var i = 0; i < count; i++)
        {
            queries.AppendLine(Indent($$"""
                public async Task<IReadOnlyList<{{c.Entity}}Item>> QueryByStatus{{i}}Async(string status, CancellationToken cancellationToken)
                {
                    var query = new QueryDefinition("SELECT * FROM c WHERE c.status = @status AND c.rank >= @rank")
                        .WithParameter("@status", status)
                        .WithParameter("@rank", {{i}});
                    var results = new List<{{c.Entity}}Item>();
                    using var iterator = _container.GetItemQueryIterator<{{c.Entity}}Item>(query);
                    while (iterator.HasMoreResults)
                    {
                        var page = await iterator.ReadNextAsync(cancellationToken);
                        results.AddRange(page);
                    }

                    return results;
                }
                """, 1));
            queries.AppendLine();
        }

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Net;
            using System.Threading;
            using System.Threading.Tasks;
            using Azure.Identity;
            using Microsoft.Azure.Cosmos;

            namespace {{c.Namespace}}.Cosmos;

            public sealed record {{c.Entity}}Item(string id, string tenant, string status, int rank, decimal amount);

            public sealed class {{c.Entity}}Repository
            {
                private readonly Container _container;

                public {{c.Entity}}Repository(string accountEndpoint)
                {
                    var client = new CosmosClient(accountEndpoint, new DefaultAzureCredential(), new CosmosClientOptions { ApplicationName = "{{c.Area}}{{c.Index}}" });
                    _container = client.GetContainer("commerce", "{{c.Area.ToLowerInvariant()}}");
                }

                public async Task<{{c.Entity}}Item?> FindAsync(string id, string tenant, CancellationToken cancellationToken)
                {
                    try
                    {
                        var response = await _container.ReadItemAsync<{{c.Entity}}Item>(id, new PartitionKey(tenant), cancellationToken: cancellationToken);
                        return response.Resource;
                    }
                    catch (CosmosException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
                    {
                        return null;
                    }
                }

                public Task UpsertAsync({{c.Entity}}Item item, CancellationToken cancellationToken)
                    => _container.UpsertItemAsync(item, new PartitionKey(item.tenant), cancellationToken: cancellationToken);

            {{queries.ToString().TrimEnd()}}
            }
            """;
    }

    private static string EfCoreRepository(TemplateContext c)
    {
        var queries = new StringBuilder();
        var count = c.Count(2, 4);
        for (var i = 0; i < count; i++)
        {
            queries.AppendLine(Indent($$"""
                public Task<List<{{c.Entity}}Row>> Recent{{i}}Async(string customer, int take, CancellationToken cancellationToken)
                    => _db.Rows
                        .AsNoTracking()
                        .Where(row => row.Customer == customer && row.Amount > {{i * 10}})
                        .OrderByDescending(row => row.CreatedOn)
                        .Take(Math.Clamp(take, 1, 100))
                        .ToListAsync(cancellationToken);
                """, 1));
            queries.AppendLine();
        }

        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.EntityFrameworkCore;

            namespace {{c.Namespace}}.Data;

            public sealed class {{c.Entity}}Row
            {
                public int Id { get; set; }

                public string Customer { get; set; } = string.Empty;

                public decimal Amount { get; set; }

                public DateTimeOffset CreatedOn { get; set; }

                public bool Archived { get; set; }
            }

            public sealed class {{c.Entity}}DbContext : DbContext
            {
                public {{c.Entity}}DbContext(DbContextOptions<{{c.Entity}}DbContext> options)
                    : base(options)
                {
                }

                public DbSet<{{c.Entity}}Row> Rows => Set<{{c.Entity}}Row>();

                protected override void OnModelCreating(ModelBuilder modelBuilder)
                {
                    modelBuilder.Entity<{{c.Entity}}Row>(entity =>
                    {
                        entity.ToTable("{{c.Area}}{{c.Index}}");
                        entity.HasKey(row => row.Id);
                        entity.Property(row => row.Customer).HasMaxLength(200).IsRequired();
                        entity.Property(row => row.Amount).HasPrecision(18, 2);
                        entity.HasIndex(row => new { row.Customer, row.CreatedOn });
                        entity.HasQueryFilter(row => !row.Archived);
                    });
                }
            }

            public sealed class {{c.Entity}}RowRepository
            {
                private readonly {{c.Entity}}DbContext _db;

                public {{c.Entity}}RowRepository({{c.Entity}}DbContext db) => _db = db;

                public async Task<int> ArchiveOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
                {
                    var rows = await _db.Rows.Where(row => row.CreatedOn < cutoff).ToListAsync(cancellationToken);
                    foreach (var row in rows)
                    {
                        row.Archived = true;
                    }

                    return await _db.SaveChangesAsync(cancellationToken);
                }

            {{queries.ToString().TrimEnd()}}
            }
            """;
    }

    private static string SqlReports(TemplateContext c)
    {
        var reports = new StringBuilder();
        var count = c.Count(2, 3);
        for (var i = 0; i < count; i++)
        {
            reports.AppendLine(Indent($$"""
                public async Task<decimal> TotalFor{{i}}Async(string customer, DateTime from, CancellationToken cancellationToken)
                {
                    await using var connection = new SqlConnection(_connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var command = new SqlCommand("SELECT SUM(Amount) FROM {{c.Area}} WHERE Customer = @customer AND CreatedOn >= @from", connection);
                    command.Parameters.Add(new SqlParameter("@customer", SqlDbType.NVarChar, 200) { Value = customer });
                    command.Parameters.Add(new SqlParameter("@from", SqlDbType.DateTime2) { Value = from });
                    var result = await command.ExecuteScalarAsync(cancellationToken);
                    return result is DBNull or null ? 0m : Convert.ToDecimal(result, CultureInfo.InvariantCulture);
                }
                """, 1));
            reports.AppendLine();
        }

        return $$"""
            using System;
            using System.Data;
            using System.Globalization;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Data.SqlClient;
            using Microsoft.Extensions.Configuration;

            namespace {{c.Namespace}}.Reports;

            public sealed class {{c.Entity}}Report
            {
                private readonly string _connectionString;

                public {{c.Entity}}Report(IConfiguration configuration)
                {
                    _connectionString = configuration.GetConnectionString("Reports")
                        ?? throw new InvalidOperationException("ConnectionStrings:Reports is not configured.");
                }

            {{reports.ToString().TrimEnd()}}

                public async Task<int> CountAsync(string status, CancellationToken cancellationToken)
                {
                    await using var connection = new SqlConnection(_connectionString);
                    await connection.OpenAsync(cancellationToken);
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM {{c.Area}} WHERE Status = @status";
                    command.Parameters.AddWithValue("@status", status);
                    return (int)(await command.ExecuteScalarAsync(cancellationToken) ?? 0);
                }
            }
            """;
    }

    private static string TypedHttpClient(TemplateContext c)
    {
        var calls = new StringBuilder();
        var count = c.Count(2, 4);
        for (var i = 0; i < count; i++)
        {
            calls.AppendLine(Indent($$"""
                public async Task<{{c.Entity}}Quote?> Quote{{i}}Async(string sku, int quantity, CancellationToken cancellationToken)
                {
                    using var response = await _http.GetAsync($"quotes/{{i}}/{Uri.EscapeDataString(sku)}?quantity={quantity}", cancellationToken);
                    if (response.StatusCode == HttpStatusCode.NotFound)
                    {
                        return null;
                    }

                    response.EnsureSuccessStatusCode();
                    return await response.Content.ReadFromJsonAsync<{{c.Entity}}Quote>(cancellationToken);
                }
                """, 1));
            calls.AppendLine();
        }

        return $$"""
            using System;
            using System.Net;
            using System.Net.Http;
            using System.Net.Http.Json;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.DependencyInjection;

            namespace {{c.Namespace}}.Clients;

            public sealed record {{c.Entity}}Quote(string Sku, decimal Price, string Currency);

            public sealed class {{c.Entity}}Client
            {
                private readonly HttpClient _http;

                public {{c.Entity}}Client(HttpClient http) => _http = http;

            {{calls.ToString().TrimEnd()}}
            }

            public static class {{c.Entity}}ClientRegistration
            {
                public static IServiceCollection Add{{c.Entity}}Client(this IServiceCollection services, Uri baseAddress)
                {
                    services.AddHttpClient<{{c.Entity}}Client>(client =>
                    {
                        client.BaseAddress = baseAddress;
                        client.Timeout = TimeSpan.FromSeconds({{c.Count(5, 60)}});
                        client.DefaultRequestHeaders.UserAgent.ParseAdd("contoso-{{c.Area.ToLowerInvariant()}}/1.0");
                    });
                    return services;
                }
            }
            """;
    }

    private static string OptionsAndSecrets(TemplateContext c) => $$"""
        using System;
        using System.ComponentModel.DataAnnotations;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.Identity;
        using Azure.Security.KeyVault.Secrets;
        using Microsoft.Extensions.Azure;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Options;

        namespace {{c.Namespace}}.Configuration;

        public sealed class {{c.Entity}}Options
        {
            public const string Section = "{{c.Area}}:{{c.Index}}";

            [Required, Url]
            public string StorageEndpoint { get; set; } = string.Empty;

            [Required]
            public string ServiceBusNamespace { get; set; } = string.Empty;

            [Range(1, {{c.Count(10, 500)}})]
            public int BatchSize { get; set; } = {{c.Count(1, 10)}};

            public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds({{c.Count(5, 120)}});
        }

        public sealed class {{c.Entity}}SecretProvider
        {
            private readonly SecretClient _secrets;

            public {{c.Entity}}SecretProvider(IOptions<{{c.Entity}}Options> options, Uri vaultUri)
            {
                _secrets = new SecretClient(vaultUri, new DefaultAzureCredential());
                BatchSize = options.Value.BatchSize;
            }

            public int BatchSize { get; }

            public async Task<string> GetAsync(string name, CancellationToken cancellationToken)
            {
                KeyVaultSecret secret = await _secrets.GetSecretAsync(name, cancellationToken: cancellationToken);
                return secret.Value;
            }
        }

        public static class {{c.Entity}}Registration
        {
            public static IServiceCollection Add{{c.Entity}}(this IServiceCollection services, IConfiguration configuration)
            {
                services.AddOptions<{{c.Entity}}Options>()
                    .Bind(configuration.GetSection({{c.Entity}}Options.Section))
                    .ValidateDataAnnotations()
                    .ValidateOnStart();

                var endpoint = configuration[$"{{{c.Entity}}Options.Section}:StorageEndpoint"];
                if (!string.IsNullOrEmpty(endpoint))
                {
                    services.AddAzureClients(clients =>
                    {
                        clients.AddBlobServiceClient(new Uri(endpoint));
                        clients.UseCredential(new DefaultAzureCredential());
                    });
                }

                services.AddSingleton<{{c.Entity}}SecretProvider>(provider => new {{c.Entity}}SecretProvider(
                    provider.GetRequiredService<IOptions<{{c.Entity}}Options>>(),
                    new Uri(configuration["KeyVault:Uri"] ?? "https://contoso-{{c.Index}}.vault.azure.net/")));
                return services;
            }
        }
        """;

    private static string Indent(string text, int levels)
    {
        var prefix = new string(' ', 4 * levels);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        return string.Join("\n", lines.Select(line => line.Length == 0 ? line : prefix + line));
    }
}

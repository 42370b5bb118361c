using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.SecretLeakAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

/// <summary>Secrets a constructor stores in a field or property (dependency injection), leaked from another member.</summary>
public partial class SecretLeakAnalyzerTests
{
    private const string StoredUsings = """
        using System;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        using Microsoft.Extensions.Options;

        """;

    [Fact]
    public Task ConnectionStringStoredInTheConstructor_LoggedInAnotherMethod_Triggers() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class OrderRepository
        {
            private readonly ILogger<OrderRepository> _logger;
            private readonly string _connectionString;

            public OrderRepository(ILogger<OrderRepository> logger, IConfiguration configuration)
            {
                _logger = logger;
                _connectionString = configuration.GetConnectionString("Orders") ?? throw new InvalidOperationException("missing");
            }

            public void Open()
            {
                _logger.LogInformation({|#0:$"Opening {{|#1:_connectionString|}}"|});
            }
        }
        """, Expected(0, 1, "The connection string read from configuration ('ConnectionStrings:Orders'), stored in '_connectionString'", Log, "'LogInformation'"));

    /// <summary>The response to a token request that carried the stored secret is the server's answer, not the secret.</summary>
    [Fact]
    public Task StoredSecretSentInARequest_ResponseLogged_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class TokenService
        {
            private readonly ILogger _logger;
            private readonly HttpClient _http;
            private readonly string _clientSecret;

            public TokenService(ILogger<TokenService> logger, HttpClient http, string clientSecret)
            {
                _logger = logger;
                _http = http;
                _clientSecret = clientSecret;
            }

            public async Task<bool> RefreshAsync()
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
                {
                    Content = new FormUrlEncodedContent(new Dictionary<string, string> { { "client_secret", _clientSecret } }),
                };
                var response = await _http.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    _logger.LogError("Token request failed: {Code} {Reason}", response.StatusCode, response.ReasonPhrase);
                    _logger.LogDebug("Body: {Body}", await response.Content.ReadAsStringAsync());
                }

                return response.IsSuccessStatusCode;
            }
        }
        """);

    [Fact]
    public Task SecretSettingStoredInAProperty_AsATemplateArgument_Triggers() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class PartnerOptions { public string ApiKey { get; set; } = ""; public string BaseUrl { get; set; } = ""; }

        public class PartnerClient
        {
            private readonly ILogger _logger;

            public PartnerClient(ILogger<PartnerClient> logger, IOptions<PartnerOptions> options)
            {
                _logger = logger;
                ApiKey = options.Value.ApiKey;
                BaseUrl = options.Value.BaseUrl;
            }

            private string ApiKey { get; }

            private string BaseUrl { get; }

            public void Call() => _logger.LogDebug("Calling {Url} with {Key}", BaseUrl, {|#0:ApiKey|});
        }
        """, ExpectedAtSink(0, "The setting 'PartnerOptions.ApiKey', stored in 'ApiKey'", Log, "'LogDebug'"));

    [Fact]
    public Task SecretParameterStoredInAField_PutInAnExceptionMessage_Triggers() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class StorageGateway
        {
            private readonly string _storageKey;

            public StorageGateway(string storageAccountKey) => _storageKey = storageAccountKey;

            public void Fail(string container)
            {
                var key = {|#1:_storageKey|};
                throw new InvalidOperationException({|#0:"Cannot open " + container + " with " + key|});
            }
        }
        """, Expected(0, 1, "The constructor parameter 'storageAccountKey', stored in '_storageKey'", "into an exception message", "'new InvalidOperationException'"));

    [Fact]
    public Task ConfigurationSecretStoredInAField_WrittenToTheConsole_Triggers() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class Mailer
        {
            private readonly string _password;

            public Mailer(IConfiguration configuration) { _password = configuration["Smtp:Password"]!; }

            public void Dump() => Console.WriteLine({|#0:this._password|});
        }
        """, ExpectedAtSink(0, "The configuration value 'Smtp:Password', stored in '_password'", "to the console", "'Console.WriteLine'"));

    [Fact]
    public Task StoredNonSecret_LengthOfASecret_OrSecretStoredOutsideTheConstructor_DoNotTrigger() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class Worker
        {
            private readonly ILogger<Worker> _logger;
            private readonly string _queueName;
            private readonly string _connectionString;
            private string _token = "";

            public Worker(ILogger<Worker> logger, IConfiguration configuration, string queueName)
            {
                _logger = logger;
                _queueName = configuration["Orders:QueueName"] ?? queueName;
                _connectionString = configuration.GetConnectionString("Orders")!;
            }

            public void Refresh(string token) => _token = token;

            public void Run()
            {
                _logger.LogInformation("Listening on {Queue}", _queueName);
                _logger.LogInformation("Connection string of {Length} characters", _connectionString.Length);
                _logger.LogInformation("Configured: {Configured}", !string.IsNullOrEmpty(_connectionString));
                _logger.LogInformation("Token {Token}", _token);
            }
        }
        """);

    [Fact]
    public Task SameNamedFieldOfAnotherInstance_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(StoredUsings + """
        public class Settings
        {
            public readonly string _connectionString;

            public Settings(IConfiguration configuration) => _connectionString = configuration.GetConnectionString("Orders")!;
        }

        public class Reporter
        {
            private readonly string _connectionString = "orders";

            public void Print(Settings other) => Console.WriteLine(_connectionString);
        }
        """);
}

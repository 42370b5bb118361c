using AzSecAnalyzers.Tests.Infrastructure;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Secrets.SecretLeakAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Secrets;

public partial class SecretLeakAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading;
        using System.Threading.Tasks;
        using Azure.Core;
        using Azure.Identity;
        using Azure.Security.KeyVault.Secrets;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;

        """;

    private const string KeyVault = "The secret read from Key Vault ('GetSecretAsync')";
    private const string KeyVaultValue = "The secret read from Key Vault ('KeyVaultSecret.Value')";
    private const string Log = "to the log";

    /// <summary>A class with a logger, a secret client, a credential and configuration; <paramref name="members"/> go inside.</summary>
    private static string Service(string members) => Usings + $$"""
        public class Service
        {
            private readonly ILogger<Service> _logger;
            private readonly SecretClient _secrets;
            private readonly TokenCredential _credential;
            private readonly IConfiguration _configuration;

            public Service(ILogger<Service> logger, SecretClient secrets, TokenCredential credential, IConfiguration configuration)
            {
                _logger = logger;
                _secrets = secrets;
                _credential = credential;
                _configuration = configuration;
            }

        {{members}}
        }
        """;

    private static DiagnosticResult Expected(int sink, int source, string origin, string destination, string api)
        => Verify.Diagnostic(Descriptors.AZSEC105_SecretLeak).WithLocation(sink).WithLocation(source).WithArguments(origin, destination, api);

    private static DiagnosticResult ExpectedAtSink(int sink, string origin, string destination, string api)
        => Verify.Diagnostic(Descriptors.AZSEC105_SecretLeak).WithLocation(sink).WithArguments(origin, destination, api);

    // ---- Key Vault secrets -------------------------------------------------------------------

    [Fact]
    public Task KeyVaultSecret_AwaitedInline_LoggedAsTemplateArgument_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public async Task RunAsync()
            {
                var password = {|#1:(await _secrets.GetSecretAsync("db-password")).Value.Value|};
                _logger.LogInformation("Connecting with {Password}", {|#0:password|});
            }
        """), Expected(0, 1, KeyVault, Log, "'LogInformation'"));

    [Fact]
    public Task KeyVaultSecret_ThroughResponseLocal_Interpolated_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                Azure.Response<KeyVaultSecret> response = _secrets.GetSecret("db-password");
                KeyVaultSecret secret = response.Value;
                _logger.LogDebug({|#0:$"Secret is {{|#1:secret.Value|}}"|});
            }
        """), Expected(0, 1, KeyVaultValue, Log, "'LogDebug'"));

    [Fact]
    public Task KeyVaultSecret_ImplicitResponseConversion_ToConsole_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                KeyVaultSecret secret = _secrets.GetSecret("api-key");
                var value = {|#1:secret.Value|};
                Console.WriteLine({|#0:value|});
            }
        """), Expected(0, 1, KeyVaultValue, "to the console", "'Console.WriteLine'"));

    [Fact]
    public Task KeyVaultSecret_ThroughFieldAndHelper_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            private string _cached = "";

            public async Task LoadAsync()
            {
                KeyVaultSecret secret = await _secrets.GetSecretAsync("api-key");
                _cached = {|#1:secret.Value|};
                _logger.LogWarning("Loaded {Value}", {|#0:Describe(_cached)|});
            }

            private static string Describe(string value) => "value=" + value;
        """), Expected(0, 1, KeyVaultValue, Log, "'LogWarning'"));

    [Fact]
    public Task KeyVaultSecret_ThroughStringBuilder_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var builder = new StringBuilder("Settings: ");
                builder.Append({|#1:_secrets.GetSecret("api-key").Value.Value|});
                Trace.TraceInformation({|#0:builder.ToString()|});
            }
        """), Expected(0, 1, "The secret read from Key Vault ('GetSecret')", "to the trace output", "'Trace.TraceInformation'"));

    [Fact]
    public Task KeyVaultSecret_InExceptionMessage_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_secrets.GetSecret("api-key").Value.Value|};
                if (secret.Length < 10)
                {
                    throw new InvalidOperationException({|#0:"Secret too short: " + secret|});
                }
            }
        """), Expected(0, 1, "The secret read from Key Vault ('GetSecret')", "into an exception message", "'new InvalidOperationException'"));

    [Fact]
    public Task KeyVaultSecret_DebugWriteLine_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                Debug.WriteLine({|#0:_secrets.GetSecret("api-key").Value.Value|}, "secrets");
            }
        """), ExpectedAtSink(0, "The secret read from Key Vault ('GetSecret')", "to the debug output", "'Debug.WriteLine'"));

    [Fact]
    public Task KeyVaultSecret_BeginScope_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_secrets.GetSecret("api-key").Value.Value|};
                using (_logger.BeginScope("Key {Key}", {|#0:secret|}))
                {
                }
            }
        """), Expected(0, 1, "The secret read from Key Vault ('GetSecret')", Log, "'BeginScope'"));

    [Fact]
    public Task KeyVaultSecret_LogWithLevelAndException_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run(Exception error)
            {
                var secret = {|#1:_secrets.GetSecret("api-key").Value.Value|};
                _logger.Log(LogLevel.Error, error, "Failed with {Key} after {Count}", {|#0:secret|}, 3);
            }
        """), Expected(0, 1, "The secret read from Key Vault ('GetSecret')", Log, "'Log'"));

    // ---- Access tokens -----------------------------------------------------------------------

    [Fact]
    public Task AccessToken_FromTokenCredential_Logged_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public async Task RunAsync(CancellationToken cancellationToken)
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext(new[] { "https://vault.azure.net/.default" }), cancellationToken);
                _logger.LogInformation("Token {Token} expires {ExpiresOn}", {|#0:token.Token|}, token.ExpiresOn);
            }
        """), ExpectedAtSink(0, "The access token ('AccessToken.Token')", Log, "'LogInformation'"));

    [Fact]
    public Task AccessToken_FromDefaultAzureCredentialInline_ToConsole_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Program
        {
            public static void Main()
            {
                var credential = new DefaultAzureCredential();
                var bearer = "Bearer " + {|#1:credential.GetToken(new TokenRequestContext(new[] { "https://graph.microsoft.com/.default" })).Token|};
                Console.WriteLine({|#0:bearer|});
            }
        }
        """, Expected(0, 1, "The access token ('GetToken')", "to the console", "'Console.WriteLine'"));

    [Fact]
    public Task AccessToken_ExpiresOnOnly_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public async Task RunAsync()
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext(new[] { "https://vault.azure.net/.default" }), default);
                _logger.LogInformation("Token expires {ExpiresOn}, refresh {RefreshOn}", token.ExpiresOn, token.RefreshOn);
                Console.WriteLine($"Got a token of {token.Token.Length} characters");
            }
        """));

    [Fact]
    public Task MsalAccessToken_Logged_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        using Microsoft.Identity.Client;

        public class Auth
        {
            public void Log(ILogger logger, AuthenticationResult result)
            {
                logger.LogError("Token {T}", {|#0:result.AccessToken|});
                logger.LogError("Expires {E} for {A}", result.ExpiresOn, result.Account);
            }
        }
        """, ExpectedAtSink(0, "The token from MSAL ('AuthenticationResult.AccessToken')", Log, "'LogError'"));

    // ---- Configuration -----------------------------------------------------------------------

    [Fact]
    public Task ConfigurationIndexer_SecretKey_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var password = {|#1:_configuration["Db:Password"]|};
                _logger.LogInformation("Db password is {Password}", {|#0:password|});
            }
        """), Expected(0, 1, "The configuration value 'Db:Password'", Log, "'LogInformation'"));

    [Fact]
    public Task GetConnectionString_ToResponse_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app, IConfiguration configuration)
            {
                app.MapGet("/debug", () => Results.Ok({|#0:configuration.GetConnectionString("Orders")|}));
            }
        }
        """, ExpectedAtSink(0, "The connection string read from configuration ('ConnectionStrings:Orders')", "to the HTTP response", "'Results.Ok'"));

    [Fact]
    public Task GetValueOfApiKey_InException_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var key = {|#1:_configuration.GetValue<string>("ApiKey")|};
                throw new ArgumentException({|#0:$"Bad key {key}"|}, "key");
            }
        """), Expected(0, 1, "The configuration value 'ApiKey'", "into an exception message", "'new ArgumentException'"));

    [Fact]
    public Task SectionIndexer_ClientSecret_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_configuration.GetSection("AzureAd")["ClientSecret"]|};
                _logger.LogTrace("{S}", {|#0:secret|});
            }
        """), Expected(0, 1, "The configuration value 'AzureAd:ClientSecret'", Log, "'LogTrace'"));

    [Fact]
    public Task SectionValue_Password_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_configuration.GetSection("Smtp:Password").Value|};
                _logger.LogCritical("{S}", {|#0:secret|});
            }
        """), Expected(0, 1, "The configuration value 'Smtp:Password'", Log, "'LogCritical'"));

    [Fact]
    public Task ConfigurationNonSecretKeys_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                _logger.LogInformation("Vault {Uri}", _configuration["KeyVault:Uri"]);
                _logger.LogInformation("Secret name {Name}", _configuration["KeyVault:SecretName"]);
                _logger.LogInformation("Region {Region}", _configuration.GetValue<string>("Region"));
                _logger.LogInformation("Section {Value}", _configuration.GetSection("Logging:Level").Value);
                _logger.LogInformation("Token lifetime {Lifetime}", _configuration["Auth:TokenLifetime"]);
                Console.WriteLine(_configuration["AzureAd:ClientId"]);
            }
        """));

    [Fact]
    public Task ConnectionStringName_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            private const string ConnectionStringName = "Orders";

            public void Run()
            {
                var connectionString = _configuration.GetConnectionString(ConnectionStringName);
                _logger.LogInformation("Using connection string {Name}", ConnectionStringName);
                _logger.LogInformation("Connection string configured: {Configured}", !string.IsNullOrEmpty(connectionString));
            }
        """));

    [Fact]
    public Task CustomPatterns_ChangeWhichKeysAreSecret() => new Verify.Test
    {
        TestCode = Service("""
            public void Run()
            {
                _logger.LogInformation("{P}", {|#0:_configuration["Signing:Passphrase"]|});
                _logger.LogInformation("{P}", _configuration["Db:Password"]);
            }
        """),
        TestState =
        {
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nazsec.AZSEC105.secret_name_patterns = passphrase\n") },
        },
        ExpectedDiagnostics = { ExpectedAtSink(0, "The configuration value 'Signing:Passphrase'", Log, "'LogInformation'") },
    }.RunAsync();

    // ---- Hard-coded credentials (AZSEC101 literals) ----------------------------------------

    [Fact]
    public Task HardcodedConnectionString_Logged_Triggers() => Verify.VerifyAnalyzerAsync(Service($$"""
            private const string Storage = "{{TestSecrets.StorageConnectionString}}";

            public void Run()
            {
                var connection = {|#1:Storage|};
                _logger.LogInformation("Connecting to {Connection}", {|#0:connection|});
            }
        """), Expected(0, 1, "The hard-coded Azure Storage account key", Log, "'LogInformation'"));

    [Fact]
    public Task HardcodedSqlPasswordLiteral_InResponse_Triggers() => Verify.VerifyAnalyzerAsync(Usings + $$"""
        [ApiController]
        [Route("api/[controller]")]
        public class DiagnosticsController : ControllerBase
        {
            [HttpGet]
            public IActionResult Get()
            {
                var connection = {|#1:"{{TestSecrets.SqlConnectionString}}"|};
                return Ok({|#0:new { connection = connection }|});
            }
        }
        """, Expected(0, 1, "The hard-coded database password", "to the HTTP response", "'Ok'"));

    // ---- Chat messages sent to a language model ------------------------------------------------

    private const string Chat = "into a chat message sent to a language model";

    [Fact]
    public Task KeyVaultSecret_IntoOpenAIChatMessagesOfEveryRole_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public OpenAI.Chat.ChatMessage[] Build()
            {
                KeyVaultSecret secret = _secrets.GetSecret("partner-api-key");
                var key = {|#1:secret.Value|};
                return new OpenAI.Chat.ChatMessage[]
                {
                    new OpenAI.Chat.SystemChatMessage({|#0:$"Call the partner API with key {key}."|}),
                    new OpenAI.Chat.UserChatMessage({|#2:key|}),
                    new OpenAI.Chat.AssistantChatMessage({|#3:"Noted: " + key|}),
                    OpenAI.Chat.ChatMessage.CreateUserMessage(OpenAI.Chat.ChatMessageContentPart.CreateTextPart("Key:"), {|#4:OpenAI.Chat.ChatMessageContentPart.CreateTextPart(key)|}),
                };
            }
        """),
        Expected(0, 1, KeyVaultValue, Chat, "'new SystemChatMessage'"),
        Expected(2, 1, KeyVaultValue, Chat, "'new UserChatMessage'"),
        Expected(3, 1, KeyVaultValue, Chat, "'new AssistantChatMessage'"),
        Expected(4, 1, KeyVaultValue, Chat, "'ChatMessage.CreateUserMessage'"));

    [Fact]
    public Task TokenAndConfigurationSecrets_IntoSemanticKernelPrompts_Trigger() => Verify.VerifyAnalyzerAsync(Service("""
            public async Task RunAsync(Microsoft.SemanticKernel.Kernel kernel)
            {
                var token = await _credential.GetTokenAsync(new TokenRequestContext(new[] { "https://graph.microsoft.com/.default" }), default);
                var history = new Microsoft.SemanticKernel.ChatCompletion.ChatHistory();
                history.AddUserMessage({|#0:$"Use the bearer token {{|#1:token.Token|}}"|});
                history.AddSystemMessage({|#2:"Storage: " + {|#3:_configuration.GetConnectionString("Storage")|}|});
                await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(kernel, {|#4:"Summarize with key " + {|#5:_configuration["OpenAI:ApiKey"]|}|});
            }
        """),
        Expected(0, 1, "The access token ('AccessToken.Token')", Chat, "'ChatHistory.AddUserMessage'"),
        Expected(2, 3, "The connection string read from configuration ('ConnectionStrings:Storage')", Chat, "'ChatHistory.AddSystemMessage'"),
        Expected(4, 5, "The configuration value 'OpenAI:ApiKey'", Chat, "'Kernel.InvokePromptAsync'"));

    [Fact]
    public Task ConfigurationSecret_IntoExtensionsAIMessages_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public Task<Microsoft.Extensions.AI.ChatResponse> AskAsync(Microsoft.Extensions.AI.IChatClient client)
            {
                var password = {|#1:_configuration["Smtp:Password"]|};
                var options = new Microsoft.Extensions.AI.ChatOptions { Instructions = {|#0:"Mail server password: " + password|} };
                var message = new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, {|#2:password|});
                return Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync(client, {|#3:$"Check {password}"|}, options);
            }
        """),
        Expected(0, 1, "The configuration value 'Smtp:Password'", Chat, "'ChatOptions.Instructions'"),
        Expected(2, 1, "The configuration value 'Smtp:Password'", Chat, "'new ChatMessage'"),
        Expected(3, 1, "The configuration value 'Smtp:Password'", Chat, "'IChatClient.GetResponseAsync'"));

    [Fact]
    public Task SecretNameLengthAndHash_InChatMessages_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public OpenAI.Chat.ChatMessage[] Build(Microsoft.SemanticKernel.ChatCompletion.ChatHistory history)
            {
                KeyVaultSecret secret = _secrets.GetSecret("partner-api-key");
                history.AddSystemMessage($"The key is stored as {secret.Name} and has {secret.Value.Length} characters.");
                history.AddUserMessage(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Value))));
                return new OpenAI.Chat.ChatMessage[] { new OpenAI.Chat.UserChatMessage(_configuration["KeyVault:SecretName"]!) };
            }
        """));

    // ---- Response sinks ----------------------------------------------------------------------

    [Fact]
    public Task MinimalApi_ReturnsSecretString_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/secret", async (SecretClient client) => {|#0:(await client.GetSecretAsync("api-key")).Value.Value|});
            }
        }
        """, ExpectedAtSink(0, KeyVault, "to the HTTP response", "the return value of the 'MapGet' handler"));

    [Fact]
    public Task HttpResponseWriteAsync_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/secret", async (HttpContext context, SecretClient client) =>
                {
                    KeyVaultSecret secret = await client.GetSecretAsync("api-key");
                    await context.Response.WriteAsync({|#0:secret.Value|});
                    await context.Response.WriteAsJsonAsync(new { name = secret.Name, enabled = secret.Properties.Enabled });
                });
            }
        }
        """, ExpectedAtSink(0, KeyVaultValue, "to the HTTP response", "'HttpResponse.WriteAsync'"));

    [Fact]
    public Task TypedResultsAndContentResult_Trigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class SettingsController : ControllerBase
        {
            private readonly IConfiguration _configuration;

            public SettingsController(IConfiguration configuration) => _configuration = configuration;

            [HttpGet("a")]
            public IResult A() => TypedResults.Text({|#0:_configuration["Storage:AccountKey"]|});

            [HttpGet("b")]
            public IActionResult B() => new ContentResult { Content = {|#1:_configuration["Storage:AccountKey"]|} };

            [HttpGet("c")]
            public IActionResult C() => new JsonResult({|#2:_configuration["Storage:AccountKey"]|});

            [HttpGet("d")]
            public string D() => {|#3:_configuration["Storage:AccountKey"]|};

            [HttpGet("e")]
            public IActionResult E() => Content({|#4:_configuration["Storage:AccountKey"]|});
        }
        """,
        ExpectedAtSink(0, "The configuration value 'Storage:AccountKey'", "to the HTTP response", "'TypedResults.Text'"),
        ExpectedAtSink(1, "The configuration value 'Storage:AccountKey'", "to the HTTP response", "'ContentResult.Content'"),
        ExpectedAtSink(2, "The configuration value 'Storage:AccountKey'", "to the HTTP response", "'new JsonResult'"),
        ExpectedAtSink(3, "The configuration value 'Storage:AccountKey'", "to the HTTP response", "the return value of action 'D'"),
        ExpectedAtSink(4, "The configuration value 'Storage:AccountKey'", "to the HTTP response", "'Content'"));

    [Fact]
    public Task LoggerMessageDefineDelegate_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            private static readonly Action<ILogger, string, Exception?> SecretLoaded =
                LoggerMessage.Define<string>(LogLevel.Information, new EventId(1), "Loaded {Secret}");

            public void Run()
            {
                SecretLoaded(_logger, {|#0:_secrets.GetSecret("api-key").Value.Value|}, null);
            }
        """), ExpectedAtSink(0, "The secret read from Key Vault ('GetSecret')", Log, "a 'LoggerMessage.Define' delegate"));

    [Fact]
    public Task LoggerMessageAttributeMethod_Triggers() => Verify.VerifyAnalyzerAsync(Usings + """
        public static partial class Log
        {
            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Token {Token}")]
            public static partial void TokenAcquired(ILogger logger, string token);
        }

        public static partial class Log
        {
            public static partial void TokenAcquired(ILogger logger, string token) { }
        }

        public class Worker
        {
            public async Task RunAsync(ILogger logger, TokenCredential credential)
            {
                AccessToken token = await credential.GetTokenAsync(new TokenRequestContext(new[] { "https://storage.azure.com/.default" }), default);
                Log.TokenAcquired(logger, {|#0:token.Token|});
            }
        }
        """, ExpectedAtSink(0, "The access token ('AccessToken.Token')", Log, "'TokenAcquired' ([LoggerMessage])"));

    [Fact]
    public Task ConsoleFormatArguments_And_ResultsJson_Trigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public static class Endpoints
        {
            public static void Map(WebApplication app, IConfiguration configuration)
            {
                app.MapGet("/a", () =>
                {
                    var key = {|#2:configuration["Search:ApiKey"]|};
                    Console.Write("{0} {1}", "key", {|#0:key|});
                    return Results.Json({|#1:new { status = "ok", key = key }|});
                });
            }
        }
        """,
        Expected(0, 2, "The configuration value 'Search:ApiKey'", "to the console", "'Console.Write'"),
        Expected(1, 2, "The configuration value 'Search:ApiKey'", "to the HTTP response", "'Results.Json'"));

    [Fact]
    public Task UserDefinedException_MessageParameter_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_configuration["Payments:ClientSecret"]|};
                throw new ConfigurationMissingException({|#0:"Rejected: " + secret|});
            }

            public sealed class ConfigurationMissingException(string message) : Exception(message);
        """), Expected(0, 1, "The configuration value 'Payments:ClientSecret'", "into an exception message", "'new ConfigurationMissingException'"));

    [Fact]
    public Task SecretReturnedFromNonEndpoint_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public string ReadPassword() => _configuration["Db:Password"] ?? "";

            public Func<string> Factory() => () => _secrets.GetSecret("api-key").Value.Value;

            public void Register(IServiceProvider services)
            {
                var secret = ReadPassword();
                var list = new List<string> { secret };
            }
        """));

    [Fact]
    public Task ControllerHelperMethod_NotAnAction_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Usings + """
        public class SettingsController : ControllerBase
        {
            private readonly IConfiguration _configuration;

            public SettingsController(IConfiguration configuration) => _configuration = configuration;

            [NonAction]
            public string ReadKey() => _configuration["Storage:AccountKey"] ?? "";

            private string Connection() => _configuration.GetConnectionString("Orders") ?? "";

            [HttpGet]
            public IActionResult Get() => Ok(new { configured = !string.IsNullOrEmpty(Connection()), length = ReadKey().Length });
        }
        """);

    // ---- Sanitized and look-alike values ----------------------------------------------------

    [Fact]
    public Task SecretNameClientAndProperties_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public async Task RunAsync(string name)
            {
                KeyVaultSecret secret = await _secrets.GetSecretAsync(name);
                _logger.LogInformation("Read secret {Name}", name);
                _logger.LogInformation("Read secret {Name} version {Version}", secret.Name, secret.Properties.Version);
                _logger.LogInformation("Secret expires {Expires}, enabled {Enabled}", secret.Properties.ExpiresOn, secret.Properties.Enabled);
                _logger.LogInformation("Client {Client} at {Uri}", _secrets, _secrets.VaultUri);
                Console.WriteLine("Read secret " + secret.Name);
            }
        """));

    [Fact]
    public Task ScalarsHashesAndComparisons_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run(string expected)
            {
                var secret = _secrets.GetSecret("api-key").Value.Value;
                _logger.LogInformation("Length {Length}", secret.Length);
                _logger.LogInformation("Empty {Empty}", string.IsNullOrEmpty(secret));
                _logger.LogInformation("Matches {Matches}", secret == expected);
                _logger.LogInformation("Starts {Starts}", secret.StartsWith("sk-", StringComparison.Ordinal));
                _logger.LogInformation("Hash {Hash}", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
                using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("k"));
                _logger.LogInformation("Mac {Mac}", Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(secret))));
                Console.WriteLine($"Secret has {secret.Length} characters");
            }
        """));

    [Fact]
    public Task MaskingHelperThatDropsTheValue_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = _secrets.GetSecret("api-key").Value.Value;
                _logger.LogInformation("Key {Key}", Redact(secret));
            }

            private static string Redact(string value) => string.IsNullOrEmpty(value) ? "(none)" : "***";
        """));

    [Fact]
    public Task MaskingHelperKeepingAPrefix_Triggers() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = {|#1:_secrets.GetSecret("api-key").Value.Value|};
                _logger.LogInformation("Key {Key}", {|#0:Mask(secret)|});
            }

            private static string Mask(string value) => value.Substring(0, 4) + "****";
        """), Expected(0, 1, "The secret read from Key Vault ('GetSecret')", Log, "'LogInformation'"));

    [Fact]
    public Task ConstantOnlyMessages_DoNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            private const string Template = "Connecting with password {Password}";

            public void Run()
            {
                _logger.LogInformation(Template, "(redacted)");
                _logger.LogInformation("Password=" + "{Password}", "***");
                Console.WriteLine("AccountKey=<your-key>;AccountName=dev");
                Console.WriteLine("UseDevelopmentStorage=true");
                throw new InvalidOperationException("The secret 'api-key' is missing");
            }
        """));

    [Fact]
    public Task SecretUsedButNotWritten_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var connection = _configuration.GetConnectionString("Orders");
                var client = new Azure.Storage.Blobs.BlobServiceClient(connection);
                _logger.LogInformation("Connected to {Account}", client.AccountName);
            }
        """));

    [Fact]
    public Task ReassignedBeforeLogging_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var value = _configuration["Db:Password"];
                value = "(hidden)";
                _logger.LogInformation("Password {P}", value);
            }
        """));

    [Fact]
    public Task UserTypesWithSameNames_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        namespace Fake
        {
            public class KeyVaultSecret { public string Value { get; set; } = ""; }
            public struct AccessToken { public string Token { get; set; } }
            public class Console { public static void WriteLine(string s) { } }
            public class Logger { public void LogInformation(string message, params object[] args) { } }

            public class C
            {
                public void Run(KeyVaultSecret secret, AccessToken token, Logger logger)
                {
                    Console.WriteLine(secret.Value);
                    logger.LogInformation("{T}", token.Token);
                }
            }
        }
        """);

    [Fact]
    public Task ExceptionParamName_DoesNotTrigger() => Verify.VerifyAnalyzerAsync(Service("""
            public void Run()
            {
                var secret = _configuration["Db:Password"];
                if (secret is null)
                {
                    throw new ArgumentNullException("Db:Password", "The password is missing");
                }
            }
        """));

    // ---- Edge cases --------------------------------------------------------------------------

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("// <auto-generated/>\n" + Service("""
            public void Run() => _logger.LogInformation("{P}", _configuration["Db:Password"]);
        """));

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = Service("""
            public void Run()
            {
                var secret = _secrets.GetSecret("api-key").Value.
                _logger.LogInformation("{S}", secret
                Console.WriteLine(_configuration[
            }
        """),
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task HugeLiteral_DoesNotCrash() => Verify.VerifyAnalyzerAsync(Service($$"""
            public void Run() => Console.WriteLine("{{new string('a', 100_000)}}");
        """));

    [Fact]
    public Task NetCoreOnly_HardcodedKeyToConsole_Triggers() => new Verify.Test
    {
        TestCode = $$"""
            class C
            {
                void M()
                {
                    var key = {|#1:"{{TestSecrets.CosmosConnectionString}}"|};
                    System.Console.WriteLine({|#0:key|});
                }
            }
            """,
        NetCoreOnly = true,
        ExpectedDiagnostics = { Expected(0, 1, "The hard-coded Azure Cosmos DB account key", "to the console", "'Console.WriteLine'") },
    }.RunAsync();
}

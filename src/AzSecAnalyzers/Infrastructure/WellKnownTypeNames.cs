namespace AzSecAnalyzers.Infrastructure;

/// <summary>Metadata names of the framework and SDK types the rules recognise, in one place.</summary>
internal static class WellKnownTypeNames
{
    // System.Net / TLS
    public const string HttpClientHandler = "System.Net.Http.HttpClientHandler";
    public const string WinHttpHandler = "System.Net.Http.WinHttpHandler";
    public const string HttpWebRequest = "System.Net.HttpWebRequest";
    public const string ServicePointManager = "System.Net.ServicePointManager";
    public const string SslClientAuthenticationOptions = "System.Net.Security.SslClientAuthenticationOptions";
    public const string RemoteCertificateValidationCallback = "System.Net.Security.RemoteCertificateValidationCallback";
    public const string SslPolicyErrors = "System.Net.Security.SslPolicyErrors";
    public const string X509Certificate = "System.Security.Cryptography.X509Certificates.X509Certificate";
    public const string X509Chain = "System.Security.Cryptography.X509Certificates.X509Chain";

    // TLS protocol versions, revocation and plain-text endpoints (AZSEC302-304)
    public const string SslProtocols = "System.Security.Authentication.SslProtocols";
    public const string SecurityProtocolType = "System.Net.SecurityProtocolType";
    public const string SslServerAuthenticationOptions = "System.Net.Security.SslServerAuthenticationOptions";
    public const string SslStream = "System.Net.Security.SslStream";
    public const string X509ChainPolicy = "System.Security.Cryptography.X509Certificates.X509ChainPolicy";
    public const string X509RevocationMode = "System.Security.Cryptography.X509Certificates.X509RevocationMode";
    public const string KestrelHttpsConnectionAdapterOptions = "Microsoft.AspNetCore.Server.Kestrel.Https.HttpsConnectionAdapterOptions";
    public const string SasProtocol = "Azure.Storage.Sas.SasProtocol";
    public const string TableSasProtocol = "Azure.Data.Tables.Sas.TableSasProtocol";
    public const string SqlConnectionStringBuilder = "Microsoft.Data.SqlClient.SqlConnectionStringBuilder";
    public const string SqlConnectionEncryptOption = "Microsoft.Data.SqlClient.SqlConnectionEncryptOption";
    public const string JwtBearerOptions = "Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions";
    public const string OpenIdConnectOptions = "Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions";
    public const string HttpDocumentRetriever = "Microsoft.IdentityModel.Protocols.HttpDocumentRetriever";

    // Azure SDK
    public const string CosmosClientOptions = "Microsoft.Azure.Cosmos.CosmosClientOptions";

    // Identity (AZSEC2xx); the client types themselves are listed in Rules/Identity/KeyBasedClientTable.cs
    public const string TokenCredential = "Azure.Core.TokenCredential";
    public const string AzureKeyCredential = "Azure.AzureKeyCredential";
    public const string AzureNamedKeyCredential = "Azure.AzureNamedKeyCredential";
    public const string AzureSasCredential = "Azure.AzureSasCredential";
    public const string ApiKeyCredential = "System.ClientModel.ApiKeyCredential";
    public const string OpenAIClientOptions = "OpenAI.OpenAIClientOptions";
    public const string AuthenticationPolicy = "System.ClientModel.Primitives.AuthenticationPolicy";
    public const string StorageSharedKeyCredential = "Azure.Storage.StorageSharedKeyCredential";
    public const string TableSharedKeyCredential = "Azure.Data.Tables.TableSharedKeyCredential";
    public const string DefaultAzureCredential = "Azure.Identity.DefaultAzureCredential";
    public const string DefaultAzureCredentialOptions = "Azure.Identity.DefaultAzureCredentialOptions";
    public const string ManagedIdentityCredential = "Azure.Identity.ManagedIdentityCredential";
    public const string UsernamePasswordCredential = "Azure.Identity.UsernamePasswordCredential";
    public const string IConfiguration = "Microsoft.Extensions.Configuration.IConfiguration";
    public const string ConfigurationExtensions = "Microsoft.Extensions.Configuration.ConfigurationExtensions";
    public const string ConfigurationBinder = "Microsoft.Extensions.Configuration.ConfigurationBinder";
    public const string SqlConnection = "Microsoft.Data.SqlClient.SqlConnection";
    public const string LegacySqlConnection = "System.Data.SqlClient.SqlConnection";
    public const string LegacySqlConnectionStringBuilder = "System.Data.SqlClient.SqlConnectionStringBuilder";
    public const string SqlServerDbContextOptionsExtensions = "Microsoft.EntityFrameworkCore.SqlServerDbContextOptionsExtensions";

    // Hosting (development-environment guards)
    public const string HostEnvironmentEnvExtensions = "Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions";
    public const string HostingEnvironmentExtensions = "Microsoft.AspNetCore.Hosting.HostingEnvironmentExtensions";

    // ASP.NET Core: endpoints, authorization, rate limiting (AZSEC4xx, see Infrastructure/AspNetCore)
    public const string ControllerBase = "Microsoft.AspNetCore.Mvc.ControllerBase";
    public const string ControllerAttribute = "Microsoft.AspNetCore.Mvc.ControllerAttribute";
    public const string NonControllerAttribute = "Microsoft.AspNetCore.Mvc.NonControllerAttribute";
    public const string NonActionAttribute = "Microsoft.AspNetCore.Mvc.NonActionAttribute";
    public const string HttpMethodAttribute = "Microsoft.AspNetCore.Mvc.Routing.HttpMethodAttribute";
    public const string HttpGetAttribute = "Microsoft.AspNetCore.Mvc.HttpGetAttribute";
    public const string HttpPostAttribute = "Microsoft.AspNetCore.Mvc.HttpPostAttribute";
    public const string HttpPutAttribute = "Microsoft.AspNetCore.Mvc.HttpPutAttribute";
    public const string HttpPatchAttribute = "Microsoft.AspNetCore.Mvc.HttpPatchAttribute";
    public const string HttpDeleteAttribute = "Microsoft.AspNetCore.Mvc.HttpDeleteAttribute";
    public const string HttpHeadAttribute = "Microsoft.AspNetCore.Mvc.HttpHeadAttribute";
    public const string HttpOptionsAttribute = "Microsoft.AspNetCore.Mvc.HttpOptionsAttribute";
    public const string AcceptVerbsAttribute = "Microsoft.AspNetCore.Mvc.AcceptVerbsAttribute";
    public const string IAuthorizeData = "Microsoft.AspNetCore.Authorization.IAuthorizeData";
    public const string IAllowAnonymous = "Microsoft.AspNetCore.Authorization.IAllowAnonymous";
    public const string AuthorizationOptions = "Microsoft.AspNetCore.Authorization.AuthorizationOptions";
    public const string AuthorizationBuilder = "Microsoft.AspNetCore.Authorization.AuthorizationBuilder";
    public const string IAuthorizationService = "Microsoft.AspNetCore.Authorization.IAuthorizationService";
    public const string AuthorizeFilter = "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter";
    public const string EndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions";
    public const string ControllerEndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.ControllerEndpointRouteBuilderExtensions";
    public const string AuthorizationEndpointConventionBuilderExtensions = "Microsoft.AspNetCore.Builder.AuthorizationEndpointConventionBuilderExtensions";
    public const string RateLimiterEndpointConventionBuilderExtensions = "Microsoft.AspNetCore.Builder.RateLimiterEndpointConventionBuilderExtensions";
    public const string IEndpointRouteBuilder = "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder";
    public const string IEndpointConventionBuilder = "Microsoft.AspNetCore.Builder.IEndpointConventionBuilder";
    public const string RateLimiterOptions = "Microsoft.AspNetCore.RateLimiting.RateLimiterOptions";
    public const string RateLimiterOptionsExtensions = "Microsoft.AspNetCore.RateLimiting.RateLimiterOptionsExtensions";
    public const string EnableRateLimitingAttribute = "Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute";
    public const string DisableRateLimitingAttribute = "Microsoft.AspNetCore.RateLimiting.DisableRateLimitingAttribute";
    public const string ClaimsPrincipal = "System.Security.Claims.ClaimsPrincipal";

    // ASP.NET Core configuration (AZSEC403, 407, 408, 409, 413)
    public const string TokenValidationParameters = "Microsoft.IdentityModel.Tokens.TokenValidationParameters";
    public const string TokenHandler = "Microsoft.IdentityModel.Tokens.TokenHandler";
    public const string CorsPolicyBuilder = "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder";
    public const string DeveloperExceptionPageExtensions = "Microsoft.AspNetCore.Builder.DeveloperExceptionPageExtensions";
    public const string CircuitOptions = "Microsoft.AspNetCore.Components.Server.CircuitOptions";
    public const string RazorComponentsServiceOptions = "Microsoft.AspNetCore.Components.Endpoints.RazorComponentsServiceOptions";
    public const string HubOptions = "Microsoft.AspNetCore.SignalR.HubOptions";
    public const string DbContextOptionsBuilder = "Microsoft.EntityFrameworkCore.DbContextOptionsBuilder";
    public const string CookieOptions = "Microsoft.AspNetCore.Http.CookieOptions";
    public const string ResponseCookies = "Microsoft.AspNetCore.Http.IResponseCookies";
    public const string CookieBuilder = "Microsoft.AspNetCore.Http.CookieBuilder";
    public const string CookieSecurePolicy = "Microsoft.AspNetCore.Http.CookieSecurePolicy";
    public const string SameSiteMode = "Microsoft.AspNetCore.Http.SameSiteMode";
    public const string CookieAuthenticationOptions = "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions";
    public const string SessionOptions = "Microsoft.AspNetCore.Builder.SessionOptions";
    public const string AntiforgeryOptions = "Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions";
    public const string SwaggerBuilderExtensions = "Microsoft.AspNetCore.Builder.SwaggerBuilderExtensions";
    public const string SwaggerUIBuilderExtensions = "Microsoft.AspNetCore.Builder.SwaggerUIBuilderExtensions";
    public const string OpenApiEndpointRouteBuilderExtensions = "Microsoft.AspNetCore.Builder.OpenApiEndpointRouteBuilderExtensions";
    public const string ScalarEndpointRouteBuilderExtensions = "Scalar.AspNetCore.ScalarEndpointRouteBuilderExtensions";

    // Data access an object-level authorization check guards (AZSEC402)
    public const string DbSet = "Microsoft.EntityFrameworkCore.DbSet`1";
    public const string EntityFrameworkQueryableExtensions = "Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions";
    public const string Queryable = "System.Linq.Queryable";
    public const string CosmosContainer = "Microsoft.Azure.Cosmos.Container";
    public const string TableClient = "Azure.Data.Tables.TableClient";
    public const string BlobContainerClient = "Azure.Storage.Blobs.BlobContainerClient";
    // Unsafe deserialization (AZSEC411); the .NET Framework-only types are matched by metadata name
    public const string JsonSerializerSettings = "Newtonsoft.Json.JsonSerializerSettings";
    public const string NewtonsoftJsonSerializer = "Newtonsoft.Json.JsonSerializer";
    public const string JsonConvert = "Newtonsoft.Json.JsonConvert";
    public const string TypeNameHandling = "Newtonsoft.Json.TypeNameHandling";
    public const string JsonPropertyAttribute = "Newtonsoft.Json.JsonPropertyAttribute";
    public const string JsonContainerAttribute = "Newtonsoft.Json.JsonContainerAttribute";
    public const string DefaultSerializationBinder = "Newtonsoft.Json.Serialization.DefaultSerializationBinder";
    public const string BinaryFormatter = "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter";
    public const string NetDataContractSerializer = "System.Runtime.Serialization.NetDataContractSerializer";
    public const string SoapFormatter = "System.Runtime.Serialization.Formatters.Soap.SoapFormatter";
    public const string LosFormatter = "System.Web.UI.LosFormatter";
    public const string ObjectStateFormatter = "System.Web.UI.ObjectStateFormatter";
    public const string JavaScriptSerializer = "System.Web.Script.Serialization.JavaScriptSerializer";
    public const string SimpleTypeResolver = "System.Web.Script.Serialization.SimpleTypeResolver";

    // Query injection sinks and escaping helpers (AZSEC410); System.Data.SqlClient by metadata name
    public const string QueryDefinition = "Microsoft.Azure.Cosmos.QueryDefinition";
    public const string TableServiceClient = "Azure.Data.Tables.TableServiceClient";
    public const string SearchOptions = "Azure.Search.Documents.SearchOptions";
    public const string SearchFilter = "Azure.Search.Documents.SearchFilter";
    public const string SqlCommand = "Microsoft.Data.SqlClient.SqlCommand";
    public const string LegacySqlCommand = "System.Data.SqlClient.SqlCommand";
    public const string DbCommand = "System.Data.Common.DbCommand";
    public const string IDbCommand = "System.Data.IDbCommand";
    public const string RelationalQueryableExtensions = "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions";
    public const string RelationalDatabaseFacadeExtensions = "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions";
    public const string DapperSqlMapper = "Dapper.SqlMapper";
    public const string DapperCommandDefinition = "Dapper.CommandDefinition";
    public const string StringBuilder = "System.Text.StringBuilder";
    public const string Guid = "System.Guid";
    public const string DateTimeOffset = "System.DateTimeOffset";
    public const string TimeSpan = "System.TimeSpan";

    // Secrets: credential APIs whose secret parameter must not receive a literal (AZSEC102)
    public const string ClientSecretCredential = "Azure.Identity.ClientSecretCredential";
    public const string CosmosClient = "Microsoft.Azure.Cosmos.CosmosClient";
    public const string CosmosClientBuilder = "Microsoft.Azure.Cosmos.Fluent.CosmosClientBuilder";
    public const string NetworkCredential = "System.Net.NetworkCredential";
    public const string SqlCredential = "Microsoft.Data.SqlClient.SqlCredential";
    public const string SymmetricSecurityKey = "Microsoft.IdentityModel.Tokens.SymmetricSecurityKey";
    public const string X509Certificate2 = "System.Security.Cryptography.X509Certificates.X509Certificate2";
    public const string X509CertificateLoader = "System.Security.Cryptography.X509Certificates.X509CertificateLoader";
    public const string ConfidentialClientApplicationBuilder = "Microsoft.Identity.Client.ConfidentialClientApplicationBuilder";
    public const string Encoding = "System.Text.Encoding";
    public const string Convert = "System.Convert";

    // Secrets: what the Key Vault code fix reads from
    public const string SecretClient = "Azure.Security.KeyVault.Secrets.SecretClient";

    // Data protection (AZSEC5xx); BlobContainerClient is listed above
    public const string BlobServiceClient = "Azure.Storage.Blobs.BlobServiceClient";
    public const string PublicAccessType = "Azure.Storage.Blobs.Models.PublicAccessType";
    public const string BlobBaseClient = "Azure.Storage.Blobs.Specialized.BlobBaseClient";
    public const string QueueClient = "Azure.Storage.Queues.QueueClient";
    public const string QueueServiceClient = "Azure.Storage.Queues.QueueServiceClient";
    public const string ShareClient = "Azure.Storage.Files.Shares.ShareClient";
    public const string ShareDirectoryClient = "Azure.Storage.Files.Shares.ShareDirectoryClient";
    public const string ShareFileClient = "Azure.Storage.Files.Shares.ShareFileClient";
    public const string ShareServiceClient = "Azure.Storage.Files.Shares.ShareServiceClient";
    public const string BlobSasBuilder = "Azure.Storage.Sas.BlobSasBuilder";
    public const string DataLakeSasBuilder = "Azure.Storage.Sas.DataLakeSasBuilder";
    public const string DataLakeFileSystemClient = "Azure.Storage.Files.DataLake.DataLakeFileSystemClient";
    public const string DataLakePathClient = "Azure.Storage.Files.DataLake.DataLakePathClient";
    public const string DataLakeDirectoryClient = "Azure.Storage.Files.DataLake.DataLakeDirectoryClient";
    public const string AccountSasBuilder = "Azure.Storage.Sas.AccountSasBuilder";
    public const string QueueSasBuilder = "Azure.Storage.Sas.QueueSasBuilder";
    public const string ShareSasBuilder = "Azure.Storage.Sas.ShareSasBuilder";
    public const string TableSasBuilder = "Azure.Data.Tables.Sas.TableSasBuilder";
    public const string TableAccountSasBuilder = "Azure.Data.Tables.Sas.TableAccountSasBuilder";
    public const string DateTime = "System.DateTime";
    public const string ClientSideEncryptionVersion = "Azure.Storage.ClientSideEncryptionVersion";
    public const string CreateRsaKeyOptions = "Azure.Security.KeyVault.Keys.CreateRsaKeyOptions";
    public const string Rsa = "System.Security.Cryptography.RSA";
    public const string SymmetricAlgorithm = "System.Security.Cryptography.SymmetricAlgorithm";
    public const string CipherMode = "System.Security.Cryptography.CipherMode";
    public const string Des = "System.Security.Cryptography.DES";
    public const string TripleDes = "System.Security.Cryptography.TripleDES";
    public const string Rc2 = "System.Security.Cryptography.RC2";

    // Secrets written to a log or response (AZSEC105): secret sources and log/console/exception/response sinks
    public const string KeyVaultSecret = "Azure.Security.KeyVault.Secrets.KeyVaultSecret";
    public const string AccessToken = "Azure.Core.AccessToken";
    public const string MsalAuthenticationResult = "Microsoft.Identity.Client.AuthenticationResult";
    public const string ILogger = "Microsoft.Extensions.Logging.ILogger";
    public const string LoggerExtensions = "Microsoft.Extensions.Logging.LoggerExtensions";
    public const string LoggerMessageAttribute = "Microsoft.Extensions.Logging.LoggerMessageAttribute";
    public const string Console = "System.Console";
    public const string Debug = "System.Diagnostics.Debug";
    public const string Trace = "System.Diagnostics.Trace";
    public const string Exception = "System.Exception";
    public const string HashAlgorithm = "System.Security.Cryptography.HashAlgorithm";
    public const string HttpResponseWritingExtensions = "Microsoft.AspNetCore.Http.HttpResponseWritingExtensions";
    public const string HttpResponseJsonExtensions = "Microsoft.AspNetCore.Http.HttpResponseJsonExtensions";
    public const string Results = "Microsoft.AspNetCore.Http.Results";
    public const string TypedResults = "Microsoft.AspNetCore.Http.TypedResults";
    public const string ObjectResult = "Microsoft.AspNetCore.Mvc.ObjectResult";
    public const string ContentResult = "Microsoft.AspNetCore.Mvc.ContentResult";
    public const string JsonResult = "Microsoft.AspNetCore.Mvc.JsonResult";

    // Taint sources: request input and message bodies (Infrastructure/AspNetCore/RequestSources, Infrastructure/Taint)
    public const string HttpRequest = "Microsoft.AspNetCore.Http.HttpRequest";
    public const string HttpContext = "Microsoft.AspNetCore.Http.HttpContext";
    public const string HttpResponse = "Microsoft.AspNetCore.Http.HttpResponse";
    public const string HttpRequestJsonExtensions = "Microsoft.AspNetCore.Http.HttpRequestJsonExtensions";
    public const string RoutingHttpContextExtensions = "Microsoft.AspNetCore.Routing.RoutingHttpContextExtensions";
    public const string IFormFile = "Microsoft.AspNetCore.Http.IFormFile";
    public const string IFormFileCollection = "Microsoft.AspNetCore.Http.IFormFileCollection";
    public const string IFormCollection = "Microsoft.AspNetCore.Http.IFormCollection";
    public const string ApiBehaviorMetadata = "Microsoft.AspNetCore.Mvc.Infrastructure.IApiBehaviorMetadata";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string ServiceBusReceivedMessage = "Azure.Messaging.ServiceBus.ServiceBusReceivedMessage";
    public const string ProcessMessageEventArgs = "Azure.Messaging.ServiceBus.ProcessMessageEventArgs";
    public const string ProcessSessionMessageEventArgs = "Azure.Messaging.ServiceBus.ProcessSessionMessageEventArgs";
    public const string EventData = "Azure.Messaging.EventHubs.EventData";
    public const string ProcessEventArgs = "Azure.Messaging.EventHubs.Processor.ProcessEventArgs";
    public const string QueueMessage = "Azure.Storage.Queues.Models.QueueMessage";
    public const string PeekedMessage = "Azure.Storage.Queues.Models.PeekedMessage";

    // Azure Functions isolated worker HTTP triggers (Infrastructure/AspNetCore/FunctionsHttpTriggers)
    public const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";
    public const string HttpTriggerAttribute = "Microsoft.Azure.Functions.Worker.HttpTriggerAttribute";
    public const string HttpRequestData = "Microsoft.Azure.Functions.Worker.Http.HttpRequestData";
    public const string HttpRequestDataExtensions = "Microsoft.Azure.Functions.Worker.Http.HttpRequestDataExtensions";
    public const string FunctionContext = "Microsoft.Azure.Functions.Worker.FunctionContext";

    // Outbound requests (AZSEC406)
    public const string HttpClient = "System.Net.Http.HttpClient";
    public const string HttpMessageInvoker = "System.Net.Http.HttpMessageInvoker";
    public const string HttpRequestMessage = "System.Net.Http.HttpRequestMessage";
    public const string HttpClientJsonExtensions = "System.Net.Http.Json.HttpClientJsonExtensions";
    public const string WebRequest = "System.Net.WebRequest";
    public const string Uri = "System.Uri";

    // Chat messages sent to a language model (AZSEC415 system prompts, AZSEC105 secrets in prompts; Infrastructure/LanguageModels).
    // KernelExtensions and ChatClientExtensions (prompt strings) are listed with the model clients below.
    public const string OpenAIChatMessage = "OpenAI.Chat.ChatMessage";
    public const string OpenAISystemChatMessage = "OpenAI.Chat.SystemChatMessage";
    public const string OpenAIDeveloperChatMessage = "OpenAI.Chat.DeveloperChatMessage";
    public const string OpenAIUserChatMessage = "OpenAI.Chat.UserChatMessage";
    public const string OpenAIAssistantChatMessage = "OpenAI.Chat.AssistantChatMessage";
    public const string OpenAIToolChatMessage = "OpenAI.Chat.ToolChatMessage";
    public const string OpenAIChatMessageContentPart = "OpenAI.Chat.ChatMessageContentPart";
    public const string SemanticKernelChatHistory = "Microsoft.SemanticKernel.ChatCompletion.ChatHistory";
    public const string SemanticKernelAuthorRole = "Microsoft.SemanticKernel.ChatCompletion.AuthorRole";
    public const string SemanticKernelChatMessageContent = "Microsoft.SemanticKernel.ChatMessageContent";
    public const string SemanticKernelOpenAIPromptExecutionSettings = "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings";
    public const string ExtensionsAIChatMessage = "Microsoft.Extensions.AI.ChatMessage";
    public const string ExtensionsAIChatRole = "Microsoft.Extensions.AI.ChatRole";
    public const string ExtensionsAIChatOptions = "Microsoft.Extensions.AI.ChatOptions";

    // Unrestricted resource consumption (AZSEC405)
    public const string Regex = "System.Text.RegularExpressions.Regex";
    public const string GeneratedRegexAttribute = "System.Text.RegularExpressions.GeneratedRegexAttribute";
    public const string DisableRequestSizeLimitAttribute = "Microsoft.AspNetCore.Mvc.DisableRequestSizeLimitAttribute";
    public const string RequestSizeLimitAttribute = "Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute";
    public const string RequestFormLimitsAttribute = "Microsoft.AspNetCore.Mvc.RequestFormLimitsAttribute";
    public const string FormOptions = "Microsoft.AspNetCore.Http.Features.FormOptions";
    public const string KestrelServerLimits = "Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerLimits";
    public const string IISServerOptions = "Microsoft.AspNetCore.Builder.IISServerOptions";
    public const string HttpSysOptions = "Microsoft.AspNetCore.Server.HttpSys.HttpSysOptions";
    public const string IHttpMaxRequestBodySizeFeature = "Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature";
    public const string Enumerable = "System.Linq.Enumerable";
    public const string CosmosQueryRequestOptions = "Microsoft.Azure.Cosmos.QueryRequestOptions";
    public const string Pageable = "Azure.Pageable`1";
    public const string AsyncPageable = "Azure.AsyncPageable`1";
    public const string RangeAttribute = "System.ComponentModel.DataAnnotations.RangeAttribute";

    // Mass assignment (AZSEC404)
    public const string DbContext = "Microsoft.EntityFrameworkCore.DbContext";
    public const string EntityEntry = "Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry";
    public const string PropertyValues = "Microsoft.EntityFrameworkCore.ChangeTracking.PropertyValues";
    public const string ITableEntity = "Azure.Data.Tables.ITableEntity";
    public const string BindAttribute = "Microsoft.AspNetCore.Mvc.BindAttribute";

    // Language-model clients and their results (AZSEC414: model output as a source)
    public const string OpenAIChatClient = "OpenAI.Chat.ChatClient";
    public const string OpenAIChatCompletion = "OpenAI.Chat.ChatCompletion";
    public const string OpenAIStreamingChatCompletionUpdate = "OpenAI.Chat.StreamingChatCompletionUpdate";
    public const string SemanticKernelChatCompletionService = "Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService";
    public const string SemanticKernelChatCompletionServiceExtensions = "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions";
    public const string SemanticKernelKernel = "Microsoft.SemanticKernel.Kernel";
    public const string SemanticKernelKernelExtensions = "Microsoft.SemanticKernel.KernelExtensions";
    public const string SemanticKernelKernelFunction = "Microsoft.SemanticKernel.KernelFunction";
    public const string SemanticKernelFunctionResult = "Microsoft.SemanticKernel.FunctionResult";
    public const string SemanticKernelStreamingChatMessageContent = "Microsoft.SemanticKernel.StreamingChatMessageContent";
    public const string ExtensionsAIChatClient = "Microsoft.Extensions.AI.IChatClient";
    public const string ExtensionsAIChatClientExtensions = "Microsoft.Extensions.AI.ChatClientExtensions";
    public const string ExtensionsAIChatClientStructuredOutputExtensions = "Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions";
    public const string ExtensionsAIChatResponseUpdate = "Microsoft.Extensions.AI.ChatResponseUpdate";
    public const string ExtensionsAIChatResponseOfT = "Microsoft.Extensions.AI.ChatResponse`1";

    // Where model output must not go unchecked (AZSEC414's own sinks)
    public const string Process = "System.Diagnostics.Process";
    public const string ProcessStartInfo = "System.Diagnostics.ProcessStartInfo";
    public const string File = "System.IO.File";
    public const string Directory = "System.IO.Directory";
    public const string FileStream = "System.IO.FileStream";
    public const string FileInfo = "System.IO.FileInfo";
    public const string DirectoryInfo = "System.IO.DirectoryInfo";
    public const string HtmlString = "Microsoft.AspNetCore.Html.HtmlString";
    public const string HtmlHelper = "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper";
    public const string MarkupString = "Microsoft.AspNetCore.Components.MarkupString";
    public const string SystemType = "System.Type";
    public const string Activator = "System.Activator";
    public const string SystemTextJsonSerializer = "System.Text.Json.JsonSerializer";
}

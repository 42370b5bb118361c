namespace AzSecAnalyzers;

public static partial class Descriptors
{
    public static readonly DiagnosticDescriptor AZSEC401_EndpointWithoutAuthorization = Create(
        RuleIds.EndpointWithoutAuthorization,
        title: "Endpoint without authorization",
        messageFormat: "{0} accepts {1} without requiring authorization; {2}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "A controller action or minimal-API endpoint that changes state is reachable by anonymous callers: it has no [Authorize] or RequireAuthorization() on itself, its controller or its group, and the app configures no fallback authorization policy, or it opts out with [AllowAnonymous] inside an [Authorize] controller.",
        cwe: 862,
        owaspApi: "API5");

    public static readonly DiagnosticDescriptor AZSEC402_ObjectWithoutOwnershipCheck = Create(
        RuleIds.ObjectWithoutOwnershipCheck,
        title: "Object fetched by client-supplied id without an ownership check",
        messageFormat: "{0} uses the client-supplied '{1}' in {2} without looking at the caller; check that the caller owns the object (User claims or IAuthorizationService)",
        RuleCategories.Api,
        DiagnosticSeverity.Info,
        description: "An endpoint reads or changes a stored object by an id the client sends, and never looks at the caller (User, a ClaimsPrincipal, IAuthorizationService). Any authenticated caller can then reach any other caller's object by changing the id (broken object level authorization).",
        cwe: 639,
        owaspApi: "API1");

    public static readonly DiagnosticDescriptor AZSEC403_TokenValidationWeakened = Create(
        RuleIds.TokenValidationWeakened,
        title: "Token validation weakened",
        messageFormat: "'TokenValidationParameters.{0}' {1}; {2}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "Turning off a token validation check (issuer, audience, lifetime, signing key, signature) or replacing it with a callback that accepts everything lets forged, expired or foreign tokens authenticate. Microsoft Entra ID tokens carry everything the default validation needs.",
        cwe: 287,
        owaspApi: "API2");

    public static readonly DiagnosticDescriptor AZSEC404_MassAssignment = Create(
        RuleIds.MassAssignment,
        title: "Mass assignment of a persisted entity",
        messageFormat: "{0} stores the '{1}' bound from {2} as it came; bind a DTO with only the client-settable fields and map them onto the entity",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "An endpoint binds a persisted entity (an EF Core entity, a Cosmos DB item, a Table entity) straight from the request and adds, updates, attaches or upserts it. The caller then sets every property the entity has, including the ones it must not: ids, owners, roles, prices, audit fields, concurrency tokens.",
        cwe: 915,
        owaspApi: "API3");

    public static readonly DiagnosticDescriptor AZSEC405_UnrestrictedResourceConsumption = Create(
        RuleIds.UnrestrictedResourceConsumption,
        title: "Unrestricted resource consumption",
        messageFormat: "{0}; {1}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "A request can make the server do unbounded work: request body and form limits are removed, a regular expression runs on request input (or a request-supplied pattern) without a match timeout, or a request-supplied page size reaches a query without an upper bound. One caller can then exhaust memory, CPU or the database's request units.",
        cwe: 770,
        owaspApi: "API4");

    public static readonly DiagnosticDescriptor AZSEC406_ServerSideRequestForgery = Create(
        RuleIds.ServerSideRequestForgery,
        title: "Server-side request forgery",
        messageFormat: "{0} sends a request to a URL whose host comes from {1}; validate the host against an allow-list or use a fixed base address",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "Request input (an endpoint parameter, a query, header, form, route or body value) or a received message body reaches the URL of an outbound request without an allow-list check in between. The caller then chooses where the server connects: internal services, the instance metadata endpoint, or the storage account and Key Vault the app's managed identity can reach.",
        cwe: 918,
        owaspApi: "API7");

    public static readonly DiagnosticDescriptor AZSEC407_PermissiveCors = Create(
        RuleIds.PermissiveCors,
        title: "Permissive CORS",
        messageFormat: "{0} allows every origin{1}; list the trusted origins with WithOrigins(\"https://…\")",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "A CORS policy that allows any origin lets every web site call the API from its users' browsers; with credentials allowed, those calls carry the users' cookies and act on their behalf.",
        cwe: 942,
        owaspApi: "API8");

    public static readonly DiagnosticDescriptor AZSEC408_DetailedErrorsExposed = Create(
        RuleIds.DetailedErrorsExposed,
        title: "Detailed errors exposed",
        messageFormat: "{0} exposes detailed errors in every environment; {1}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "The developer exception page, detailed Blazor/SignalR errors, JWT error details and EF Core's detailed errors and sensitive data logging show stack traces, queries and parameter values. Outside a development-environment check they reach production callers and logs.",
        cwe: 209,
        owaspApi: "API8");

    public static readonly DiagnosticDescriptor AZSEC409_InsecureCookie = Create(
        RuleIds.InsecureCookie,
        title: "Insecure cookie",
        messageFormat: "{0}; {1}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "A cookie sent without Secure travels over plain HTTP; an authentication or session cookie without HttpOnly can be read by any injected script; SameSite=None without Secure is rejected by browsers or leaks the cookie cross-site.",
        cwe: 614,
        owaspApi: "API8");

    public static readonly DiagnosticDescriptor AZSEC410_QueryInjection = Create(
        RuleIds.QueryInjection,
        title: "Query injection into a data service",
        messageFormat: "{0} receives query text built {1} from non-constant values; {2}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "Query text for Cosmos DB, Azure Tables, Azure AI Search, SQL (SqlCommand, EF Core raw SQL, Dapper) built by concatenation, string.Format or interpolation lets a value change the query itself: read other tenants' rows, widen a filter, or run other statements. Pass the values as parameters, or build the filter with the SDK's escaping helper, whatever the values' origin.",
        cwe: 89,
        owaspApi: "API10",
        alsoOwaspApi: "API8");

    public static readonly DiagnosticDescriptor AZSEC411_UnsafeDeserialization = Create(
        RuleIds.UnsafeDeserialization,
        title: "Unsafe deserialization of external data",
        messageFormat: "{0} lets {1} choose the .NET types to create; {2}",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "A deserializer that creates whatever type the data names (Newtonsoft.Json TypeNameHandling other than None without a restrictive SerializationBinder, BinaryFormatter, NetDataContractSerializer, SoapFormatter, LosFormatter, ObjectStateFormatter, JavaScriptSerializer with SimpleTypeResolver) runs code chosen by whoever wrote the data: a queue or event message, a blob, a request body.",
        cwe: 502,
        owaspApi: "API10");

    public static readonly DiagnosticDescriptor AZSEC412_SensitiveFlowWithoutRateLimiting = Create(
        RuleIds.SensitiveFlowWithoutRateLimiting,
        title: "Sensitive business flow without rate limiting",
        messageFormat: "{0} is a {1} flow without rate limiting; add [EnableRateLimiting(\"…\")] or RequireRateLimiting(\"…\"), or configure a global limiter",
        RuleCategories.Api,
        DiagnosticSeverity.Info,
        description: "Log-in, sign-up, password reset, one-time code, checkout and transfer endpoints are automated by attackers (credential stuffing, code guessing, card testing, scalping). Without a rate limiter nothing slows them down.",
        cwe: 799,
        owaspApi: "API6");

    public static readonly DiagnosticDescriptor AZSEC413_ApiDocumentationExposed = Create(
        RuleIds.ApiDocumentationExposed,
        title: "API documentation exposed in production",
        messageFormat: "{0} publishes the API description in every environment; wrap it in if (app.Environment.IsDevelopment())",
        RuleCategories.Api,
        DiagnosticSeverity.Info,
        description: "An OpenAPI document or documentation UI served in production maps every endpoint, parameter and model for an attacker, including endpoints meant to be internal.",
        cwe: 200,
        owaspApi: "API9");

    public static readonly DiagnosticDescriptor AZSEC414_ModelOutputWithoutValidation = Create(
        RuleIds.ModelOutputWithoutValidation,
        title: "Model output used without validation",
        messageFormat: "The text returned by {0} reaches {1} unchecked; compare it with an allow-list, parse it into a typed value or pass it as a parameter",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "Text a language model returns is steered by everything the model read: a retrieved document, an email, a web page can carry instructions (indirect prompt injection). Used as query text, a URL, a command line, a file path, raw HTML or a type name, it lets whoever wrote that content run queries, reach internal hosts, run programs, read or overwrite files, inject script or create arbitrary types. Treat it as untrusted input: check it against known values, parse it into a typed value, or pass it as a parameter.",
        cwe: 1426,
        owaspApi: "API10",
        owaspLlm: "LLM05");

    public static readonly DiagnosticDescriptor AZSEC415_UntrustedInputInSystemPrompt = Create(
        RuleIds.UntrustedInputInSystemPrompt,
        title: "Untrusted input in a system prompt",
        messageFormat: "{0} puts {1} into the {2}, where it can rewrite the instructions the model follows; move the input to a user message",
        RuleCategories.Api,
        DiagnosticSeverity.Warning,
        description: "Request input (an endpoint parameter, a query, header, form, route or body value) or a received message body is placed into a system or developer message of a language-model conversation (Azure OpenAI / OpenAI, Semantic Kernel, Microsoft.Extensions.AI). The system message carries the application's authority: text the caller controls there can override the model's rules, reveal the prompt, or steer tool calls (prompt injection). Keep the system prompt to constants, configuration or a value chosen from a known list, and pass the input as a user message.",
        cwe: 1427,
        owaspApi: "API8",
        owaspLlm: "LLM01");
}

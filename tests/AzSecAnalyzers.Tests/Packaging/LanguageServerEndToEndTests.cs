using System.Text.Json.Nodes;
using AzSecAnalyzers.Tests.Meta;
using Microsoft.CodeAnalysis;
using Xunit.Abstractions;

namespace AzSecAnalyzers.Tests.Packaging;

/// <summary>
/// The IDE story end to end: squiggles through a real C# language server (csharp-ls, pinned in
/// .config/dotnet-tools.json) on a copy of samples/InsecureApp that references the packed package,
/// and the code fixes through `dotnet format analyzers`, since that server does not load fixes.
/// </summary>
[Trait("Category", "EndToEnd")]
[Collection(PackedPackageCollection.Name)]
public class LanguageServerEndToEndTests(PackedPackageFixture package, ITestOutputHelper output)
{
    private static readonly TimeSpan ServerBudget = TimeSpan.FromSeconds(120);

    /// <summary>
    /// One finding the sample must show in the editor: where it starts (the first character of
    /// <paramref name="Anchor"/> in <paramref name="File"/>), its LSP severity after the test's
    /// .editorconfig, its message, and the secure text that replaces the anchor's line.
    /// </summary>
    /// <remarks><paramref name="AlsoRemoveLineWith"/> names a line the secure version drops as well (a local that only fed the finding).</remarks>
    public sealed record SampleFinding(string RuleId, string File, string Anchor, int Severity, string Message, string SecureLine, string? AlsoRemoveLineWith = null, bool NoFixOffered = false);

    /// <summary>Every finding the InsecureApp sample must produce in a C# document (also used by the azsec --fix test).</summary>
    internal static IReadOnlyList<SampleFinding> SampleFindings => Expected;

    // LSP severities: 1 error, 2 warning, 3 information, 4 hint.
    private static readonly SampleFinding[] Expected =
    {
        new(
            "AZSEC101",
            "SecretsExamples.cs",
            "\"DefaultEndpointsProtocol=https;AccountName=contosoarchive;AccountKey=",
            Severity: 2,
            "This string holds an Azure credential (Azure Storage account key, AccountKey=UvIm…); move the secret to Azure Key Vault and read it at run time, or authenticate with Microsoft Entra ID (a TokenCredential)",
            SecureLine: "        \"DefaultEndpointsProtocol=https;AccountName=contosoarchive;EndpointSuffix=core.windows.net\";"),
        new(
            "AZSEC102",
            "SecretsExamples.cs",
            "exportKey);",
            Severity: 2,
            "A hard-coded value reaches the secret parameter 'accountKey' of the 'StorageSharedKeyCredential' constructor; read the secret from Azure Key Vault or configuration, or use a TokenCredential",
            SecureLine: "        return new StorageSharedKeyCredential(\"contosoexport\", Environment.GetEnvironmentVariable(\"EXPORT_ACCOUNT_KEY\")!);",
            AlsoRemoveLineWith: "var exportKey = \"export-account-key-2024\";"),
        new(
            "AZSEC102",
            "SecretsExamples.cs",
            "ReportingPassword + \"-carrier\"",
            Severity: 2,
            "A hard-coded value reaches the secret parameter 'clientSecret' of the 'ClientSecretCredential' constructor; read the secret from Azure Key Vault or configuration, or use a TokenCredential",
            SecureLine: "        => new(\"contoso.onmicrosoft.com\", \"5c8a2b4e-0d1f-4a7b-9e3c-6f2d1a0b9c8e\", Environment.GetEnvironmentVariable(\"CARRIER_CLIENT_SECRET\")!);"),
        new(
            "AZSEC103",
            "SecretsExamples.cs",
            "\"changeme\"",
            Severity: 2,
            "'ReportingPassword' is named like a credential and is assigned a hard-coded value; read it from Azure Key Vault or configuration",
            SecureLine: "    private static readonly string ReportingPassword = Environment.GetEnvironmentVariable(\"REPORTING_PASSWORD\") ?? string.Empty;"),
        new(
            "AZSEC105",
            "SecretLeakExamples.cs",
            "secret.Value);",
            Severity: 2,
            "The secret read from Key Vault ('KeyVaultSecret.Value') is written to the log by 'LogInformation'; write a redacted marker or nothing instead",
            SecureLine: "        logger.LogInformation(\"Loaded reporting password {Name}\", secret.Name);"),
        new(
            "AZSEC201",
            "SecretsExamples.cs",
            "ArchiveConnectionString);",
            Severity: 2,
            "'BlobServiceClient' authenticates with a connection string; use its TokenCredential overload with DefaultAzureCredential or ManagedIdentityCredential and grant the identity an Azure RBAC role",
            SecureLine: "    public static BlobServiceClient CreateArchiveClient() => new(new Uri(\"https://contosoarchive.blob.core.windows.net\"), new DefaultAzureCredential());"),
        new(
            "AZSEC201",
            "Program.cs",
            "builder.Configuration.GetConnectionString(\"Receipts\")",
            Severity: 2,
            "'BlobServiceClient' authenticates with a connection string; use its TokenCredential overload with DefaultAzureCredential or ManagedIdentityCredential and grant the identity an Azure RBAC role",
            SecureLine: "builder.Services.AddSingleton(_ => new BlobServiceClient(new Uri(builder.Configuration[\"Receipts:ServiceUri\"]!), new Azure.Identity.DefaultAzureCredential()));"),
        new(
            "AZSEC202",
            "IdentityExamples.cs",
            "Password = password,",
            Severity: 2,
            "'SqlConnectionStringBuilder.Password' signs in to Azure SQL with a SQL user name and password; use 'Authentication=Active Directory Default' and drop the password",
            SecureLine: "        Authentication = SqlAuthenticationMethod.ActiveDirectoryDefault,"),
        new(
            "AZSEC203",
            "IdentityExamples.cs",
            "new(user, password, \"contoso.onmicrosoft.com\"",
            Severity: 2,
            "'UsernamePasswordCredential' uses the resource owner password credentials flow, which cannot do multifactor authentication and is deprecated; use managed identity, a workload identity or an interactive flow",
            SecureLine: "        => throw new System.NotSupportedException(\"Use the job's managed identity.\");"),
        new(
            "AZSEC205",
            "IdentityExamples.cs",
            "new(\"https://login.microsoftonline.com/contoso.onmicrosoft.com\")",
            Severity: 2,
            "'AuthenticationContext' comes from the retired package Microsoft.IdentityModel.Clients.ActiveDirectory (ADAL), which gets no security fixes; use Azure.Identity (ManagedIdentityCredential, WorkloadIdentityCredential or another TokenCredential) or MSAL's ConfidentialClientApplicationBuilder",
            SecureLine: "    public static AuthenticationContext ExportTokenIssuer() => throw new System.NotSupportedException(\"Use the job's managed identity (Azure.Identity).\");"),
        new(
            "AZSEC301",
            "Program.cs",
            "ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,",
            Severity: 1,
            "'HttpClientHandler.ServerCertificateCustomValidationCallback' accepts every server certificate; remove the override so the platform validates the certificate chain and host name",
            SecureLine: string.Empty),
        new(
            "AZSEC302",
            "TransportExamples.cs",
            "SslProtocols.Tls11 | SslProtocols.Tls12,",
            Severity: 2,
            "'HttpClientHandler.SslProtocols' enables TLS 1.1; let the operating system choose the protocol version, or allow only TLS 1.2 and TLS 1.3",
            SecureLine: "        SslProtocols = SslProtocols.Tls12,"),
        new(
            "AZSEC303",
            "TransportExamples.cs",
            "\"http://contosoarchive.blob.core.windows.net\"",
            Severity: 2,
            "'http://contosoarchive.blob.core.windows.net' reaches Azure Storage without TLS; use https://",
            SecureLine: "        => new(new Uri(\"https://contosoarchive.blob.core.windows.net\"), new DefaultAzureCredential());"),
        new(
            "AZSEC304",
            "TransportExamples.cs",
            "CheckCertificateRevocationList = false,",
            Severity: 3,
            "'HttpClientHandler.CheckCertificateRevocationList' turns off certificate revocation checking; check revocation online (true / X509RevocationMode.Online) so revoked certificates are rejected",
            SecureLine: "        CheckCertificateRevocationList = true,"),
        new(
            "AZSEC402",
            "Api/AccountController.cs",
            "GetBlobClient($\"{id}.json\")",
            Severity: 3,
            "Action 'AccountController.Receipt' uses the client-supplied 'id' in 'BlobContainerClient.GetBlobClient' without looking at the caller; check that the caller owns the object (User claims or IAuthorizationService)",
            SecureLine: "        var blob = blobs.GetBlobContainerClient(\"receipts\").GetBlobClient($\"{User.Identity!.Name}/{id}.json\");"),
        new(
            "AZSEC401",
            "Api/AccountController.cs",
            "DeleteReceipt(Guid id)",
            Severity: 2,
            "Action 'AccountController.DeleteReceipt' accepts DELETE without requiring authorization; add [Authorize] or configure a fallback authorization policy",
            SecureLine: "    [Microsoft.AspNetCore.Authorization.Authorize] public async Task<IActionResult> DeleteReceipt(Guid id)"),
        new(
            "AZSEC401",
            "Program.cs",
            "MapPost(\"/orders\"",
            Severity: 2,
            "Endpoint 'MapPost(\"/orders\")' accepts POST without requiring authorization; add .RequireAuthorization() or configure a fallback authorization policy",
            SecureLine: "app.MapPost(\"/orders\", [Microsoft.AspNetCore.Authorization.Authorize] async (Order order, ReceiptStore receipts, CarrierClient carrier) =>"),
        new(
            "AZSEC401",
            "Api/CatalogAssistant.cs",
            "MapPost(\"/catalog/ask\"",
            Severity: 2,
            "Endpoint 'MapPost(\"/catalog/ask\")' accepts POST without requiring authorization; add .RequireAuthorization() or configure a fallback authorization policy",
            SecureLine: "        app.MapPost(\"/catalog/ask\", [Microsoft.AspNetCore.Authorization.Authorize] async (CatalogQuestion question, ChatClient chat, Container products) =>"),
        new(
            "AZSEC412",
            "Api/AccountController.cs",
            "Login(string user",
            Severity: 3,
            "Action 'AccountController.Login' is a sign-in or account flow without rate limiting; add [EnableRateLimiting(\"…\")] or RequireRateLimiting(\"…\"), or configure a global limiter",
            SecureLine: "    [Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(\"sign-in\")] public IActionResult Login(string user, string password) => Ok();"),
        new(
            "AZSEC403",
            "ApiExamples.cs",
            "ValidateAudience = false,",
            Severity: 2,
            "'TokenValidationParameters.ValidateAudience' is false; set it to true",
            SecureLine: "                ValidateAudience = true,"),
        new(
            "AZSEC407",
            "ApiExamples.cs",
            "SetIsOriginAllowed(_ => true).AllowCredentials()",
            Severity: 2,
            "'CorsPolicyBuilder.SetIsOriginAllowed' allows every origin and sends credentials (AllowCredentials), so any site acts with the user's cookies; list the trusted origins with WithOrigins(\"https://…\")",
            SecureLine: "        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins(\"https://shop.contoso.com\").AllowCredentials()));"),
        new(
            "AZSEC408",
            "ApiExamples.cs",
            "UseDeveloperExceptionPage();",
            Severity: 2,
            "UseDeveloperExceptionPage() exposes detailed errors in every environment; wrap it in if (app.Environment.IsDevelopment())",
            SecureLine: "        if (Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(app.Environment)) { app.UseDeveloperExceptionPage(); }"),
        new(
            "AZSEC409",
            "ApiExamples.cs",
            "SecurePolicy = CookieSecurePolicy.None",
            Severity: 2,
            "'CookieBuilder.SecurePolicy = CookieSecurePolicy.None' lets the cookie travel over plain HTTP; use CookieSecurePolicy.Always",
            SecureLine: "        builder.Services.AddAuthentication().AddCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);"),
        new(
            "AZSEC410",
            "QueryExamples.cs",
            "$\"SELECT COUNT(*)",
            Severity: 2,
            "SqlCommand(string) receives query text built by interpolation from non-constant values; put @name placeholders in the text and add the values with command.Parameters.AddWithValue(\"@name\", value)",
            SecureLine: "        using var command = new SqlCommand(\"SELECT COUNT(*) FROM Orders WHERE Customer = @customer\", connection);"),
        new(
            "AZSEC411",
            "DeserializationExamples.cs",
            "TypeNameHandling.Auto",
            Severity: 2,
            "'TypeNameHandling.Auto' on JsonSerializerSettings lets the serialized data choose the .NET types to create; use TypeNameHandling.None, or set a SerializationBinder that allows only known types",
            SecureLine: "        => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });"),
        new(
            "AZSEC413",
            "ApiExamples.cs",
            "MapOpenApi();",
            Severity: 3,
            "MapOpenApi() publishes the API description in every environment; wrap it in if (app.Environment.IsDevelopment())",
            SecureLine: "        if (Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(app.Environment)) { app.MapOpenApi(); }"),
        new(
            "AZSEC404",
            "MassAssignmentExamples.cs",
            "customer); // AZSEC404",
            Severity: 2,
            "'DbSet.Add' stores the 'Customer' bound from request body parameter 'customer' as it came; bind a DTO with only the client-settable fields and map them onto the entity",
            SecureLine: "        db.Customers.Add(new Customer { Name = customer.Name });"),
        new(
            "AZSEC405",
            "ResourceExamples.cs",
            "DisableRequestSizeLimit]",
            Severity: 2,
            "[DisableRequestSizeLimit] removes the request body size limit; remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]",
            SecureLine: "[RequestSizeLimit(10_000_000)]",
            NoFixOffered: true),
        new(
            "AZSEC405",
            "ResourceExamples.cs",
            "sku)) //",
            Severity: 2,
            "'Regex.IsMatch' runs on query parameter 'sku' without a match timeout; pass a timeout such as TimeSpan.FromSeconds(1), or use RegexOptions.NonBacktracking",
            SecureLine: "        if (!Regex.IsMatch(sku, @\"^([A-Z0-9]+-?)*$\", RegexOptions.None, System.TimeSpan.FromSeconds(1)))"),
        new(
            "AZSEC405",
            "ResourceExamples.cs",
            "pageSize)); //",
            Severity: 2,
            "'Enumerable.Take' receives a page size from query parameter 'pageSize' with no upper bound; clamp it, e.g. Math.Clamp(value, 1, 100)",
            SecureLine: "        return Ok(Products.Take(System.Math.Clamp(pageSize, 1, 100)));"),
        new(
            "AZSEC415",
            "Api/CatalogPrompt.cs",
            "$\"You are the catalog assistant of {tenant}",
            Severity: 2,
            "'new SystemChatMessage' puts route parameter 'tenant' into the system message, where it can rewrite the instructions the model follows; move the input to a user message",
            SecureLine: "            messages.Add(new SystemChatMessage(\"You are the catalog assistant. Answer only about the products of the tenant the user names.\"));"),
        new(
            "AZSEC406",
            "SsrfExamples.cs",
            "url);",
            Severity: 2,
            "'HttpClient.GetStringAsync' sends a request to a URL whose host comes from query parameter 'url'; validate the host against an allow-list or use a fixed base address",
            SecureLine: "            var html = await client.GetStringAsync(\"https://preview.contoso.com/render?url=\" + System.Uri.EscapeDataString(url));"),
        new(
            "AZSEC414",
            "Api/CatalogAssistant.cs",
            "generated.Content[0].Text)",
            Severity: 2,
            "The text returned by 'ChatClient.CompleteChatAsync' reaches the query text of 'QueryDefinition(string)' unchecked; compare it with an allow-list, parse it into a typed value or pass it as a parameter",
            SecureLine: "            using var iterator = products.GetItemQueryIterator<JsonElement>(new QueryDefinition(\"SELECT * FROM c WHERE CONTAINS(c.name, @q)\").WithParameter(\"@q\", question.Text));"),
        new(
            "AZSEC414",
            "Api/CatalogAssistant.cs",
            "summary.Content[0].Text);",
            Severity: 2,
            "The text returned by 'ChatClient.CompleteChatAsync' reaches raw HTML 'new HtmlString' unchecked; compare it with an allow-list, parse it into a typed value or pass it as a parameter",
            SecureLine: "            var page = new HtmlString(System.Net.WebUtility.HtmlEncode(summary.Content[0].Text));"),
        new(
            "AZSEC501",
            "DataExamples.cs",
            "PublicAccessType.Blob",
            Severity: 2,
            "'BlobContainerClient.CreateIfNotExistsAsync' passes PublicAccessType.Blob, which lets anyone on the internet read every blob in the container without credentials; use PublicAccessType.None and hand out user delegation SAS or use Microsoft Entra ID for readers",
            SecureLine: "        => images.CreateIfNotExistsAsync(PublicAccessType.None);"),
        new(
            "AZSEC502",
            "DataExamples.cs",
            "BlobContainerSasPermissions.All",
            Severity: 2,
            "The 'BlobContainerClient.GenerateSasUri' argument 'permissions' grants all permissions (BlobContainerSasPermissions.All); grant only the permissions and lifetime the caller needs, and sign a service SAS with a user delegation key (GetUserDelegationKey + BlobSasBuilder.ToSasQueryParameters(userDelegationKey, accountName)) instead of the account key",
            SecureLine: "        => throw new NotSupportedException(\"Share exports with a short-lived user delegation SAS, as SecureApp does.\");"),
        new(
            "AZSEC502",
            "DataExamples.cs",
            "DateTimeOffset.UtcNow.AddYears(1)",
            Severity: 2,
            "The 'BlobContainerClient.GenerateSasUri' argument 'expiresOn' expires in 365 days, more than 7; grant only the permissions and lifetime the caller needs, and sign a service SAS with a user delegation key (GetUserDelegationKey + BlobSasBuilder.ToSasQueryParameters(userDelegationKey, accountName)) instead of the account key",
            SecureLine: "        => throw new NotSupportedException(\"Share exports with a short-lived user delegation SAS, as SecureApp does.\");"),
        new(
            "AZSEC502",
            "DataExamples.cs",
            "GenerateSasUri(BlobContainerSasPermissions.All",
            Severity: 2,
            "'BlobContainerClient.GenerateSasUri' signs the SAS with the storage account key, which only a key rotation can revoke; grant only the permissions and lifetime the caller needs, and sign a service SAS with a user delegation key (GetUserDelegationKey + BlobSasBuilder.ToSasQueryParameters(userDelegationKey, accountName)) instead of the account key",
            SecureLine: "        => throw new NotSupportedException(\"Share exports with a short-lived user delegation SAS, as SecureApp does.\");"),
        new(
            "AZSEC503",
            "DataExamples.cs",
            "ClientSideEncryptionVersion.V1_0",
            Severity: 2,
            "The 'ClientSideEncryptionOptions' constructor argument 'version' selects ClientSideEncryptionVersion.V1_0, whose unauthenticated AES-CBC is open to padding-oracle attacks (CVE-2022-30187); use ClientSideEncryptionVersion.V2_0 (AES-GCM)",
            SecureLine: "        => new(ClientSideEncryptionVersion.V2_0) { KeyEncryptionKey = key, KeyWrapAlgorithm = \"RSA-OAEP\" };"),
        new(
            "AZSEC503",
            "DataExamples.cs",
            "1024);",
            Severity: 2,
            "The 'RSA.Create' argument 'keySizeInBits' asks for a 1024-bit RSA key; use at least 2048 bits (3072 or more for data that must stay secret past 2030)",
            SecureLine: "    public static RSA CreateExportSigningKey() => RSA.Create(3072);"),
        new(
            "AZSEC503",
            "DataExamples.cs",
            "EncryptEcb(id",
            Severity: 2,
            "'Aes.EncryptEcb' uses CipherMode.ECB, which encrypts equal blocks to equal ciphertext and leaks patterns; use authenticated encryption (AesGcm), or Aes with CBC, a random IV per message and a MAC",
            SecureLine: "        return aes.EncryptCbc(id, RandomNumberGenerator.GetBytes(16), PaddingMode.PKCS7);",
            NoFixOffered: true),
    };

    // Compilation-end rules (their answer depends on the whole compilation) are computed by full
    // solution analysis, not per open document, so a language server's document pull does not carry them.
    private static readonly HashSet<string> CompilationEndRules = PackageCatalog.Descriptors
        .Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))
        .Select(d => d.Id)
        .ToHashSet();

    // Rules reported on configuration files (AdditionalFiles), not on C# documents: the C# language server
    // does not pull diagnostics for appsettings.json; the package end-to-end test covers them in the build.
    private static readonly HashSet<string> ConfigurationFileRules = new() { RuleIds.SecretInConfigurationFile };

    // The test copy raises AZSEC301 to an error, proving the server honours the project's .editorconfig.
    private const string EditorConfig = "dotnet_diagnostic.AZSEC301.severity = error";

    [Fact]
    public void ExpectedFindings_CoverEveryEnabledRule()
    {
        var listed = Expected.Select(f => f.RuleId).ToHashSet();
        var missing = PackageCatalog.Descriptors.Where(d => d.IsEnabledByDefault && !listed.Contains(d.Id) && !CompilationEndRules.Contains(d.Id) && !ConfigurationFileRules.Contains(d.Id)).Select(d => d.Id);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task LanguageServer_ShowsEachFindingWithRangeSeverityMessageAndHelpLink_AndClearsItOnceFixed()
    {
        var restore = DotNetCli.Run(TestPaths.RepositoryRoot, PackedPackageFixture.CommandTimeout, "tool", "restore");
        Assert.True(restore.ExitCode == 0, "dotnet tool restore failed: " + restore);

        var app = package.CreateSampleCopy("lsp", EditorConfig);
        var rootUri = new Uri(app + Path.DirectorySeparatorChar).AbsoluteUri.TrimEnd('/');
        var started = DateTime.UtcNow;

        using var server = new LspClient(app, AnswerServerRequest, "dotnet", "tool", "run", "csharp-ls", "--", "--loglevel", "info");
        try
        {
            await server.RequestAsync("initialize", new JsonObject
            {
                ["processId"] = Environment.ProcessId,
                ["rootUri"] = rootUri,
                ["workspaceFolders"] = new JsonArray(new JsonObject { ["uri"] = rootUri, ["name"] = "InsecureApp" }),
                ["capabilities"] = new JsonObject
                {
                    ["workspace"] = new JsonObject { ["configuration"] = true },
                    ["textDocument"] = new JsonObject
                    {
                        ["publishDiagnostics"] = new JsonObject(),
                        ["diagnostic"] = new JsonObject { ["dynamicRegistration"] = false },
                    },
                },
            }, ServerBudget);
            await server.NotifyAsync("initialized", new JsonObject());
            await server.NotifyAsync("workspace/didChangeConfiguration", new JsonObject { ["settings"] = CSharpSettings() });

            foreach (var file in Expected.Select(f => f.File).Distinct())
            {
                await server.NotifyAsync("textDocument/didOpen", new JsonObject
                {
                    ["textDocument"] = new JsonObject
                    {
                        ["uri"] = DocumentUri(rootUri, file),
                        ["languageId"] = "csharp",
                        ["version"] = 1,
                        ["text"] = File.ReadAllText(Path.Combine(app, file)),
                    },
                });
            }

            foreach (var group in Expected.GroupBy(f => f.File))
            {
                var text = File.ReadAllText(Path.Combine(app, group.Key));
                var uri = DocumentUri(rootUri, group.Key);

                // The workspace loads in the background: poll until the analyzers have spoken.
                var diagnostics = await PullUntilAsync(server, uri, items => group.All(f => items.Any(d => Code(d) == f.RuleId)), started);
                var reported = diagnostics.Where(d => Code(d).StartsWith("AZSEC", StringComparison.Ordinal) && !CompilationEndRules.Contains(Code(d))).ToList();

                // Exactly the listed findings: none missing, none extra.
                Assert.Equal(group.Count(), reported.Count);
                var secureText = text;
                foreach (var finding in group)
                {
                    var (line, character) = Position(text, finding.Anchor);
                    var diagnostic = Assert.Single(
                        reported,
                        d => Code(d) == finding.RuleId
                             && d["range"]!["start"]!["line"]!.GetValue<int>() == line
                             && d["range"]!["start"]!["character"]!.GetValue<int>() == character);
                    Assert.Equal(finding.Severity, diagnostic["severity"]!.GetValue<int>());
                    Assert.Equal(finding.Message, diagnostic["message"]!.GetValue<string>());
                    Assert.Equal($"https://github.com/AzSecAnalyzers/AzSecAnalyzers/blob/main/docs/rules/{finding.RuleId}.md", diagnostic["codeDescription"]!["href"]!.GetValue<string>());
                    secureText = ReplaceLine(secureText, finding.Anchor, finding.SecureLine);
                    if (finding.AlsoRemoveLineWith is { } removed)
                    {
                        secureText = RemoveLine(secureText, removed);
                    }
                }

                await server.NotifyAsync("textDocument/didChange", new JsonObject
                {
                    ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = 2 },
                    ["contentChanges"] = new JsonArray(new JsonObject { ["text"] = secureText }),
                });

                var after = await PullUntilAsync(server, uri, items => !items.Any(d => group.Any(f => f.RuleId == Code(d))), started);
                Assert.DoesNotContain(after, d => group.Any(f => f.RuleId == Code(d)));
            }

            output.WriteLine($"Language server: findings shown and cleared in {(DateTime.UtcNow - started).TotalSeconds:F1} s.");
        }
        catch
        {
            output.WriteLine("csharp-ls log:");
            output.WriteLine(server.ServerLog);
            throw;
        }
    }

    [Fact]
    public void DotnetFormat_FixesTheSample_AndTheFixedCopyBuildsClean()
    {
        var app = package.CreateSampleCopy("format-sample");
        var fixable = PackageCatalog.FixableIds.OrderBy(id => id, StringComparer.Ordinal).ToArray();

        // Two passes, in the order a developer would take them: the Key Vault fix (AZSEC101-103) turns a
        // literal connection string into a run-time read, after which the DefaultAzureCredential fix
        // (AZSEC201) can no longer derive the endpoint from it and rightly offers nothing. One pass would
        // leave that order to dotnet format.
        var keyVaultFixed = new[] { RuleIds.HardcodedCredential, RuleIds.HardcodedSecretArgument, RuleIds.CredentialNamedSymbol };
        // One Key Vault pass suffices: its Fix All applies the fixes of a document one after the other, so
        // fixes that add the same using directives do not collide (the batch fixer dropped such overlapping edits).
        foreach (var pass in new[] { fixable.Except(keyVaultFixed).ToArray(), fixable.Intersect(keyVaultFixed).ToArray() })
        {
            var format = DotNetCli.Run(app, PackedPackageFixture.CommandTimeout, new[] { "format", "analyzers", "InsecureApp.csproj", "--severity", "info", "--no-restore", "--diagnostics" }.Concat(pass).ToArray());
            Assert.True(format.ExitCode == 0, format.ToString());
        }

        var build = PackedPackageFixture.Build(app);
        Assert.True(build.ExitCode == 0, build.ToString());
        foreach (var id in fixable.Where(id => Expected.Any(f => f.RuleId == id)))
        {
            // What remains of a rule with a fix: only the findings its fix rightly does not offer to change
            // (e.g. AZSEC503 on ECB mode). The console repeats warnings, so count distinct lines.
            var remaining = build.Output.Split('\n').Select(line => line.Trim()).Where(line => line.Contains($"warning {id}:", StringComparison.Ordinal)).Distinct().Count();
            Assert.True(remaining == Expected.Count(f => f.RuleId == id && f.NoFixOffered), $"{id}: {remaining} findings left after dotnet format\n{build.Output}");
        }
    }

    private static async Task<List<JsonObject>> PullUntilAsync(LspClient server, string uri, Func<List<JsonObject>, bool> done, DateTime started)
    {
        List<JsonObject> items = new();
        while (DateTime.UtcNow - started < ServerBudget)
        {
            var report = await server.RequestAsync("textDocument/diagnostic", new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } }, ServerBudget);
            items = report?["items"]?.AsArray().Select(i => i!.AsObject()).ToList() ?? new List<JsonObject>();
            if (done(items))
            {
                return items;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        throw new TimeoutException($"The language server did not reach the expected diagnostics for {uri} within {ServerBudget}; last: {string.Join(", ", items.Select(Code))}");
    }

    private static JsonNode? AnswerServerRequest(JsonObject request)
    {
        // workspace/configuration: csharp-ls keeps analyzers off unless the client turns them on.
        if (request["method"]?.GetValue<string>() == "workspace/configuration")
        {
            var answers = new JsonArray();
            foreach (var item in request["params"]!["items"]!.AsArray())
            {
                answers.Add(item?["section"]?.GetValue<string>() == "csharp" ? CSharpSettings()["csharp"]!.DeepClone() : CSharpSettings());
            }

            return answers;
        }

        return null;
    }

    private static JsonObject CSharpSettings() => new() { ["csharp"] = new JsonObject { ["analyzersEnabled"] = true } };

    private static string Code(JsonObject diagnostic) => diagnostic["code"]?.ToString() ?? string.Empty;

    private static string DocumentUri(string rootUri, string file) => rootUri + "/" + file.Replace(Path.DirectorySeparatorChar, '/');

    private static (int Line, int Character) Position(string text, string anchor)
    {
        var index = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(index >= 0, $"The sample no longer contains '{anchor}'");
        Assert.True(text.IndexOf(anchor, index + 1, StringComparison.Ordinal) < 0, $"'{anchor}' is not unique in the sample");
        var line = text[..index].Count(c => c == '\n');
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        return (line, index - lineStart);
    }

    private static string RemoveLine(string text, string anchor)
    {
        var index = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(index >= 0, $"The sample no longer contains '{anchor}'");
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        return text[..start] + (end < 0 ? string.Empty : text[(end + 1)..]);
    }

    private static string ReplaceLine(string text, string anchor, string replacement)
    {
        var index = text.IndexOf(anchor, StringComparison.Ordinal);
        if (index < 0)
        {
            // Another finding on the same line already replaced it.
            return text;
        }

        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var end = text.IndexOf('\n', index);
        return text[..start] + replacement + (end < 0 ? string.Empty : text[end..]);
    }
}

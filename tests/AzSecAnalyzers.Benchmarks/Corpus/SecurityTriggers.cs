namespace AzSecAnalyzers.Benchmarks.Corpus;

/// <summary>
/// A piece of insecure code the generator plants in a controller, so that every analyzer set has
/// something to find and none can be silently not running. <see cref="AzSecRuleId"/> names the
/// AzSecAnalyzers rule it must trigger (null: a pattern only the peers cover); the smoke test
/// asserts that each planted AzSec trigger is reported.
/// </summary>
/// <param name="Name">Short name, used in the corpus manifest.</param>
/// <param name="AzSecRuleId">The AzSecAnalyzers rule this code triggers, or null.</param>
/// <param name="Member">Renders the controller action; its argument makes member names unique.</param>
internal sealed record SecurityTrigger(string Name, string? AzSecRuleId, Func<string, string> Member);

/// <summary>
/// The triggers, one per insecure pattern. To cover a new rule, add an entry here (or a file template
/// that uses the API the rule inspects); the controllers that hosts them already import everything in
/// <see cref="FileTemplates.ControllerUsings"/>.
/// </summary>
internal static class SecurityTriggers
{
    public static IReadOnlyList<SecurityTrigger> All { get; } =
    [
        // AZSEC301 (and SCS0004, Sonar S4830, CA5359): certificate validation turned off.
        new("CertificateValidationDisabled", "AZSEC301", suffix => $$"""
            [HttpGet("partner-status-{{suffix}}")]
            public async Task<IActionResult> PartnerStatus{{suffix}}(CancellationToken cancellationToken)
            {
                using var handler = new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true,
                };
                using var client = new HttpClient(handler);
                var status = await client.GetStringAsync("https://partner.example.com/status", cancellationToken);
                return Ok(status);
            }
            """),

        // SQL built by concatenation from request input (SCS0002 / SCS0026, Sonar S2077, CA2100).
        new("SqlConcatenation", null, suffix => $$"""
            [HttpGet("search-{{suffix}}")]
            public async Task<IActionResult> Search{{suffix}}(string name, CancellationToken cancellationToken)
            {
                await using var connection = new SqlConnection(_configuration.GetConnectionString("Reports"));
                await connection.OpenAsync(cancellationToken);
                using var command = new SqlCommand("SELECT Id, Name FROM Customers WHERE Name = '" + name + "'", connection);
                var names = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    names.Add(reader.GetString(1));
                }

                return Ok(names);
            }
            """),

        // Broken hash algorithms (SCS0006, Sonar S4790, CA5350 / CA5351).
        new("WeakHash", null, suffix => $$"""
            [HttpPost("fingerprint-{{suffix}}")]
            public IActionResult Fingerprint{{suffix}}([FromBody] string payload)
            {
                using var md5 = MD5.Create();
                var digest = md5.ComputeHash(Encoding.UTF8.GetBytes(payload));
                var legacy = SHA1.HashData(digest);
                return Ok(Convert.ToHexString(legacy));
            }
            """),

        // Broken symmetric cipher (SCS0010, Sonar S5547, CA5351).
        new("WeakCipher", null, suffix => $$"""
            [HttpPost("legacy-token-{{suffix}}")]
            public IActionResult LegacyToken{{suffix}}([FromBody] string payload)
            {
                using var des = DES.Create();
                des.GenerateKey();
                var encrypted = des.EncryptCbc(Encoding.UTF8.GetBytes(payload), des.IV);
                return Ok(Convert.ToBase64String(encrypted));
            }
            """),

        // Predictable random numbers for a security token (SCS0005, Sonar S2245, CA5394).
        new("WeakRandom", null, suffix => $$"""
            [HttpPost("reset-code-{{suffix}}")]
            public IActionResult ResetCode{{suffix}}()
            {
                var random = new Random();
                var code = random.Next(100000, 999999).ToString(CultureInfo.InvariantCulture);
                return Ok(new { code });
            }
            """),

        // Hard-coded credential (SCS0015, Sonar S2068).
        new("HardCodedPassword", null, suffix => $$"""
            [HttpGet("legacy-db-{{suffix}}")]
            public IActionResult LegacyDatabase{{suffix}}()
            {
                string password = "Legacy-Demo-Pass-01";
                var builder = new SqlConnectionStringBuilder { DataSource = "legacy-db", UserID = "report", Password = password };
                return Ok(builder.DataSource);
            }
            """),

        // Open redirect from request input (SCS0027, Sonar S5146).
        new("OpenRedirect", null, suffix => $$"""
            [HttpGet("continue-{{suffix}}")]
            public IActionResult Continue{{suffix}}(string returnUrl) => Redirect(returnUrl);
            """),

        // Path traversal from request input (SCS0018, Sonar S6549).
        new("PathTraversal", null, suffix => $$"""
            [HttpGet("attachment-{{suffix}}")]
            public async Task<IActionResult> Attachment{{suffix}}(string fileName, CancellationToken cancellationToken)
            {
                var content = await System.IO.File.ReadAllTextAsync(Path.Combine("/srv/attachments", fileName), cancellationToken);
                return Ok(content);
            }
            """),

        // Insecure XML parsing (SCS0007, Sonar S2755, CA3075).
        new("XmlExternalEntities", null, suffix => $$"""
            [HttpPost("import-{{suffix}}")]
            public IActionResult Import{{suffix}}([FromBody] string xml)
            {
                var document = new XmlDocument { XmlResolver = new XmlUrlResolver() };
                document.LoadXml(xml);
                return Ok(document.DocumentElement?.Name);
            }
            """),

        // Process started from request input (SCS0001, Sonar S4721 / S4036).
        new("CommandInjection", null, suffix => $$"""
            [HttpPost("convert-{{suffix}}")]
            public IActionResult Convert{{suffix}}(string arguments)
            {
                using var process = Process.Start("convert", arguments);
                process?.WaitForExit();
                return Ok(process?.ExitCode);
            }
            """),
    ];
}

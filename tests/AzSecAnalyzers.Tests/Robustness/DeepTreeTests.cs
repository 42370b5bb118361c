using System.Collections.Immutable;
using System.Text;
using AzSecAnalyzers.Tests.Infrastructure;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>
/// Code the compiler accepts but that is very deep: a concatenation of 20,000 terms, a condition of
/// 20,000 <c>&amp;&amp;</c>, a flags expression of 20,000 <c>|</c>, nested interpolations, lambdas and
/// ternaries. A walk with one stack frame per level overflows the stack, which no handler catches: in a
/// build it kills the compiler. The source is compiled first on a thread with a large stack (the
/// compiler's own recursion is not ours to test), then every analyzer runs on a thread with a 1 MiB stack,
/// the size of an ordinary thread, and must finish without AD0001.
/// </summary>
[Trait("Category", "Robustness")]
public class DeepTreeTests
{
    private const int OrdinaryStack = 1024 * 1024;
    private const int CompilerStack = 256 * 1024 * 1024;

    public static TheoryData<string> Cases() => new(DeepCases.Keys);

    [Theory]
    [MemberData(nameof(Cases))]
    public void DeepCode_IsAnalyzedOnAnOrdinaryStack(string name)
    {
        var (source, expectedId) = DeepCases[name];
        var compilation = CSharpCompilation.Create(
            "Deep",
            new[] { CSharpSyntaxTree.ParseText(source, TestSetup.ParseOptions) },
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        ImmutableArray<Diagnostic> errors = default;
        OnThread(CompilerStack, () => errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        Assert.True(errors.IsEmpty, $"The case does not compile: {string.Join("; ", errors.Take(3))}");

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, analyzer, _) => { lock (exceptions) { exceptions.Add($"{analyzer.GetType().Name}: {exception.GetType().Name} {exception.Message}"); } },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = default;
        OnThread(OrdinaryStack, () => diagnostics = compilation.WithAnalyzers(PackageCatalog.CreateAnalyzers(), options).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult());

        Assert.Empty(exceptions);
        Assert.Empty(diagnostics.Where(d => d.Id is "AD0001" or "AD0002"));
        if (expectedId is not null)
        {
            // The analysis reached the deep part: the finding it holds is reported.
            Assert.Contains(diagnostics, d => d.Id == expectedId);
        }
    }

    private static readonly Dictionary<string, (string Source, string? ExpectedId)> DeepCases = new()
    {
        ["concatenation-20000-with-an-account-key"] = ($$"""
            class Concat
            {
                string Build(string s) => "DefaultEndpointsProtocol=https;AccountName=deep;AccountKey={{TestSecrets.StorageKey}};" + s{{Repeat(" + \"x\" + s", 10_000)}};
            }
            """, "AZSEC101"),
        ["concatenation-20000-into-a-sql-command"] = ($$"""
            using Microsoft.Data.SqlClient;
            class Query
            {
                SqlCommand Build(string s) => new SqlCommand("SELECT * FROM Orders WHERE Name = '" + s{{Repeat(" + \"' OR Name = '\" + s", 10_000)}} + "'");
            }
            """, "AZSEC410"),
        ["concatenation-20000-into-an-http-uri"] = ($$"""
            using System;
            class Endpoint
            {
                Uri Build(string s) => new Uri("http://contoso.blob.core.windows.net/" + s{{Repeat(" + \"/\" + s", 10_000)}});
            }
            """, null),
        ["condition-20000-and-terms"] = ($$"""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.Hosting;
            class Startup
            {
                void Configure(WebApplication app, bool x)
                {
                    if (x{{Repeat(" && x", 20_000)}} && app.Environment.IsDevelopment())
                    {
                        app.UseDeveloperExceptionPage();
                    }

                    if (!app.Environment.IsDevelopment(){{Repeat(" || x", 20_000)}})
                    {
                        return;
                    }
                }
            }
            """, null),
        ["flags-20000-or-terms"] = ($$"""
            using System.Net;
            using System.Security.Authentication;
            class Protocols
            {
                SslProtocols Tls() => SslProtocols.Tls{{Repeat(" | SslProtocols.Tls11 | SslProtocols.Tls12", 10_000)}};
                void Legacy() => ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls{{Repeat(" | SecurityProtocolType.Tls11", 20_000)}};
            }
            """, "AZSEC302"),
        ["sas-permissions-20000-or-terms"] = ($$"""
            using System;
            using Azure.Storage.Sas;
            class Sas
            {
                AccountSasBuilder Build() => new AccountSasBuilder(AccountSasPermissions.Read{{Repeat(" | AccountSasPermissions.Write | AccountSasPermissions.Delete", 10_000)}}, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Blobs, AccountSasResourceTypes.Object);
            }
            """, "AZSEC502"),
        ["interpolations-nested-16"] = ($$"""
            class Interpolated
            {
                string Build(string s) => {{Nest(16, "$\"a{", "s", "}b\"")}};
            }
            """, null),
        ["lambdas-nested-300"] = ($$"""
            using System;
            using Microsoft.Data.SqlClient;
            class Lambdas
            {
                void Build(string s)
                {
                    {{Nest(300, "((Action)(() => { ", "var command = new SqlCommand(\"SELECT * FROM Orders WHERE Name = '\" + s + \"'\");", " }))(); ")}}
                }
            }
            """, null),
        ["ternaries-nested-2000"] = ($$"""
            class Ternary
            {
                string Pick(int i, string s) => {{string.Concat(Enumerable.Range(0, 2_000).Select(i => $"i == {i} ? \"v{i}\" + s : "))}}"AccountName=deep;AccountKey={{TestSecrets.StorageKey}}";
            }
            """, "AZSEC101"),
    };

    private static string Repeat(string text, int count)
    {
        var builder = new StringBuilder(text.Length * count);
        for (var i = 0; i < count; i++)
        {
            builder.Append(text);
        }

        return builder.ToString();
    }

    private static string Nest(int depth, string open, string inner, string close)
        => Repeat(open, depth) + inner + Repeat(close, depth);

    /// <summary>Runs <paramref name="action"/> on a new thread with the given stack and rethrows what it threw.</summary>
    private static void OnThread(int stackSize, Action action)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                action();
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        }, stackSize);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("The analysis failed on its thread", failure);
        }
    }
}

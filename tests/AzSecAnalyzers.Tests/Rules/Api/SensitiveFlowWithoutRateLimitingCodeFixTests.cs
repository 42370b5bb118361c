using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.SensitiveFlowWithoutRateLimitingAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.SensitiveFlowWithoutRateLimitingCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class SensitiveFlowWithoutRateLimitingCodeFixTests
{
    private const string Program = """
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.RateLimiting;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddRateLimiter(options => options.AddFixedWindowLimiter("auth", o => { o.PermitLimit = 5; o.Window = TimeSpan.FromMinutes(1); }));
        var app = builder.Build();
        app.UseRateLimiter();
        """;

    private static Verify.Test Test(string source, string fixedSource, int diagnostics)
    {
        var test = new Verify.Test
        {
            CodeActionEquivalenceKey = EquivalenceKeys.EnableRateLimiting,

            // A compilation-end diagnostic is not local to a document; the IDE still fixes it from the error list.
            CodeFixTestBehaviors = CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };
        test.TestState.Sources.Add(("Program.cs", source));
        test.FixedState.Sources.Add(("Program.cs", fixedSource));
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        for (var i = 0; i < diagnostics; i++)
        {
            test.ExpectedDiagnostics.Add(SensitiveFlowWithoutRateLimitingAnalyzerTests.Expected(i, i == 0 ? "Endpoint 'MapPost(\"/login\")'" : "Action 'AccountController.Register'"));
        }

        return test;
    }

    [Fact]
    public Task ExistingPolicy_IsAttached_ToEndpointAndAction() => Test(Program + """
        app.{|#0:MapPost|}("/login", (string user) => user);
        app.Run();

        public class AccountController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.HttpPost]
            public string {|#1:Register|}(string user) => user;
        }
        """, Program + """
        app.MapPost("/login", (string user) => user).RequireRateLimiting("auth");
        app.Run();

        public class AccountController : Microsoft.AspNetCore.Mvc.ControllerBase
        {
            [Microsoft.AspNetCore.Mvc.HttpPost]
            [EnableRateLimiting("auth")]
            public string Register(string user) => user;
        }
        """, 2).RunAsync();

    [Fact]
    public Task NoPolicyRegistered_HasNoFix()
    {
        const string Source = """
            using Microsoft.AspNetCore.Builder;

            var app = WebApplication.Create(args);
            app.{|#0:MapPost|}("/login", (string user) => user);
            app.Run();
            """;
        return Test(Source, Source, 1).RunAsync();
    }
}

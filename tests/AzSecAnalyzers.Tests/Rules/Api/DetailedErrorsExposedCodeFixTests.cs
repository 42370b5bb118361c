using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.DetailedErrorsExposedAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.DetailedErrorsExposedCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class DetailedErrorsExposedCodeFixTests
{
    private static DiagnosticResult Expected(int location, string api, string advice = AzSecAnalyzers.Infrastructure.AspNetCore.DevelopmentOnly.WrapAdvice)
        => Verify.Diagnostic(Descriptors.AZSEC408_DetailedErrorsExposed).WithLocation(location).WithArguments(api, advice);

    [Fact]
    public Task TopLevelStatement_IsWrappedWithTheAppsEnvironment()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();
                // Show errors while we debug the checkout.
                app.{|#0:UseDeveloperExceptionPage|}();
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Hosting;

                var builder = WebApplication.CreateBuilder(args);
                var app = builder.Build();
                // Show errors while we debug the checkout.
                if (app.Environment.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
                app.Run();
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.WrapDetailedErrorsInDevelopmentCheck,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected(0, "UseDeveloperExceptionPage()"));
        return test.RunAsync();
    }

    [Fact]
    public Task StartupConfigure_UsesTheEnvParameter() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;

        class Startup
        {
            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                app.{|#0:UseDeveloperExceptionPage|}();
                app.UseRouting();
            }
        }
        """, Expected(0, "UseDeveloperExceptionPage()"), """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Hosting;

        class Startup
        {
            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    app.UseDeveloperExceptionPage();
                }
                app.UseRouting();
            }
        }
        """);

    [Fact]
    public Task NoEnvironmentInScope_OrChainedCall_HasNoFix()
    {
        var source = """
            using Microsoft.AspNetCore.Builder;

            static class Pipeline
            {
                public static void Configure(IApplicationBuilder app)
                {
                    app.{|#0:UseDeveloperExceptionPage|}();
                }

                public static void Chained(WebApplication web)
                {
                    web.{|#1:UseDeveloperExceptionPage|}().UseRouting();
                }
            }
            """;
        return Verify.VerifyCodeFixAsync(source, new[] { Expected(0, "UseDeveloperExceptionPage()"), Expected(1, "UseDeveloperExceptionPage()") }, source);
    }
}

using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.ApiDocumentationExposedAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.ApiDocumentationExposedCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class ApiDocumentationExposedCodeFixTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC413_ApiDocumentationExposed).WithLocation(location).WithArguments(api);

    [Fact]
    public Task DocumentationCallsOfOneBlock_AreWrappedTogether_FixAll()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Hosting;

                var app = WebApplication.CreateBuilder(args).Build();
                app.{|#0:UseSwagger|}();
                app.{|#1:UseSwaggerUI|}();
                app.{|#2:MapOpenApi|}();
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Hosting;

                var app = WebApplication.CreateBuilder(args).Build();
                if (app.Environment.IsDevelopment())
                {
                    app.UseSwagger();
                    app.UseSwaggerUI();
                    app.MapOpenApi();
                }
                app.Run();
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.WrapApiDocumentationInDevelopmentCheck,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected(0, "UseSwagger()").WithLocation(1).WithLocation(2));
        return test.RunAsync();
    }

    [Fact]
    public Task BuilderOnlyInScope_UsesBuilderEnvironment() => Verify.VerifyCodeFixAsync("""
        using Microsoft.AspNetCore.Builder;

        static class Docs
        {
            public static void Use(WebApplicationBuilder builder, IApplicationBuilder pipeline)
            {
                pipeline.{|#0:UseSwagger|}();
            }
        }
        """, Expected(0, "UseSwagger()"), """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        static class Docs
        {
            public static void Use(WebApplicationBuilder builder, IApplicationBuilder pipeline)
            {
                if (builder.Environment.IsDevelopment())
                {
                    pipeline.UseSwagger();
                }
            }
        }
        """);

    [Fact]
    public Task CallsAroundOtherMiddleware_WrappedSeparately_FixAll()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Microsoft.AspNetCore.Builder;

                var app = WebApplication.CreateBuilder(args).Build();
                app.{|#0:UseSwagger|}();
                app.UseHttpsRedirection();
                app.{|#1:UseSwaggerUI|}();
                app.Run();
                """,
            FixedCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.Hosting;

                var app = WebApplication.CreateBuilder(args).Build();
                if (app.Environment.IsDevelopment())
                {
                    app.UseSwagger();
                }
                app.UseHttpsRedirection();
                if (app.Environment.IsDevelopment())
                {
                    app.UseSwaggerUI();
                }
                app.Run();
                """,
            CodeActionEquivalenceKey = EquivalenceKeys.WrapApiDocumentationInDevelopmentCheck,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.Add(Expected(0, "UseSwagger()").WithLocation(1));
        return test.RunAsync();
    }
}

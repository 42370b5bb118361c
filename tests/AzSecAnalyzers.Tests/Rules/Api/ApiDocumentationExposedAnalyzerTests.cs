using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.ApiDocumentationExposedAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class ApiDocumentationExposedAnalyzerTests
{
    private static DiagnosticResult Expected(int location, string api)
        => Verify.Diagnostic(Descriptors.AZSEC413_ApiDocumentationExposed).WithLocation(location).WithArguments(api);

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task UnguardedDocumentation_Triggers() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Scalar.AspNetCore;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOpenApi();
        var app = builder.Build();
        app.{|#0:UseSwagger|}();
        app.{|#1:UseSwaggerUI|}(options => options.RoutePrefix = "docs");
        app.{|#2:MapOpenApi|}();
        app.{|#3:MapScalarApiReference|}();
        app.Run();
        """,
        Expected(0, "UseSwagger()").WithLocation(1).WithLocation(2).WithLocation(3));

    [Fact]
    public Task OneFindingPerBlock_OthersAsAdditionalLocations() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var app = WebApplication.CreateBuilder(args).Build();
        app.{|#0:UseSwagger|}().{|#1:UseSwaggerUI|}();
        app.UseHttpsRedirection();
        if (app.Environment.IsStaging())
        {
            app.{|#2:UseSwagger|}();
            app.{|#3:UseSwaggerUI|}();
        }

        app.Run();
        """,
        Expected(0, "UseSwagger()").WithLocation(1),
        Expected(2, "UseSwagger()").WithLocation(3));

    [Fact]
    public Task GuardsRealCodeWrites_DoNotTrigger() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var app = WebApplication.CreateBuilder(args).Build();
        if (!app.Environment.IsProduction())
        {
            app.UseSwagger();
            app.MapOpenApi();
        }

        if (app.Environment.IsEnvironment("Local") || app.Environment.IsEnvironment("Dev"))
        {
            app.UseSwaggerUI();
        }

        if (app.Environment.IsDevelopment())
        {
            app.UseApiDocs();
        }

        if (app.Environment.IsProduction())
        {
            app.UseHttpsRedirection();
        }
        else
        {
            app.MapOpenApi();
        }

        app.Run();

        static class Docs
        {
            public static void UseApiDocs(this WebApplication app)
            {
                app.UseSwagger();
                app.UseSwaggerUI();
            }
        }
        """);

    [Fact]
    public Task HelperWithAnUnguardedCaller_Triggers() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;

        var app = WebApplication.CreateBuilder(args).Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseApiDocs();
        }

        app.UseApiDocs();
        if (app.Environment.IsEnvironment("Production"))
        {
            app.{|#2:MapOpenApi|}();
        }

        app.Run();

        static class Docs
        {
            public static void UseApiDocs(this WebApplication app)
            {
                app.{|#0:UseSwagger|}();
                app.{|#1:UseSwaggerUI|}();
            }
        }
        """,
        Expected(0, "UseSwagger()").WithLocation(1),
        Expected(2, "MapOpenApi()"));

    [Fact]
    public Task GuardedOrProtected_DoesNotTrigger() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.Hosting;
        using Scalar.AspNetCore;

        var app = WebApplication.CreateBuilder(args).Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseSwagger();
            app.UseSwaggerUI();
            app.MapScalarApiReference();
        }

        app.MapOpenApi().RequireAuthorization("ApiReaders");
        app.Run();

        static class Swagger
        {
            public static void UseSwagger(this object app) { }
            public static void M() => new object().UseSwagger();
        }
        """);

    [Fact]
    public Task WithoutPackages_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "static class C { static void UseSwagger(this object o) { } static void M() => new object().UseSwagger(); }",
        NetCoreOnly = true,
    }.RunAsync();
}

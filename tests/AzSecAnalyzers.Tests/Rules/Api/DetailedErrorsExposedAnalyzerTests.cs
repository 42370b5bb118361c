using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.DetailedErrorsExposedAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class DetailedErrorsExposedAnalyzerTests
{
    internal static DiagnosticResult Expected(int location, string api, string advice = AzSecAnalyzers.Infrastructure.AspNetCore.DevelopmentOnly.WrapAdvice)
        => Verify.Diagnostic(Descriptors.AZSEC408_DetailedErrorsExposed).WithLocation(location).WithArguments(api, advice);

    private static Task VerifyProgramAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task UnguardedDetailedErrors_Trigger() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSignalR(o => o.{|#0:EnableDetailedErrors|} = true);
        builder.Services.AddServerSideBlazor(o => o.{|#1:DetailedErrors|} = true);
        builder.Services.AddAuthentication().AddJwtBearer(o => o.{|#2:IncludeErrorDetails|} = true);
        builder.Services.AddDbContext<ShopContext>(o => o.UseSqlServer("Server=.;Database=shop").{|#3:EnableSensitiveDataLogging|}().{|#4:EnableDetailedErrors|}(true));
        var app = builder.Build();
        app.{|#5:UseDeveloperExceptionPage|}();
        app.Run();

        class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options);
        """,
        Expected(0, "'HubOptions.EnableDetailedErrors = true'"),
        Expected(1, "'CircuitOptions.DetailedErrors = true'"),
        Expected(2, "'JwtBearerOptions.IncludeErrorDetails = true'"),
        Expected(3, "EnableSensitiveDataLogging()"),
        Expected(4, "EnableDetailedErrors()"),
        Expected(5, "UseDeveloperExceptionPage()"));

    [Fact]
    public Task GuardedOrDisabled_DoNotTrigger() => VerifyProgramAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSignalR(o => o.EnableDetailedErrors = builder.Environment.IsDevelopment());
        builder.Services.AddDbContext<ShopContext>(o => o.UseSqlServer("Server=.;Database=shop").EnableSensitiveDataLogging(false));
        if (builder.Environment.IsEnvironment("Development"))
        {
            builder.Services.AddServerSideBlazor(o => o.DetailedErrors = true);
        }

        var app = builder.Build();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            app.UseExceptionHandler("/error");
        }

        #if DEBUG
        app.UseDeveloperExceptionPage();
        #endif

        app.Run();

        class ShopContext(DbContextOptions<ShopContext> options) : DbContext(options);

        class Startup
        {
            public void Configure(IApplicationBuilder app, IWebHostEnvironment env)
            {
                if (!env.IsDevelopment())
                {
                    return;
                }

                app.UseDeveloperExceptionPage();
            }
        }

        class Options { public bool DetailedErrors { get; set; } }
        class User { void M() => new Options { DetailedErrors = true }; }
        """);

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class C { bool DetailedErrors { get; set; } void M() => DetailedErrors = true; }",
        NetCoreOnly = true,
    }.RunAsync();

    [Fact]
    public Task OnConfiguring_SaysHowToGuardWithoutApp() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        using Microsoft.Extensions.Hosting;

        class ShopContext : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options)
                => options.UseSqlServer("Server=.;Database=shop").{|#0:EnableSensitiveDataLogging|}();
        }

        class GuardedContext(IHostEnvironment environment) : DbContext
        {
            protected override void OnConfiguring(DbContextOptionsBuilder options)
            {
                if (environment.IsDevelopment())
                {
                    options.EnableSensitiveDataLogging();
                }
            }
        }
        """,
        Expected(0, "EnableSensitiveDataLogging()", AzSecAnalyzers.Rules.Api.DetailedErrorsExposedAnalyzer.OnConfiguringAdvice));
}

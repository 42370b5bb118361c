using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.PermissiveCorsAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class PermissiveCorsAnalyzerTests
{
    private const string Credentials = " and sends credentials (AllowCredentials), so any site acts with the user's cookies";

    private static DiagnosticResult Expected(int location, string method, string credentials = "")
        => Verify.Diagnostic(Descriptors.AZSEC407_PermissiveCors).WithLocation(location).WithArguments($"'CorsPolicyBuilder.{method}'", credentials);

    [Fact]
    public Task AnyOrigin_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.Extensions.DependencyInjection;

        static class Cors
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddCors(options =>
                {
                    options.AddPolicy("a", policy => policy.{|#0:AllowAnyOrigin|}().AllowAnyHeader());
                    options.AddPolicy("b", policy => policy.{|#1:WithOrigins|}("https://contoso.com", "*"));
                    options.AddPolicy("c", policy => policy.{|#2:SetIsOriginAllowed|}(_ => true).AllowCredentials());
                    options.AddDefaultPolicy(policy =>
                    {
                        policy.{|#3:SetIsOriginAllowed|}(origin => { return true; });
                        policy.AllowCredentials();
                    });
                });
            }
        }
        """,
        Expected(0, "AllowAnyOrigin"),
        Expected(1, "WithOrigins"),
        Expected(2, "SetIsOriginAllowed", Credentials),
        Expected(3, "SetIsOriginAllowed", Credentials));

    [Fact]
    public Task ListedOriginsOrRealChecks_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        static class Cors
        {
            public static void Configure(WebApplicationBuilder builder, string[] origins)
            {
                builder.Services.AddCors(options =>
                {
                    options.AddPolicy("a", policy => policy.WithOrigins("https://contoso.com").AllowCredentials());
                    options.AddPolicy("b", policy => policy.WithOrigins(origins));
                    options.AddPolicy("c", policy => policy.SetIsOriginAllowed(o => new Uri(o).Host.EndsWith(".contoso.com", StringComparison.Ordinal)));
                    if (builder.Environment.IsDevelopment())
                    {
                        options.AddPolicy("dev", policy => policy.AllowAnyOrigin());
                    }
                });
            }
        }

        class Policy { public Policy AllowAnyOrigin() => this; }
        class D { void M() => new Policy().AllowAnyOrigin(); }
        """);

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class C { }",
        NetCoreOnly = true,
    }.RunAsync();

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = """
            using Microsoft.Extensions.DependencyInjection;
            static class Cors
            {
                public static void Configure(IServiceCollection services)
                    => services.AddCors(o => o.AddPolicy("a", p => p.SetIsOriginAllowed(_ => ).WithOrigins(
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();
}

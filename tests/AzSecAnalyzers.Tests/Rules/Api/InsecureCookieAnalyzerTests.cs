using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.InsecureCookieAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class InsecureCookieAnalyzerTests
{
    internal const string SecureFalse = "'CookieOptions.Secure = false' lets the cookie travel over plain HTTP";
    internal const string PolicyNone = "'CookieBuilder.SecurePolicy = CookieSecurePolicy.None' lets the cookie travel over plain HTTP";
    internal const string HttpOnlyFalse = "'HttpOnly = false' lets scripts read the authentication or session cookie";
    internal const string SameSiteNone = "'SameSite = SameSiteMode.None' without 'Secure = true' sends the cookie cross-site, and browsers reject it";

    internal static DiagnosticResult Expected(int location, string problem, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC409_InsecureCookie).WithLocation(location).WithArguments(problem, fix);

    [Fact]
    public Task InsecureCookieSettings_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Cookies
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(options =>
                {
                    options.Cookie.{|#0:SecurePolicy|} = CookieSecurePolicy.None;
                    options.Cookie.{|#1:HttpOnly|} = false;
                });
                services.AddSession(options => options.Cookie = new CookieBuilder { Name = "s" });
                services.AddSession(options => options.Cookie.{|#2:HttpOnly|} = false);
            }

            public static void Write(HttpResponse response)
            {
                response.Cookies.Append("cart", "1", new CookieOptions { {|#3:Secure|} = false });
                response.Cookies.Append("sso", "1", new CookieOptions { {|#4:SameSite|} = SameSiteMode.None, HttpOnly = true });
                var options = new CookieOptions();
                options.{|#5:SameSite|} = SameSiteMode.None;
                response.Cookies.Append("x", "1", options);
            }
        }
        """,
        Expected(0, PolicyNone, "use CookieSecurePolicy.Always"),
        Expected(1, HttpOnlyFalse, "set HttpOnly = true"),
        Expected(2, HttpOnlyFalse, "set HttpOnly = true"),
        Expected(3, SecureFalse, "set Secure = true"),
        Expected(4, SameSiteNone, "also set Secure = true"),
        Expected(5, SameSiteNone, "also set Secure = true"));

    [Fact]
    public Task SecureOrHarmlessSettings_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        static class Cookies
        {
            public static void Configure(WebApplicationBuilder builder)
            {
                builder.Services.AddAuthentication().AddCookie(options =>
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.Cookie.HttpOnly = true;
                    options.Cookie.SameSite = SameSiteMode.None;
                });
                if (builder.Environment.IsDevelopment())
                {
                    builder.Services.AddSession(options => options.Cookie.SecurePolicy = CookieSecurePolicy.None);
                }
            }

            public static void Write(HttpResponse response, bool secure)
            {
                // A preference cookie that scripts read on purpose.
                response.Cookies.Append("theme", "dark", new CookieOptions { HttpOnly = false, Secure = true });
                response.Cookies.Append("sso", "1", new CookieOptions { SameSite = SameSiteMode.None, Secure = true });
                response.Cookies.Append("a", "1", new CookieOptions { Secure = secure });
                var options = new CookieOptions { SameSite = SameSiteMode.None };
                options.Secure = true;
                response.Cookies.Append("b", "1", options);
            }
        }

        class MyCookie { public bool Secure { get; set; } }
        class User { object M() => new MyCookie { Secure = false }; }
        """);

    [Fact]
    public Task WithoutAspNetCore_DoesNotTrigger() => new Verify.Test
    {
        TestCode = "class CookieOptions { public bool Secure { get; set; } } class C { object M() => new CookieOptions { Secure = false }; }",
        NetCoreOnly = true,
    }.RunAsync();

    internal const string BuilderSameSiteNone = "'SameSite = SameSiteMode.None' without 'SecurePolicy = CookieSecurePolicy.Always' sends the cookie cross-site, also over plain HTTP";

    [Fact]
    public Task AppendedSessionCookieAndCrossSiteBuilder_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Cookies
        {
            public static void Write(HttpResponse response, string token)
            {
                response.Cookies.Append("session-id", token, new CookieOptions { {|#0:HttpOnly|} = false, Secure = true });
                response.Cookies.Append("access_token", token, new CookieOptions { {|#1:SameSite|} = SameSiteMode.None, HttpOnly = true });
            }

            public static void Configure(IServiceCollection services)
            {
                services.ConfigureApplicationCookie(options => options.Cookie.{|#2:SameSite|} = SameSiteMode.None);
                services.AddSession(options =>
                {
                    options.Cookie.{|#3:SameSite|} = SameSiteMode.None;
                    options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                });
            }
        }
        """,
        Expected(0, HttpOnlyFalse, "set HttpOnly = true"),
        Expected(1, SameSiteNone, "also set Secure = true"),
        Expected(2, BuilderSameSiteNone, "also set SecurePolicy = CookieSecurePolicy.Always"),
        Expected(3, BuilderSameSiteNone, "also set SecurePolicy = CookieSecurePolicy.Always"));

    [Fact]
    public Task ScriptReadableOrSecuredCookies_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Cookies
        {
            public static void Write(HttpResponse response, string token, string theme)
            {
                response.Cookies.Append("XSRF-TOKEN", token, new CookieOptions { HttpOnly = false, Secure = true });
                response.Cookies.Append("theme", theme, new CookieOptions { HttpOnly = false });
                response.Cookies.Append("session-id", token, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.None });
            }

            public static void Configure(IServiceCollection services)
            {
                services.ConfigureApplicationCookie(options =>
                {
                    options.Cookie.SameSite = SameSiteMode.None;
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                });
                services.AddSession(options => options.Cookie = new CookieBuilder { SameSite = SameSiteMode.None, SecurePolicy = CookieSecurePolicy.Always });
                services.AddAntiforgery(options => options.Cookie.SameSite = SameSiteMode.Strict);
            }
        }
        """);
}

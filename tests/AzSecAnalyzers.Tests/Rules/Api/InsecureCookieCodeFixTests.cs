using AzSecAnalyzers.CodeFixes;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.InsecureCookieAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.InsecureCookieCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class InsecureCookieCodeFixTests
{
    [Fact]
    public Task SecureValues_AreWritten_FixAll() => Verify.VerifyCodeFixAsync("""
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
            }

            public static void Write(HttpResponse response)
            {
                response.Cookies.Append("cart", "1", new CookieOptions { {|#2:Secure|} = false });
                response.Cookies.Append("sso", "1", new CookieOptions { {|#3:SameSite|} = SameSiteMode.None });
                response.Cookies.Append("sso2", "1", new CookieOptions
                {
                    {|#4:SameSite|} = SameSiteMode.None,
                    HttpOnly = true,
                });
            }
        }
        """, new[]
        {
            InsecureCookieAnalyzerTests.Expected(0, InsecureCookieAnalyzerTests.PolicyNone, "use CookieSecurePolicy.Always"),
            InsecureCookieAnalyzerTests.Expected(1, InsecureCookieAnalyzerTests.HttpOnlyFalse, "set HttpOnly = true"),
            InsecureCookieAnalyzerTests.Expected(2, InsecureCookieAnalyzerTests.SecureFalse, "set Secure = true"),
            InsecureCookieAnalyzerTests.Expected(3, InsecureCookieAnalyzerTests.SameSiteNone, "also set Secure = true"),
            InsecureCookieAnalyzerTests.Expected(4, InsecureCookieAnalyzerTests.SameSiteNone, "also set Secure = true"),
        }, """
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        static class Cookies
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication().AddCookie(options =>
                {
                    options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                    options.Cookie.HttpOnly = true;
                });
            }

            public static void Write(HttpResponse response)
            {
                response.Cookies.Append("cart", "1", new CookieOptions { Secure = true });
                response.Cookies.Append("sso", "1", new CookieOptions { SameSite = SameSiteMode.None, Secure = true });
                response.Cookies.Append("sso2", "1", new CookieOptions
                {
                    SameSite = SameSiteMode.None,
                    Secure = true,
                    HttpOnly = true,
                });
            }
        }
        """, EquivalenceKeys.SecureCookie);
}

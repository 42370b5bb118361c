using System;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace SecureApp;

// The app's API configuration done right: authenticated by default, validated tokens, listed CORS
// origins, secure cookies, rate-limited sign-in, errors and API documentation only in development.
public static class ApiExamples
{
    public const string AuthenticationPolicy = "authentication";

    public static void AddApiConfiguration(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication().AddJwtBearer(options =>
            options.Authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0");

        // Every endpoint requires an authenticated caller unless it says [AllowAnonymous].
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.WithOrigins("https://shop.contoso.com").AllowCredentials()));

        builder.Services.AddAuthentication().AddCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);

        builder.Services.AddRateLimiter(options => options.AddFixedWindowLimiter(AuthenticationPolicy, limiter =>
        {
            limiter.PermitLimit = 5;
            limiter.Window = TimeSpan.FromMinutes(1);
        }));

        builder.Services.AddOpenApi();
        builder.Services.AddControllers();
    }

    public static void UseApiConfiguration(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
            app.MapOpenApi();
        }

        app.UseCors();
        app.UseRateLimiter();
        app.MapControllers();
    }
}

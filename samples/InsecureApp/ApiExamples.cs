using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace InsecureApp;

// OWASP API Top 10 mistakes in the app's configuration (AZSEC403, 407, 408, 409, 413).
public static class ApiExamples
{
    public static void AddApiConfiguration(this WebApplicationBuilder builder)
    {
        // "The tokens come from our own tenant anyway."
        builder.Services.AddAuthentication().AddJwtBearer(options =>
        {
            options.Authority = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0";
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = false,
            };
        });

        builder.Services.AddCors(options => options.AddDefaultPolicy(policy => policy.SetIsOriginAllowed(_ => true).AllowCredentials()));

        builder.Services.AddAuthentication().AddCookie(options => options.Cookie.SecurePolicy = CookieSecurePolicy.None);

        // A limiter policy exists, but nothing applies it to the sign-in endpoint (AZSEC412).
        builder.Services.AddRateLimiter(options => options.AddFixedWindowLimiter("sign-in", limiter =>
        {
            limiter.PermitLimit = 5;
            limiter.Window = TimeSpan.FromMinutes(1);
        }));

        builder.Services.AddOpenApi();
        builder.Services.AddControllers();
    }

    public static void UseApiConfiguration(this WebApplication app)
    {
        app.UseDeveloperExceptionPage();
        app.MapOpenApi();
        app.UseCors();
        app.MapControllers();
    }
}

using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.TokenValidationWeakenedAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class TokenValidationWeakenedAnalyzerTests
{
    private const string IssuerFix = "remove the callback so the built-in validation runs, or check the issuer against a list of tenants and throw otherwise";

    private static DiagnosticResult Expected(int location, string property, string problem = "is false", string fix = "set it to true")
        => Verify.Diagnostic(Descriptors.AZSEC403_TokenValidationWeakened).WithLocation(location).WithArguments(property, problem, fix);

    [Fact]
    public Task DisabledFlags_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddAuthentication().AddJwtBearer(options =>
                {
                    options.TokenValidationParameters = new TokenValidationParameters
                    {
                        {|#0:ValidateIssuer|} = false,
                        {|#1:ValidateAudience|} = false,
                        ValidateLifetime = true,
                    };
                    options.TokenValidationParameters.{|#2:ValidateLifetime|} = false;
                    options.TokenValidationParameters.{|#3:RequireSignedTokens|} = false;
                    options.TokenValidationParameters.{|#4:RequireExpirationTime|} = false;
                    options.TokenValidationParameters.{|#5:ValidateIssuerSigningKey|} = false;
                });
            }
        }
        """,
        Expected(0, "ValidateIssuer"),
        Expected(1, "ValidateAudience"),
        Expected(2, "ValidateLifetime"),
        Expected(3, "RequireSignedTokens"),
        Expected(4, "RequireExpirationTime"),
        Expected(5, "ValidateIssuerSigningKey"));

    [Fact]
    public Task AcceptAllValidators_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static TokenValidationParameters Create() => new TokenValidationParameters
            {
                {|#0:IssuerSigningKeyValidator|} = (key, token, parameters) => true,
                {|#1:LifetimeValidator|} = (notBefore, expires, token, parameters) => true,
                {|#2:AudienceValidator|} = AcceptAudience,
                {|#3:SignatureValidator|} = (token, parameters) => new JsonWebToken(token),
            };

            static bool AcceptAudience(System.Collections.Generic.IEnumerable<string> audiences, SecurityToken token, TokenValidationParameters parameters)
            {
                return true;
            }
        }
        """,
        Expected(0, "IssuerSigningKeyValidator", "accepts every token", "remove the callback so the built-in validation runs"),
        Expected(1, "LifetimeValidator", "accepts every token", "remove the callback so the built-in validation runs"),
        Expected(2, "AudienceValidator", "accepts every token", "remove the callback so the built-in validation runs"),
        Expected(3, "SignatureValidator", "returns the token without validating its signature", "remove the callback so the signature is validated"));

    [Fact]
    public Task SecureOrConfiguredValues_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static TokenValidationParameters Create(bool validateIssuer, JsonWebTokenHandler handler) => new TokenValidationParameters
            {
                ValidateIssuer = validateIssuer,
                ValidateAudience = true,
                ValidateLifetime = Environment.GetEnvironmentVariable("X") != "1",
                IssuerSigningKeyValidator = (key, token, parameters) => key.KeySize >= 2048,
                LifetimeValidator = (notBefore, expires, token, parameters) => expires > DateTime.UtcNow,
                SignatureValidator = (token, parameters) => Validate(handler, token, parameters),
            };

            static SecurityToken Validate(JsonWebTokenHandler handler, string token, TokenValidationParameters parameters)
                => throw new NotSupportedException();
        }

        class MyOptions
        {
            public bool ValidateIssuer { get; set; }

            public static MyOptions Create() => new MyOptions { ValidateIssuer = false };
        }
        """);

    [Fact]
    public Task WithoutIdentityModel_DoesNotTrigger() => new Verify.Test
    {
        TestCode = """
            class TokenValidationParameters { public bool ValidateIssuer { get; set; } }
            class C { object M() => new TokenValidationParameters { ValidateIssuer = false }; }
            """,
        NetCoreOnly = true,
    }.RunAsync();

    [Fact]
    public Task PartialCode_DoesNotCrash() => new Verify.Test
    {
        TestCode = """
            using Microsoft.IdentityModel.Tokens;
            class C
            {
                object M() => new TokenValidationParameters { ValidateIssuer = , LifetimeValidator = (a, b, c, d) => };
            }
            """,
        CompilerDiagnostics = CompilerDiagnostics.None,
    }.RunAsync();

    [Fact]
    public Task ValidatorsThatOnlyParseOrEchoTheIssuer_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.IdentityModel.Tokens.Jwt;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static TokenValidationParameters Create() => new TokenValidationParameters
            {
                {|#0:IssuerValidator|} = (issuer, token, parameters) => issuer,
                {|#1:SignatureValidator|} = (token, parameters) => new JwtSecurityTokenHandler().ReadJwtToken(token),
            };

            public static void Configure(TokenValidationParameters parameters, JsonWebTokenHandler handler)
            {
                parameters.{|#2:SignatureValidator|} = delegate (string token, TokenValidationParameters p) { return handler.ReadJsonWebToken(token); };
                parameters.{|#3:IssuerValidator|} = Echo;
            }

            static string Echo(string issuer, SecurityToken token, TokenValidationParameters parameters)
            {
                return issuer;
            }
        }
        """,
        Expected(0, "IssuerValidator", "accepts every issuer", IssuerFix),
        Expected(1, "SignatureValidator", "returns the token without validating its signature", "remove the callback so the signature is validated"),
        Expected(2, "SignatureValidator", "returns the token without validating its signature", "remove the callback so the signature is validated"),
        Expected(3, "IssuerValidator", "accepts every issuer", IssuerFix));

    [Fact]
    public Task ValidatorsThatCheck_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            static readonly HashSet<string> Tenants = new() { "https://login.microsoftonline.com/tenant/v2.0" };

            public static TokenValidationParameters Create(JsonWebTokenHandler handler) => new TokenValidationParameters
            {
                IssuerValidator = (issuer, token, parameters) => Tenants.Contains(issuer) ? issuer : throw new SecurityTokenInvalidIssuerException(issuer),
                SignatureValidator = (token, parameters) =>
                {
                    var result = handler.ValidateTokenAsync(token, parameters).GetAwaiter().GetResult();
                    return result.IsValid ? result.SecurityToken : throw new SecurityTokenInvalidSignatureException();
                },
            };

            public static void Configure(TokenValidationParameters parameters)
            {
                parameters.IssuerValidator = (issuer, token, p) =>
                {
                    if (!issuer.StartsWith("https://login.microsoftonline.com/", StringComparison.Ordinal))
                    {
                        throw new SecurityTokenInvalidIssuerException("unknown issuer");
                    }

                    return issuer;
                };
                parameters.IssuerValidator = (issuer, token, p) => issuer == "https://sts.example" ? issuer : null!;
            }
        }
        """);
}

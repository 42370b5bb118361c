using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.TokenValidationWeakenedAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.TokenValidationWeakenedCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class TokenValidationWeakenedCodeFixTests
{
    private static DiagnosticResult Expected(int location, string property)
        => Verify.Diagnostic(Descriptors.AZSEC403_TokenValidationWeakened).WithLocation(location).WithArguments(property, "is false", "set it to true");

    [Fact]
    public Task FlagsAreSetToTrue_FixAll() => Verify.VerifyCodeFixAsync("""
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static TokenValidationParameters Create()
            {
                var parameters = new TokenValidationParameters
                {
                    {|#0:ValidateIssuer|} = false, // tenant-specific issuer
                    {|#1:ValidateAudience|} = false,
                };
                parameters.{|#2:ValidateLifetime|} = false;
                return parameters;
            }
        }
        """, new[] { Expected(0, "ValidateIssuer"), Expected(1, "ValidateAudience"), Expected(2, "ValidateLifetime") }, """
        using Microsoft.IdentityModel.Tokens;

        static class Auth
        {
            public static TokenValidationParameters Create()
            {
                var parameters = new TokenValidationParameters
                {
                    ValidateIssuer = true, // tenant-specific issuer
                    ValidateAudience = true,
                };
                parameters.ValidateLifetime = true;
                return parameters;
            }
        }
        """, EquivalenceKeys.EnableTokenValidation);

    [Fact]
    public Task AcceptAllValidator_HasNoFix()
    {
        var source = """
            using Microsoft.IdentityModel.Tokens;

            static class Auth
            {
                public static TokenValidationParameters Create() => new TokenValidationParameters
                {
                    {|#0:LifetimeValidator|} = (notBefore, expires, token, parameters) => true,
                };
            }
            """;
        return Verify.VerifyCodeFixAsync(
            source,
            Verify.Diagnostic(Descriptors.AZSEC403_TokenValidationWeakened).WithLocation(0)
                .WithArguments("LifetimeValidator", "accepts every token", "remove the callback so the built-in validation runs"),
            source);
    }
}

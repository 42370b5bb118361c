using AzSecAnalyzers.Infrastructure.Symbols;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Simplification;

namespace AzSecAnalyzers.CodeFixes.Rules.Secrets;

/// <summary>
/// Builds the expression that reads a secret at run time, in order of preference: an
/// <c>IConfiguration</c> in scope (<c>configuration["Name"]</c>, served by the Key Vault configuration
/// provider), a <c>SecretClient</c> in scope, or a new <c>SecretClient</c> for the vault named by the
/// <c>AZURE_KEYVAULT_URI</c> environment variable with <c>DefaultAzureCredential</c>.
/// </summary>
internal static class KeyVaultSecretRead
{
    public const string VaultUriVariable = "AZURE_KEYVAULT_URI";

    /// <summary>The read expression, or null when none can be written at <paramref name="position"/>.</summary>
    public static ExpressionSyntax? Create(SyntaxGenerator generator, SemanticModel model, int position, string secretName, bool expressionContext, bool canAwait)
    {
        var compilation = model.Compilation;
        var configuration = compilation.GetTypeByMetadataName(WellKnownTypeNames.IConfiguration);
        var secretClient = compilation.GetTypeByMetadataName(WellKnownTypeNames.SecretClient);
        var defaultCredential = compilation.GetTypeByMetadataName(WellKnownTypeNames.DefaultAzureCredential);
        var nullable = model.GetNullableContext(position).AnnotationsEnabled();
        var name = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(secretName));

        if (expressionContext)
        {
            if (configuration is not null && FindInScope(model, position, configuration, allowConfigurationProperty: true) is { } configurationAccess)
            {
                ExpressionSyntax read = SyntaxFactory.ElementAccessExpression(
                    configurationAccess,
                    SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(name))));
                return nullable ? SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, read) : read;
            }

            if (secretClient is not null && FindInScope(model, position, secretClient, allowConfigurationProperty: false) is { } client)
            {
                return GetSecret(client, name, canAwait);
            }
        }

        if (secretClient is null || defaultCredential is null)
        {
            return null;
        }

        var variable = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(VaultUriVariable));
        var environment = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.GetTypeByMetadataName("System.Environment") ?? compilation.GetTypeByMetadataName("System.Environment");
        var uri = compilation.GetTypeByMetadataName("System.Uri");
        if (environment is null || uri is null)
        {
            return null;
        }

        ExpressionSyntax vaultUri = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(generator, environment), SyntaxFactory.IdentifierName("GetEnvironmentVariable")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(variable))));
        if (nullable)
        {
            vaultUri = SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, vaultUri);
        }

        var newClient = SyntaxFactory.ObjectCreationExpression(
            TypeExpression(generator, secretClient),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(SyntaxFactory.ObjectCreationExpression(
                    TypeExpression(generator, uri),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(vaultUri))),
                    null)),
                SyntaxFactory.Argument(SyntaxFactory.ObjectCreationExpression(
                    TypeExpression(generator, defaultCredential),
                    SyntaxFactory.ArgumentList(),
                    null)),
            })),
            null);
        return GetSecret(newClient, name, canAwait && expressionContext);
    }

    /// <summary>
    /// <c>Environment.GetEnvironmentVariable("DB_PASSWORD")</c>: the read that needs no package, for a project that
    /// references neither Azure.Security.KeyVault.Secrets nor has an <c>IConfiguration</c> where the secret is
    /// used. The variable is named after the secret in the usual upper-case form; null when
    /// <c>System.Environment</c> is not available.
    /// </summary>
    public static ExpressionSyntax? EnvironmentVariable(SyntaxGenerator generator, SemanticModel model, int position, string variableName)
    {
        var compilation = model.Compilation;
        var environment = compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly.GetTypeByMetadataName("System.Environment") ?? compilation.GetTypeByMetadataName("System.Environment");
        if (environment is null)
        {
            return null;
        }

        ExpressionSyntax read = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, TypeExpression(generator, environment), SyntaxFactory.IdentifierName("GetEnvironmentVariable")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(variableName))))));
        return model.GetNullableContext(position).AnnotationsEnabled()
            ? SyntaxFactory.PostfixUnaryExpression(SyntaxKind.SuppressNullableWarningExpression, read)
            : read;
    }

    /// <summary><c>DbPassword</c> → <c>DB_PASSWORD</c>, <c>Invoices-UriString</c> → <c>INVOICES_URI_STRING</c>.</summary>
    public static string EnvironmentVariableName(string secretName)
    {
        var builder = new System.Text.StringBuilder(secretName.Length + 8);
        for (var i = 0; i < secretName.Length; i++)
        {
            var c = secretName[i];
            if (c == '-')
            {
                if (builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }

                continue;
            }

            if (char.IsUpper(c) && builder.Length > 0 && builder[builder.Length - 1] != '_'
                && (char.IsLower(secretName[i - 1]) || char.IsDigit(secretName[i - 1]) || (i + 1 < secretName.Length && char.IsLower(secretName[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary><c>client.GetSecret("name").Value.Value</c> or <c>(await client.GetSecretAsync("name")).Value.Value</c>.</summary>
    private static ExpressionSyntax GetSecret(ExpressionSyntax client, ExpressionSyntax name, bool canAwait)
    {
        var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(name)));
        ExpressionSyntax response = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, client, SyntaxFactory.IdentifierName(canAwait ? "GetSecretAsync" : "GetSecret")),
            arguments);
        if (canAwait)
        {
            response = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(response));
        }

        var secret = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, response, SyntaxFactory.IdentifierName("Value"));
        return SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, secret, SyntaxFactory.IdentifierName("Value"));
    }

    /// <summary>The type's fully qualified name, marked so the code action simplifies it and adds the <c>using</c>.</summary>
    private static TypeSyntax TypeExpression(SyntaxGenerator generator, INamedTypeSymbol type)
        => SyntaxFactory.IdentifierName(type.Name).WithAdditionalAnnotations(new SyntaxAnnotation(NamespaceAnnotationKind, type.ContainingNamespace.ToDisplayString()));

    /// <summary>Marks a simple type name whose namespace the fix must import (the data is the namespace).</summary>
    public const string NamespaceAnnotationKind = "AzSec.ImportNamespace";

    /// <summary>
    /// A local, parameter, field or property of <paramref name="type"/> usable at <paramref name="position"/>
    /// (for <c>IConfiguration</c> also <c>builder.Configuration</c> of a local such as a <c>WebApplicationBuilder</c>).
    /// </summary>
    private static ExpressionSyntax? FindInScope(SemanticModel model, int position, INamedTypeSymbol type, bool allowConfigurationProperty)
    {
        var staticContext = IsStaticContext(model, position);
        ExpressionSyntax? member = null;
        ExpressionSyntax? viaProperty = null;
        foreach (var symbol in model.LookupSymbols(position))
        {
            var (symbolType, isVariable) = symbol switch
            {
                ILocalSymbol local when IsDeclaredBefore(model, local, position) && IsInEnclosingMember(model, local, position) => (local.Type, true),
                IParameterSymbol parameter when IsInEnclosingMember(model, parameter, position) => (parameter.Type, true),
                IFieldSymbol field when field.IsStatic || !staticContext => (field.Type, false),
                IPropertySymbol { IsIndexer: false } property when property.IsStatic || !staticContext => (property.Type, false),
                _ => ((ITypeSymbol?)null, false),
            };

            if (symbolType is null)
            {
                continue;
            }

            var access = SyntaxFactory.IdentifierName(symbol.Name);
            if (TypeIdentity.IsOrInherits(symbolType, type))
            {
                if (isVariable)
                {
                    return access;
                }

                member ??= access;
            }
            else if (allowConfigurationProperty && isVariable && viaProperty is null
                     && symbolType.GetMembers("Configuration").OfType<IPropertySymbol>().FirstOrDefault() is { IsStatic: false } configuration
                     && TypeIdentity.IsOrInherits(configuration.Type, type))
            {
                viaProperty = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access, SyntaxFactory.IdentifierName("Configuration"));
            }
        }

        return member ?? viaProperty;
    }

    private static bool IsDeclaredBefore(SemanticModel model, ILocalSymbol local, int position)
        => local.DeclaringSyntaxReferences.All(reference => reference.SyntaxTree == model.SyntaxTree && reference.Span.End <= position);

    /// <summary>
    /// A local or parameter is usable only inside the member (or lambda) that declares it. Lookup also
    /// offers the locals of top-level statements in every other file, where using them is CS8801.
    /// </summary>
    private static bool IsInEnclosingMember(SemanticModel model, ISymbol variable, int position)
    {
        for (var symbol = model.GetEnclosingSymbol(position); symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(symbol, variable.ContainingSymbol))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsStaticContext(SemanticModel model, int position)
    {
        var symbol = model.GetEnclosingSymbol(position);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } nested)
        {
            symbol = nested.ContainingSymbol;
        }

        return symbol is null || symbol.IsStatic;
    }
}

using AzSecAnalyzers.CodeFixes.Rules.Identity;

namespace AzSecAnalyzers.CodeFixes;

internal enum CredentialKind
{
    Existing,
    Default,
    ManagedIdentity,
}

/// <summary>Which credential the AZSEC201 fix passes, and the edit that passes it.</summary>
internal static class CredentialChoice
{
    public static bool IsAvailable(AzSecContext types, CredentialKind kind)
        => kind switch
        {
            CredentialKind.Default => types.Get(WellKnownTypeNames.DefaultAzureCredential) is not null,
            CredentialKind.ManagedIdentity => types.Get(WellKnownTypeNames.ManagedIdentityCredential) is not null && types.Get("Azure.Identity.ManagedIdentityId") is not null,
            _ => true,
        };

    public static string NewCredential(CredentialKind kind, Func<string, string> typeName)
        => kind == CredentialKind.ManagedIdentity
            ? $"new {typeName(WellKnownTypeNames.ManagedIdentityCredential)}({typeName("Azure.Identity.ManagedIdentityId")}.SystemAssigned)"
            : $"new {typeName(WellKnownTypeNames.DefaultAzureCredential)}()";

    /// <summary>
    /// A <c>TokenCredential</c> the code already has at the construction: a local declared before it, a
    /// parameter, or a field or property of the type (instance members only from instance code).
    /// </summary>
    public static ISymbol? FindInScope(SemanticModel model, SyntaxNode creation, AzSecContext types)
    {
        if (types.Get(WellKnownTypeNames.TokenCredential) is not { } tokenCredential)
        {
            return null;
        }

        var position = creation.SpanStart;
        var isStatic = model.GetEnclosingSymbol(position) is { IsStatic: true } || creation.FirstAncestorOrSelf<FieldDeclarationSyntax>() is not null;
        ISymbol? best = null;
        var bestRank = int.MaxValue;
        foreach (var symbol in model.LookupSymbols(position))
        {
            var (type, rank) = symbol switch
            {
                ILocalSymbol local when local.DeclaringSyntaxReferences.All(r => r.Span.End < position) => (local.Type, 0),
                IParameterSymbol parameter => (parameter.Type, 1),
                IFieldSymbol field when !field.IsImplicitlyDeclared && (field.IsStatic || !isStatic) => (field.Type, 2),
                IPropertySymbol property when !property.IsIndexer && (property.IsStatic || !isStatic) => (property.Type, 3),
                _ => (null, int.MaxValue),
            };

            if (type is null || rank >= bestRank || !model.Compilation.ClassifyConversion(type, tokenCredential).IsImplicit || type.SpecialType == SpecialType.System_Object)
            {
                continue;
            }

            best = symbol;
            bestRank = rank;
        }

        return best;
    }

    /// <summary>The rewritten construction binds to a constructor that takes a TokenCredential.</summary>
    public static bool Validate(SemanticModel model, TokenCredentialRewrite rewrite, string credential)
    {
        var text = $"{rewrite.Callee}({string.Join(", ", rewrite.Arguments(name => "global::" + name, credential))})";
        var expression = SyntaxFactory.ParseExpression(text);
        if (expression.ContainsDiagnostics)
        {
            return false;
        }

        var symbol = model.GetSpeculativeSymbolInfo(rewrite.Call.SpanStart, expression, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
        return symbol is not null && symbol.Parameters.Any(p => p.Type.Name == "TokenCredential" && p.Type.ContainingNamespace?.ToDisplayString() == "Azure.Core");
    }

    public static async Task<Document> ApplyAsync(Document document, ArgumentSyntax reported, Diagnostic diagnostic, CredentialKind kind, bool introduceLocal, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) as CompilationUnitSyntax;
        if (model is null || root is null)
        {
            return document;
        }

        var types = AzSecContext.For(model.Compilation);
        if (TokenCredentialRewrite.TryCreate(model, reported, diagnostic, types) is not { } rewrite)
        {
            return document;
        }

        var position = rewrite.Call.SpanStart;
        var namespaces = new HashSet<string>(StringComparer.Ordinal);
        string TypeName(string metadataName)
        {
            if (types.Get(metadataName) is not { } type)
            {
                return "global::" + metadataName;
            }

            if (!UsingDirectives.IsInScope(model, position, type))
            {
                if (model.LookupNamespacesAndTypes(position, name: type.Name).Any())
                {
                    return type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
                }

                namespaces.Add(type.ContainingNamespace.ToDisplayString());
            }

            return type.Name;
        }

        string credential;
        StatementSyntax? declaration = null;
        // A credential already in scope is always reused (it may be one this Fix All introduced).
        if (FindInScope(model, rewrite.Call, types) is { } existing)
        {
            credential = existing.Name;
        }
        else if (kind == CredentialKind.Existing)
        {
            return document;
        }
        else if (introduceLocal && rewrite.Call.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax } statement)
        {
            credential = UniqueName(model, position, KeyBasedClientAuthenticationCodeFix.DefaultCredentialName);
            declaration = SyntaxFactory.ParseStatement($"var {credential} = {NewCredential(kind, TypeName)};")
                .WithLeadingTrivia(statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                .WithTrailingTrivia(statement.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(SyntaxFactory.EndOfLine("\n")).First());
        }
        else
        {
            credential = NewCredential(kind, TypeName);
        }

        var arguments = rewrite.Arguments(TypeName, credential);
        var argumentList = SyntaxFactory.ParseArgumentList("(" + string.Join(", ", arguments) + ")")
            .WithTriviaFrom(rewrite.ArgumentList);
        var statementToPrefix = declaration is null ? null : rewrite.Call.FirstAncestorOrSelf<StatementSyntax>();
        var newRoot = root.TrackNodes(new SyntaxNode[] { rewrite.ArgumentList }.Concat(statementToPrefix is null ? Array.Empty<SyntaxNode>() : new SyntaxNode[] { statementToPrefix }));
        newRoot = newRoot.ReplaceNode(newRoot.GetCurrentNode(rewrite.ArgumentList)!, argumentList);
        if (statementToPrefix is not null && declaration is not null)
        {
            newRoot = newRoot.InsertNodesBefore(newRoot.GetCurrentNode(statementToPrefix)!, new[] { declaration });
        }

        foreach (var ns in namespaces.OrderBy(n => n, StringComparer.Ordinal))
        {
            newRoot = UsingDirectives.Add(newRoot, ns);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static string UniqueName(SemanticModel model, int position, string name)
    {
        var candidate = name;
        for (var i = 2; model.LookupSymbols(position, name: candidate).Any(); i++)
        {
            candidate = name + i;
        }

        return candidate;
    }
}

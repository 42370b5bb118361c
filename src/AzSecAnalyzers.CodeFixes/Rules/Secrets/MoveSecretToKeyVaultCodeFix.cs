using AzSecAnalyzers.Infrastructure.Secrets;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Formatting;

namespace AzSecAnalyzers.CodeFixes.Rules.Secrets;

/// <summary>
/// FIX-KV for AZSEC101, AZSEC102 and AZSEC103: replaces the literal that holds the secret with a
/// read from Azure Key Vault (see <see cref="KeyVaultSecretRead"/>), or, where the project references no
/// Key Vault package and no <c>IConfiguration</c> is in scope, from an environment variable named after
/// the secret (no package needed). A <c>const</c> that holds the
/// secret becomes <c>static readonly</c> (field) or a plain local, unless it is used where a constant
/// is required; then, as inside attributes, parameter defaults and UTF-8 or interpolated strings,
/// no action is offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MoveSecretToKeyVaultCodeFix))]
[Shared]
public sealed class MoveSecretToKeyVaultCodeFix() : AzSecCodeFix(RuleIds.HardcodedCredential, RuleIds.HardcodedSecretArgument, RuleIds.CredentialNamedSymbol)
{
    protected override bool NeedsSemanticModel => true;

    /// <summary>
    /// Fix All applies the fixes of a document one after the other on the updated document, rather
    /// than merging independent text changes (the batch fixer), because every fix may add the same
    /// <c>using</c> directives at the same place and merged overlapping edits would be dropped.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    protected override async Task OfferAsync(FixRequest request)
    {
        if (await PlanAsync(request.Document, request.Root, request.Model!, request.Diagnostic, null, request.CancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return;
        }

        // One equivalence key for every variant, so Fix All and dotnet format fix each literal the way its place allows.
        var title = plan.IsEnvironmentVariable
            ? $"Read '{plan.SecretName}' from an environment variable"
            : plan.Read is ElementAccessExpressionSyntax or PostfixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax }
                ? $"Read '{plan.SecretName}' from configuration (Azure Key Vault)"
                : $"Read '{plan.SecretName}' from Azure Key Vault";
        request.Register(title, cancellationToken => ApplyAsync(request.Document, request.Diagnostic, null, cancellationToken), EquivalenceKeys.MoveSecretToKeyVault);
    }

    /// <param name="secretName">The name a Fix All chose for this literal (<see cref="SecretNaming"/>); null for a single fix.</param>
    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, string? secretName, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || await PlanAsync(document, root, model, diagnostic, secretName, cancellationToken).ConfigureAwait(false) is not { } plan)
        {
            return document;
        }

        var read = plan.Read.WithTriviaFrom(plan.Literal).WithAdditionalAnnotations(Formatter.Annotation);
        var changed = Replace(root, plan, read);
        return document.WithSyntaxRoot(UsingDirectives.AddForAnnotatedNames(changed, model, plan.Literal.SpanStart, read, KeyVaultSecretRead.NamespaceAnnotationKind));
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var cancellationToken = context.CancellationToken;
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        // Mark every literal to fix (one diagnostic per literal: AZSEC101/102/103 may share one), so each
        // can be found again after the previous fixes moved the text.
        var names = await SecretNaming.ForFixAllAsync(context).ConfigureAwait(false);
        var targets = new Dictionary<LiteralExpressionSyntax, (SyntaxAnnotation Annotation, Diagnostic Diagnostic, string? Name)>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            var location = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
            if (location.SourceTree == root.SyntaxTree
                && root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
                && !targets.ContainsKey(literal))
            {
                targets.Add(literal, (new SyntaxAnnotation(), diagnostic, names.TryGetValue(SecretNaming.Key(document.Id, literal.SpanStart), out var name) ? name : null));
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        document = document.WithSyntaxRoot(root.ReplaceNodes(targets.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(targets[original].Annotation)));
        foreach (var (annotation, diagnostic, name) in targets.Values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var current = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (current?.GetAnnotatedNodes(annotation).FirstOrDefault() is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            // The same finding, located where the literal is now.
            var moved = Diagnostic.Create(diagnostic.Descriptor, Location.Create(current.SyntaxTree, literal.Span), diagnostic.Properties);
            document = await ApplyAsync(document, moved, name, cancellationToken).ConfigureAwait(false);
        }

        return document;
    }

    private static SyntaxNode Replace(SyntaxNode root, Plan plan, ExpressionSyntax read)
    {
        switch (plan.ConstDeclaration)
        {
            case FieldDeclarationSyntax field:
            {
                // const → static readonly (a const cannot hold a value read at run time).
                var updated = field.ReplaceNode(plan.Literal, read);
                var modifiers = updated.Modifiers;
                var index = modifiers.IndexOf(SyntaxKind.ConstKeyword);
                var constKeyword = modifiers[index];
                modifiers = modifiers.RemoveAt(index);
                var insertAt = index;
                if (!modifiers.Any(SyntaxKind.StaticKeyword))
                {
                    modifiers = modifiers.Insert(insertAt++, SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                }

                modifiers = modifiers.Insert(insertAt, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(constKeyword.TrailingTrivia));
                modifiers = modifiers.Replace(modifiers[0], modifiers[0].WithLeadingTrivia(index == 0 ? constKeyword.LeadingTrivia : modifiers[0].LeadingTrivia));
                return root.ReplaceNode(field, updated.WithModifiers(modifiers));
            }

            case LocalDeclarationStatementSyntax local:
            {
                // const string x = "…" → string x = …
                var updated = local.ReplaceNode(plan.Literal, read);
                var constKeyword = updated.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
                updated = updated.WithModifiers(updated.Modifiers.Remove(constKeyword));
                updated = updated.WithLeadingTrivia(constKeyword.LeadingTrivia);
                return root.ReplaceNode(local, updated);
            }

            default:
                return root.ReplaceNode(plan.Literal, read);
        }
    }

    private readonly struct Plan
    {
        public Plan(LiteralExpressionSyntax literal, ExpressionSyntax read, string secretName, SyntaxNode? constDeclaration, bool environmentVariable)
        {
            Literal = literal;
            Read = read;
            SecretName = secretName;
            ConstDeclaration = constDeclaration;
            IsEnvironmentVariable = environmentVariable;
        }

        /// <summary>The read is <c>Environment.GetEnvironmentVariable(SecretName)</c>, not Key Vault.</summary>
        public bool IsEnvironmentVariable { get; }

        public LiteralExpressionSyntax Literal { get; }

        public ExpressionSyntax Read { get; }

        public string SecretName { get; }

        /// <summary>The <c>const</c> field or local declaration that must stop being constant.</summary>
        public SyntaxNode? ConstDeclaration { get; }
    }

    private static async Task<Plan?> PlanAsync(Document document, SyntaxNode root, SemanticModel model, Diagnostic diagnostic, string? chosenName, CancellationToken cancellationToken)
    {
        var location = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
        if (location.SourceTree != root.SyntaxTree
            || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || !diagnostic.Properties.TryGetValue(SecretProperties.SecretName, out var secretName)
            || string.IsNullOrEmpty(secretName)
            || RequiresConstant(literal))
        {
            return null;
        }

        secretName = chosenName ?? await SecretNaming.ForSingleFixAsync(document, literal, secretName!, cancellationToken).ConfigureAwait(false);
        SyntaxNode? constDeclaration = null;
        var declarator = literal.Ancestors().TakeWhile(node => node is ExpressionSyntax or EqualsValueClauseSyntax or VariableDeclaratorSyntax).OfType<VariableDeclaratorSyntax>().FirstOrDefault();
        var declaration = declarator?.Parent?.Parent;
        bool expressionContext;
        switch (declaration)
        {
            case FieldDeclarationSyntax field:
                // Field initializers cannot see instance members or await: always a new SecretClient, synchronously.
                expressionContext = false;
                if (field.Modifiers.Any(SyntaxKind.ConstKeyword))
                {
                    if (field.Declaration.Variables.Count != 1
                        || model.GetDeclaredSymbol(declarator!, cancellationToken) is not IFieldSymbol symbol
                        || await IsUsedAsConstantAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    constDeclaration = field;
                }

                break;

            case LocalDeclarationStatementSyntax local:
                expressionContext = true;
                if (local.IsConst)
                {
                    if (local.Declaration.Variables.Count != 1
                        || model.GetDeclaredSymbol(declarator!, cancellationToken) is not ILocalSymbol symbol
                        || IsLocalUsedAsConstant(symbol, local, model, cancellationToken))
                    {
                        return null;
                    }

                    constDeclaration = local;
                }

                break;

            default:
                // Property initializers (`{ get; } = "…"`) are like field initializers.
                expressionContext = literal.Ancestors().TakeWhile(node => node is not MemberDeclarationSyntax).OfType<EqualsValueClauseSyntax>().FirstOrDefault()?.Parent is not PropertyDeclarationSyntax;
                break;
        }

        var generator = Microsoft.CodeAnalysis.Editing.SyntaxGenerator.GetGenerator(document);
        if (KeyVaultSecretRead.Create(generator, model, literal.SpanStart, secretName!, expressionContext, expressionContext && CanAwait(literal)) is { } read)
        {
            return new Plan(literal, read, secretName!, constDeclaration, environmentVariable: false);
        }

        // Neither Azure.Security.KeyVault.Secrets nor an IConfiguration here: an environment variable needs no package.
        var variable = KeyVaultSecretRead.EnvironmentVariableName(secretName!);
        return KeyVaultSecretRead.EnvironmentVariable(generator, model, literal.SpanStart, variable) is { } environmentRead
            ? new Plan(literal, environmentRead, variable, constDeclaration, environmentVariable: true)
            : null;
    }

    /// <summary>Where the language demands a constant: attribute arguments, parameter defaults, case labels, patterns.</summary>
    private static bool RequiresConstant(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AttributeArgumentSyntax or CaseSwitchLabelSyntax or ConstantPatternSyntax or ParameterSyntax or EnumMemberDeclarationSyntax:
                    return true;
                case InterpolatedStringExpressionSyntax:
                    return true;
                case StatementSyntax or MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool CanAwait(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax or CatchFilterClauseSyntax or QueryExpressionSyntax:
                    return false;
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case GlobalStatementSyntax:
                    return true;
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static async Task<bool> IsUsedAsConstantAsync(IFieldSymbol field, Solution solution, CancellationToken cancellationToken)
    {
        var references = await SymbolFinder.FindReferencesAsync(field, solution, cancellationToken).ConfigureAwait(false);
        foreach (var reference in references)
        {
            foreach (var location in reference.Locations)
            {
                var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var node = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is null || RequiresConstant(node) || IsInConstDeclaration(node))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsLocalUsedAsConstant(ILocalSymbol local, LocalDeclarationStatementSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var scope = declaration.Parent;
        if (scope is null)
        {
            return true;
        }

        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText == local.Name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)
                && (RequiresConstant(identifier) || IsInConstDeclaration(identifier)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInConstDeclaration(SyntaxNode node)
        => node.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is { IsConst: true }
           || node.FirstAncestorOrSelf<FieldDeclarationSyntax>()?.Modifiers.Any(SyntaxKind.ConstKeyword) == true;
}

using System.Runtime.CompilerServices;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.CodeFixes.Rules.Secrets;

/// <summary>
/// The secret names FIX-KV writes. The analyzers name a secret after what holds it, and two different
/// secrets are often held by the same parameter (two SAS URLs both passed as <c>uriString</c>, two
/// connection strings as <c>connectionString</c>): read under one name, two clients would silently share
/// one secret. A name is therefore unique per distinct value: within a Fix All, the same value keeps one
/// name and a different value gets a different one; a single fix avoids every name the project already
/// reads. A taken name is qualified by what encloses the literal (the variable, field, property or member it
/// initializes), then disambiguated with a numeric suffix.
/// </summary>
internal static class SecretNaming
{
    private static readonly ConditionalWeakTable<Solution, Dictionary<string, Task<Dictionary<string, string>>>> Plans = new();

    /// <summary>The name for a single fix of <paramref name="literal"/>: its proposed name, unless the project already reads that name.</summary>
    public static async Task<string> ForSingleFixAsync(Document document, LiteralExpressionSyntax literal, string proposed, CancellationToken cancellationToken)
    {
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var other in document.Project.Documents)
        {
            if (await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } root)
            {
                taken.UnionWith(NamesReadIn(root));
            }
        }

        return Unique(literal, proposed, taken);
    }

    /// <summary>
    /// Names for every literal a Fix All touches, keyed by <see cref="Key"/>: computed once per solution
    /// snapshot and scope, over every document in the scope, so documents fixed separately agree.
    /// </summary>
    public static Task<Dictionary<string, string>> ForFixAllAsync(FixAllContext context)
    {
        var scopeKey = context.Scope switch
        {
            FixAllScope.Document => "d:" + context.Document?.Id.Id,
            FixAllScope.Project => "p:" + context.Project.Id.Id,
            _ => "s",
        } + "|" + string.Join(",", context.DiagnosticIds.OrderBy(id => id, StringComparer.Ordinal));

        var plans = Plans.GetValue(context.Solution, _ => new Dictionary<string, Task<Dictionary<string, string>>>());
        lock (plans)
        {
            if (!plans.TryGetValue(scopeKey, out var plan))
            {
                plan = ComputeAsync(context);
                plans[scopeKey] = plan;
            }

            return plan;
        }
    }

    /// <summary>Identifies a literal across the per-document calls of one Fix All.</summary>
    public static string Key(DocumentId document, int position) => document.Id.ToString("N") + "@" + position.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<Dictionary<string, string>> ComputeAsync(FixAllContext context)
    {
        var cancellationToken = context.CancellationToken;
        var diagnostics = new List<Diagnostic>();
        switch (context.Scope)
        {
            case FixAllScope.Document when context.Document is not null:
                diagnostics.AddRange(await context.GetDocumentDiagnosticsAsync(context.Document).ConfigureAwait(false));
                break;
            case FixAllScope.Project:
                diagnostics.AddRange(await context.GetAllDiagnosticsAsync(context.Project).ConfigureAwait(false));
                break;
            default:
                foreach (var project in context.Solution.Projects)
                {
                    diagnostics.AddRange(await context.GetAllDiagnosticsAsync(project).ConfigureAwait(false));
                }

                break;
        }

        // Names the code already reads anywhere in the projects touched are taken, as for a single fix.
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var project in context.Scope == FixAllScope.Solution ? context.Solution.Projects : new[] { context.Project })
        {
            foreach (var other in project.Documents)
            {
                if (await other.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is { } otherRoot)
                {
                    taken.UnionWith(NamesReadIn(otherRoot));
                }
            }
        }

        var literals = new List<(Document Document, LiteralExpressionSyntax Literal, string Proposed)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in diagnostics.Where(d => d.Location.SourceTree is not null).GroupBy(d => d.Location.SourceTree!))
        {
            if (context.Solution.GetDocument(group.Key) is not { } document
                || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
            {
                continue;
            }

            foreach (var diagnostic in group)
            {
                var location = diagnostic.AdditionalLocations.Count > 0 ? diagnostic.AdditionalLocations[0] : diagnostic.Location;
                if (location.SourceTree == root.SyntaxTree
                    && root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax literal
                    && diagnostic.Properties.TryGetValue(SecretProperties.SecretName, out var proposed)
                    && !string.IsNullOrEmpty(proposed)
                    && seen.Add(Key(document.Id, literal.SpanStart)))
                {
                    literals.Add((document, literal, proposed!));
                }
            }
        }

        // Deterministic: by file, then position, so every per-document call computes the same plan.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var byValue = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (document, literal, proposed) in literals.OrderBy(l => l.Document.FilePath ?? l.Document.Name, StringComparer.Ordinal).ThenBy(l => l.Literal.SpanStart))
        {
            var value = literal.Token.ValueText;
            if (!byValue.TryGetValue(value, out var name))
            {
                name = Unique(literal, proposed, taken);
                byValue[value] = name;
                taken.Add(Canonical(name));
            }

            names[Key(document.Id, literal.SpanStart)] = name;
        }

        return names;
    }

    private static string Unique(LiteralExpressionSyntax literal, string proposed, ISet<string> taken)
    {
        if (!taken.Contains(Canonical(proposed)))
        {
            return proposed;
        }

        var qualified = Qualifier(literal, proposed) is { } qualifier ? SecretTargets.KeyVaultSecretName(qualifier + "-" + proposed, proposed) : proposed;
        if (!taken.Contains(Canonical(qualified)))
        {
            return qualified;
        }

        for (var suffix = 2; ; suffix++)
        {
            var candidate = qualified + "-" + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (candidate.Length > 127)
            {
                candidate = qualified.Substring(0, 127 - (candidate.Length - qualified.Length)) + candidate.Substring(qualified.Length);
            }

            if (!taken.Contains(Canonical(candidate)))
            {
                return candidate;
            }
        }
    }

    /// <summary>The innermost name around the literal that says more than the proposed name: the variable, field or property it initializes, or the member it is in.</summary>
    private static string? Qualifier(LiteralExpressionSyntax literal, string proposed)
    {
        foreach (var ancestor in literal.Ancestors())
        {
            var name = ancestor switch
            {
                VariableDeclaratorSyntax declarator => declarator.Identifier.ValueText,
                AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } => target.Identifier.ValueText,
                AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax target } => target.Name.Identifier.ValueText,
                PropertyDeclarationSyntax property => property.Identifier.ValueText,
                MethodDeclarationSyntax method => method.Identifier.ValueText,
                LocalFunctionStatementSyntax function => function.Identifier.ValueText,
                BaseTypeDeclarationSyntax type => type.Identifier.ValueText,
                _ => null,
            };

            if (name is not null && !string.Equals(SecretTargets.KeyVaultSecretName(name, proposed), proposed, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>
    /// The form names are compared in: letters and digits, upper case. The Key Vault name <c>DbPassword</c>, the
    /// configuration key <c>DB-PASSWORD</c> and the environment variable <c>DB_PASSWORD</c> are one name.
    /// </summary>
    private static string Canonical(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Secret names the code already reads (in <see cref="Canonical"/> form): <c>x["Name"]</c>, <c>GetSecret("Name")</c>, <c>GetEnvironmentVariable("Name")</c>.</summary>
    private static HashSet<string> NamesReadIn(SyntaxNode root)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var literal in root.DescendantNodes().OfType<LiteralExpressionSyntax>())
        {
            if (!literal.IsKind(SyntaxKind.StringLiteralExpression) || literal.Parent is not ArgumentSyntax argument)
            {
                continue;
            }

            var read = argument.Parent switch
            {
                BracketedArgumentListSyntax { Parent: ElementAccessExpressionSyntax } => true,
                ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetSecret" or "GetSecretAsync" or "GetEnvironmentVariable" } } } => true,
                _ => false,
            };
            if (read)
            {
                names.Add(Canonical(literal.Token.ValueText));
            }
        }

        return names;
    }
}

using AzSecAnalyzers.Rules.Api;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC410: parameterizes query text written as an interpolated string (or a concatenation) directly
/// in the sink: Cosmos <c>QueryDefinition</c> with <c>@name</c> placeholders and <c>WithParameter</c>;
/// Tables <c>CreateQueryFilter($"…")</c>; Search <c>SearchFilter.Create($"…")</c>; EF Core
/// <c>FromSql</c>/<c>ExecuteSql</c>/<c>ExecuteSqlAsync</c>/<c>SqlQuery</c>; <c>SqlCommand</c> placeholders with
/// <c>Parameters.AddWithValue</c> after the statement that creates or assigns the command. Dapper and
/// text that reaches the sink through a local, field or helper get no action.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(QueryInjectionCodeFix))]
[Shared]
public sealed class QueryInjectionCodeFix() : AzSecCodeFix(RuleIds.QueryInjection)
{
    private const string CosmosNamespace = "Microsoft.Azure.Cosmos";
    private const string TablesNamespace = "Azure.Data.Tables";
    private const string SearchNamespace = "Azure.Search.Documents";

    private static readonly string[] QuotedStrings = { "string", "char", "Guid" };
    private static readonly string[] QuotedFilterStrings = { "string", "char" };

    protected override bool NeedsSemanticModel => true;

    protected override void Offer(FixRequest request)
    {
        if (request.Kind is not { } sink)
        {
            return;
        }

        var (model, cancellationToken) = (request.Model!, request.CancellationToken);
        var node = request.Node;
        var value = node is ArgumentSyntax argument ? argument.Expression : node as ExpressionSyntax;
        if (value is null || value.Span != request.Diagnostic.Location.SourceSpan
            || QueryTemplate.From(value, model, cancellationToken) is not { } template)
        {
            return;
        }

        var edit = sink switch
        {
            QueryInjectionAnalyzer.SinkCosmos => Cosmos(value, template, model, cancellationToken),
            QueryInjectionAnalyzer.SinkCosmosIterator => CosmosIterator(value, template, model),
            QueryInjectionAnalyzer.SinkTables => Tables(value, template, model, cancellationToken),
            QueryInjectionAnalyzer.SinkSearch => Search(value, template, model),
            QueryInjectionAnalyzer.SinkEntityFramework => EntityFramework(value, template, model, cancellationToken),
            QueryInjectionAnalyzer.SinkSqlCommand => SqlCommand(value, template),
            _ => null,
        };

        if (edit is not null)
        {
            request.Register(edit.Title, ct => ApplyAsync(request.Document, edit, ct), edit.EquivalenceKey);
        }
    }

    private static Edit? Cosmos(ExpressionSyntax value, QueryTemplate template, SemanticModel model, CancellationToken cancellationToken)
    {
        if (value.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } }
            || template.Rewrite(QueryHoleStyle.Placeholder, inlineConstants: false, typedQuotePrefixes: false, QuotedStrings) is not { } rewrite)
        {
            return null;
        }

        var rewritten = creation.ReplaceNode(value, rewrite.Text.WithTriviaFrom(value));
        ExpressionSyntax explicitCreation = rewritten;
        string? addUsing = null;
        if (rewritten is ImplicitObjectCreationExpressionSyntax implicitCreation)
        {
            if (model.GetTypeInfo(creation, cancellationToken).Type is not INamedTypeSymbol type)
            {
                return null;
            }

            explicitCreation = SyntaxFactory.ParseExpression("new " + type.Name + implicitCreation.ArgumentList.ToFullString() + implicitCreation.Initializer?.ToFullString());
            addUsing = UsingDirectives.IsInScope(model, creation.SpanStart, type) ? null : CosmosNamespace;
        }

        var replacement = WithParameters(explicitCreation.WithoutTrivia(), rewrite.Parameters).WithTriviaFrom(creation);
        return new Edit("Use a parameterized QueryDefinition", EquivalenceKeys.ParameterizeQuery, creation, replacement, addUsing);
    }

    private static Edit? CosmosIterator(ExpressionSyntax value, QueryTemplate template, SemanticModel model)
    {
        if (value.Parent is not ArgumentSyntax argument
            || template.Rewrite(QueryHoleStyle.Placeholder, inlineConstants: false, typedQuotePrefixes: false, QuotedStrings) is not { } rewrite)
        {
            return null;
        }

        var definition = SyntaxFactory.ParseExpression("new QueryDefinition(" + rewrite.Text.ToFullString() + ")");
        var newArgument = argument.WithExpression(WithParameters(definition, rewrite.Parameters).WithTriviaFrom(value));
        if (argument.NameColon is { } nameColon)
        {
            newArgument = newArgument.WithNameColon(nameColon.WithName(SyntaxFactory.IdentifierName("queryDefinition").WithTriviaFrom(nameColon.Name)));
        }

        var inScope = model.LookupNamespacesAndTypes(value.SpanStart, name: "QueryDefinition")
            .OfType<INamedTypeSymbol>()
            .Any(t => t.ContainingNamespace.ToDisplayString() == CosmosNamespace);
        return new Edit("Use a parameterized QueryDefinition", EquivalenceKeys.ParameterizeQuery, argument, newArgument, inScope ? null : CosmosNamespace);
    }

    private static Edit? Tables(ExpressionSyntax value, QueryTemplate template, SemanticModel model, CancellationToken cancellationToken)
    {
        if (value.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol { ContainingType: { } client }
            || template.Rewrite(QueryHoleStyle.KeepHole, inlineConstants: true, typedQuotePrefixes: true, QuotedFilterStrings) is not { } rewrite)
        {
            return null;
        }

        var replacement = Call(client.Name, "CreateQueryFilter", rewrite.Text).WithTriviaFrom(value);
        return new Edit($"Build the filter with {client.Name}.CreateQueryFilter", EquivalenceKeys.ParameterizeQuery, value, replacement, NeedsUsing(model, value, client, TablesNamespace));
    }

    private static Edit? Search(ExpressionSyntax value, QueryTemplate template, SemanticModel model)
    {
        if (template.Rewrite(QueryHoleStyle.KeepHole, inlineConstants: true, typedQuotePrefixes: false, QuotedFilterStrings) is not { } rewrite)
        {
            return null;
        }

        var inScope = model.LookupNamespacesAndTypes(value.SpanStart, name: "SearchFilter")
            .OfType<INamedTypeSymbol>()
            .Any(t => t.ContainingNamespace.ToDisplayString() == SearchNamespace);
        var replacement = Call("SearchFilter", "Create", rewrite.Text).WithTriviaFrom(value);
        return new Edit("Build the filter with SearchFilter.Create", EquivalenceKeys.ParameterizeQuery, value, replacement, inScope ? null : SearchNamespace);
    }

    private static Edit? EntityFramework(ExpressionSyntax value, QueryTemplate template, SemanticModel model, CancellationToken cancellationToken)
    {
        if (value.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } arguments } argument
            || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol method
            || NameOf(invocation) is not { } name)
        {
            return null;
        }

        var safeName = method.Name.Replace("Raw", string.Empty);
        var extensions = method.ReducedFrom?.ContainingType ?? method.ContainingType;
        if (extensions.GetMembers(safeName).IsEmpty)
        {
            return null;
        }

        // Only the query text (and, for ExecuteSqlRawAsync, a cancellation token) may be passed: FromSql has no parameter array.
        foreach (var other in arguments.Arguments)
        {
            if (other != argument
                && !(safeName == "ExecuteSqlAsync" && model.GetTypeInfo(other.Expression, cancellationToken).Type is { Name: "CancellationToken" }))
            {
                return null;
            }
        }

        if (template.Rewrite(QueryHoleStyle.KeepHole, inlineConstants: true, typedQuotePrefixes: false, QuotedStrings) is not { } rewrite
            || rewrite.Text is not InterpolatedStringExpressionSyntax)
        {
            return null;
        }

        SimpleNameSyntax newName = name is GenericNameSyntax generic
            ? generic.WithIdentifier(SyntaxFactory.Identifier(safeName).WithTriviaFrom(generic.Identifier))
            : SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(safeName).WithTriviaFrom(name.Identifier));
        var replacement = invocation
            .ReplaceNodes(new SyntaxNode[] { name, value }, (original, _) => original == name ? newName : rewrite.Text.WithTriviaFrom(value));
        return new Edit($"Use {safeName}", EquivalenceKeys.ParameterizeQuery, invocation, replacement, null);
    }

    private static Edit? SqlCommand(ExpressionSyntax value, QueryTemplate template)
    {
        if (CommandAndStatement(value) is not var (command, statement)
            || statement.Parent is not BlockSyntax
            || template.Rewrite(QueryHoleStyle.Placeholder, inlineConstants: false, typedQuotePrefixes: false, QuotedStrings) is not { } rewrite)
        {
            return null;
        }

        var indentation = statement.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).LastOrDefault();
        var endOfLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        if (!endOfLine.IsKind(SyntaxKind.EndOfLineTrivia))
        {
            endOfLine = SyntaxFactory.EndOfLine("\n");
        }

        var added = new List<StatementSyntax>();
        foreach (var parameter in rewrite.Parameters)
        {
            var call = SyntaxFactory.ParseStatement($"{command}.Parameters.AddWithValue(\"{parameter.Name}\", {parameter.Value});");
            added.Add(call.WithLeadingTrivia(indentation.IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(indentation) : SyntaxFactory.TriviaList()).WithTrailingTrivia(endOfLine));
        }

        return new Edit("Use SqlCommand parameters", EquivalenceKeys.ParameterizeQuery, value, rewrite.Text.WithTriviaFrom(value), null, statement, added);
    }

    /// <summary>The command expression (<c>command</c>, <c>this.command</c>) and the statement that creates or assigns it.</summary>
    private static (string Command, StatementSyntax Statement)? CommandAndStatement(ExpressionSyntax value)
    {
        // command.CommandText = …;
        if (value.Parent is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CommandText" } target } assignment
            && assignment.Right == value
            && assignment.Parent is ExpressionStatementSyntax assignmentStatement
            && IsSimpleReference(target.Expression))
        {
            return (target.Expression.ToString(), assignmentStatement);
        }

        // new SqlCommand(…) or new SqlCommand { CommandText = … }
        SyntaxNode? creation = value.Parent switch
        {
            ArgumentSyntax { Parent: ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax created } } => created,
            AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { Parent: BaseObjectCreationExpressionSyntax created } } initializer when initializer.Right == value => created,
            _ => null,
        };

        var holder = creation?.Parent;
        while (holder is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            holder = holder.Parent;
        }

        switch (holder)
        {
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                when declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration }:
                return (declarator.Identifier.ValueText, declaration);
            case AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assigned
                when assigned.IsKind(SyntaxKind.SimpleAssignmentExpression) && IsSimpleReference(assigned.Left):
                return (assigned.Left.ToString(), statement);
            default:
                return null;
        }
    }

    private static bool IsSimpleReference(ExpressionSyntax expression)
        => expression is IdentifierNameSyntax
           || expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax, Name: IdentifierNameSyntax };

    private static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax member => member.Name,
        SimpleNameSyntax simple => simple,
        _ => null,
    };

    /// <summary><c>definition.WithParameter("@a", a).WithParameter("@b", b)</c>, the values as the user wrote them.</summary>
    private static ExpressionSyntax WithParameters(ExpressionSyntax definition, IReadOnlyList<QueryParameter> parameters)
    {
        var text = new System.Text.StringBuilder(definition.WithoutTrivia().ToFullString());
        foreach (var parameter in parameters)
        {
            text.Append(".WithParameter(\"").Append(parameter.Name).Append("\", ").Append(parameter.Value.ToFullString()).Append(')');
        }

        return SyntaxFactory.ParseExpression(text.ToString());
    }

    private static ExpressionSyntax Call(string type, string method, ExpressionSyntax argument)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(type), SyntaxFactory.IdentifierName(method)),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument))));

    private static string? NeedsUsing(SemanticModel model, SyntaxNode position, INamedTypeSymbol type, string ns)
        => UsingDirectives.IsInScope(model, position.SpanStart, type) ? null : ns;

    private static async Task<Document> ApplyAsync(Document document, Edit edit, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        SyntaxNode newRoot;
        if (edit.InsertAfter is { } statement && edit.Inserted is { Count: > 0 } inserted)
        {
            var replacedStatement = statement.ReplaceNode(edit.Target, edit.Replacement);
            newRoot = root.ReplaceNode(statement, new SyntaxNode[] { replacedStatement }.Concat(inserted));
        }
        else
        {
            newRoot = root.ReplaceNode(edit.Target, edit.Replacement);
        }

        if (edit.Using is { } ns)
        {
            newRoot = UsingDirectives.Ensure(newRoot, ns);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private sealed class Edit
    {
        public Edit(string title, string equivalenceKey, SyntaxNode target, SyntaxNode replacement, string? addUsing, StatementSyntax? insertAfter = null, IReadOnlyList<StatementSyntax>? inserted = null)
        {
            Title = title;
            EquivalenceKey = equivalenceKey;
            Target = target;
            Replacement = replacement;
            Using = addUsing;
            InsertAfter = insertAfter;
            Inserted = inserted;
        }

        public string Title { get; }

        public string EquivalenceKey { get; }

        public SyntaxNode Target { get; }

        public SyntaxNode Replacement { get; }

        public string? Using { get; }

        public StatementSyntax? InsertAfter { get; }

        public IReadOnlyList<StatementSyntax>? Inserted { get; }
    }
}

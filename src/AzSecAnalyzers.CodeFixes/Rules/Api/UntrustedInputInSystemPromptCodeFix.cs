using System.Text;
using AzSecAnalyzers.Rules.Api;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>
/// AZSEC415: moves the one non-constant part of a system message written as an interpolation or a concatenation into a
/// user message that follows it: <c>messages.Add(new SystemChatMessage($"You serve {tenant}."))</c> becomes the constant
/// system message plus <c>messages.Add(new UserChatMessage(tenant))</c>; in a collection initializer, a collection
/// expression or a <c>params</c> argument list the user message becomes the next element; Semantic Kernel's
/// <c>history.AddSystemMessage(…)</c> is followed by <c>history.AddUserMessage(…)</c>. Offered only when the text has exactly
/// one non-constant part and the place after the message is one of those shapes; other findings (a prompt built elsewhere,
/// <c>ChatOptions.Instructions</c>, several inputs) need the author to decide what the model should be told.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UntrustedInputInSystemPromptCodeFix))]
[Shared]
public sealed class UntrustedInputInSystemPromptCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UntrustedInputInSystemPrompt);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan.Create(root, model, diagnostic, context.CancellationToken) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Move the input to a user message", ct => ApplyAsync(context.Document, diagnostic, ct), EquivalenceKeys.MoveInputToUserMessage),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ApplyAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Plan.Create(root, model, diagnostic, cancellationToken) is not { } plan)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(plan.Content, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(plan.ConstantText)).WithTriviaFrom(plan.Content));
        if (plan.After is StatementSyntax statement)
        {
            editor.InsertAfter(statement, plan.NewStatement!.WithAdditionalAnnotations(Formatter.Annotation));
        }
        else if (plan.After.Parent is { } owner)
        {
            // The list's owner is rebuilt from its current state (the content edit above is inside it).
            var index = Items(owner).IndexOf(plan.After);
            editor.ReplaceNode(owner, (current, _) => WithElementAfter(current, index, plan.UserMessage!));
        }

        return editor.GetChangedDocument();
    }

    private static SyntaxNodeOrTokenList Items(SyntaxNode owner) => owner switch
    {
        ArgumentListSyntax arguments => arguments.Arguments.GetWithSeparators(),
        CollectionExpressionSyntax collection => collection.Elements.GetWithSeparators(),
        InitializerExpressionSyntax initializer => initializer.Expressions.GetWithSeparators(),
        _ => default,
    };

    /// <summary>
    /// Inserts the user message after the owner's list item at <paramref name="position"/>, in the list's own layout: on a
    /// line of its own with the element's indentation in a multi-line list, after <c>, </c> in a one-line list.
    /// </summary>
    private static SyntaxNode WithElementAfter(SyntaxNode owner, int position, ExpressionSyntax message)
    {
        var items = Items(owner);
        if (position < 0 || position >= items.Count || items[position].AsNode() is not { } element)
        {
            return owner;
        }

        SyntaxNode added = owner switch
        {
            ArgumentListSyntax => SyntaxFactory.Argument(message),
            CollectionExpressionSyntax => SyntaxFactory.ExpressionElement(message),
            _ => message,
        };
        added = added.WithLeadingTrivia(element.GetLeadingTrivia()).WithTrailingTrivia(element.GetTrailingTrivia());
        var result = new List<SyntaxNodeOrToken>(items.Count + 2);
        for (var i = 0; i <= position; i++)
        {
            result.Add(items[i]);
        }

        if (position + 1 < items.Count)
        {
            // element, separator, added, a copy of the separator, the rest: the copy keeps the line break or the space.
            var separator = items[position + 1].AsToken();
            result.Add(separator);
            result.Add(added);
            result.Add(separator);
            for (var i = position + 2; i < items.Count; i++)
            {
                result.Add(items[i]);
            }
        }
        else
        {
            var multiLine = element.GetLeadingTrivia().Any(SyntaxKind.EndOfLineTrivia) || element.GetFirstToken().GetPreviousToken().TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia);
            var separator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(multiLine ? SyntaxFactory.EndOfLine("\n") : SyntaxFactory.Space);
            result[result.Count - 1] = element.WithoutTrailingTrivia();
            result.Add(separator);
            result.Add(multiLine ? added : added.WithLeadingTrivia());
        }

        return owner switch
        {
            ArgumentListSyntax arguments => arguments.WithArguments(SyntaxFactory.SeparatedList<ArgumentSyntax>(result)),
            CollectionExpressionSyntax collection => collection.WithElements(SyntaxFactory.SeparatedList<CollectionElementSyntax>(result)),
            InitializerExpressionSyntax initializer => initializer.WithExpressions(SyntaxFactory.SeparatedList<ExpressionSyntax>(result)),
            _ => owner,
        };
    }

    /// <summary>What the fix changes: the content to make constant, the text it keeps, and where the user message goes.</summary>
    private sealed class Plan
    {
        private Plan(ExpressionSyntax content, string constantText, SyntaxNode after, ExpressionSyntax? userMessage, StatementSyntax? newStatement)
        {
            Content = content;
            ConstantText = constantText;
            After = after;
            UserMessage = userMessage;
            NewStatement = newStatement;
        }

        public ExpressionSyntax Content { get; }

        public string ConstantText { get; }

        /// <summary>The statement, argument or list element the user message follows.</summary>
        public SyntaxNode After { get; }

        public ExpressionSyntax? UserMessage { get; }

        public StatementSyntax? NewStatement { get; }

        public static Plan? Create(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(UntrustedInputInSystemPromptAnalyzer.FixShapeProperty, out var shape)
                || !diagnostic.Properties.TryGetValue(UntrustedInputInSystemPromptAnalyzer.FamilyProperty, out var family)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax content
                || content.Span != diagnostic.Location.SourceSpan
                || content.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ExpressionSyntax sink } }
                || !TrySplit(content, model, cancellationToken, out var constantText, out var input)
                || UserContent(input, model, cancellationToken) is not { } userContent)
            {
                return null;
            }

            switch (shape)
            {
                case UntrustedInputInSystemPromptAnalyzer.HistoryCallShape:
                    if (sink is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var history }, Parent: ExpressionStatementSyntax statement }
                        && IsStable(history))
                    {
                        return new Plan(content, constantText, statement, null, AddUserMessage(history, userContent, statement));
                    }

                    return null;
                case UntrustedInputInSystemPromptAnalyzer.HistoryConstructorShape:
                    if (sink.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                        && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax declaration })
                    {
                        return new Plan(content, constantText, declaration, null, AddUserMessage(SyntaxFactory.IdentifierName(declarator.Identifier.ValueText), userContent, declaration));
                    }

                    return null;
                case UntrustedInputInSystemPromptAnalyzer.MessageShape:
                    var message = UserMessageFor(family, sink, userContent);
                    return message is null ? null : MessagePlan(content, constantText, sink, message, model, cancellationToken);
                default:
                    return null;
            }
        }

        private static Plan? MessagePlan(ExpressionSyntax content, string constantText, ExpressionSyntax sink, ExpressionSyntax message, SemanticModel model, CancellationToken cancellationToken)
        {
            switch (sink.Parent)
            {
                case ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Add", Expression: var list }, Parent: ExpressionStatementSyntax statement } } }
                    when IsStable(list):
                    var add = SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, list.WithoutTrivia(), SyntaxFactory.IdentifierName("Add")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(message)))));
                    return new Plan(content, constantText, statement, null, add.WithLeadingTrivia(statement.GetLeadingTrivia()));
                case ArgumentSyntax argument when IsExpandedParamsElement(argument, model, cancellationToken):
                    return new Plan(content, constantText, argument, message, null);
                case ExpressionElementSyntax { Parent: CollectionExpressionSyntax } element:
                    return new Plan(content, constantText, element, message, null);
                case InitializerExpressionSyntax initializer when initializer.IsKind(SyntaxKind.CollectionInitializerExpression) || initializer.IsKind(SyntaxKind.ArrayInitializerExpression):
                    return new Plan(content, constantText, sink, message, null);
                default:
                    return null;
            }
        }

        private static bool IsExpandedParamsElement(ArgumentSyntax argument, SemanticModel model, CancellationToken cancellationToken)
        {
            if (argument.Parent?.Parent is not { } call || model.GetOperation(call, cancellationToken) is not { } operation)
            {
                return false;
            }

            var arguments = operation switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            return arguments.Any(a => a.ArgumentKind == ArgumentKind.ParamArray
                                      && a.Value is IArrayCreationOperation { IsImplicit: true, Initializer: { } elements }
                                      && elements.ElementValues.Any(e => e.Syntax == argument.Expression || e.Syntax.Parent == argument));
        }

        private static StatementSyntax AddUserMessage(ExpressionSyntax history, ExpressionSyntax userContent, StatementSyntax before)
            => SyntaxFactory.ExpressionStatement(SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, history.WithoutTrivia(), SyntaxFactory.IdentifierName("AddUserMessage")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(userContent)))))
                .WithLeadingTrivia(before.GetLeadingTrivia());

        /// <summary>The user message of the same client family as the system message.</summary>
        private static ExpressionSyntax? UserMessageFor(string? family, ExpressionSyntax sink, ExpressionSyntax userContent)
        {
            var arguments = SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(userContent)));
            switch (family)
            {
                case "OpenAI" when sink is BaseObjectCreationExpressionSyntax:
                    return SyntaxFactory.ObjectCreationExpression(Qualified("OpenAI.Chat.UserChatMessage")).WithArgumentList(arguments);
                case "OpenAI" when sink is InvocationExpressionSyntax:
                    return SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Qualified("OpenAI.Chat.ChatMessage"), SyntaxFactory.IdentifierName("CreateUserMessage")),
                        arguments);
                case "SemanticKernel" when sink is BaseObjectCreationExpressionSyntax:
                    return SyntaxFactory.ObjectCreationExpression(Qualified("Microsoft.SemanticKernel.ChatMessageContent"))
                        .WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(0, SyntaxFactory.Argument(Role("Microsoft.SemanticKernel.ChatCompletion.AuthorRole")))));
                case "ExtensionsAI" when sink is BaseObjectCreationExpressionSyntax:
                    return SyntaxFactory.ObjectCreationExpression(Qualified("Microsoft.Extensions.AI.ChatMessage"))
                        .WithArgumentList(arguments.WithArguments(arguments.Arguments.Insert(0, SyntaxFactory.Argument(Role("Microsoft.Extensions.AI.ChatRole")))));
                default:
                    return null;
            }

            static ExpressionSyntax Role(string type)
                => SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Qualified(type), SyntaxFactory.IdentifierName("User"));
        }

        // Fully qualified and marked: the code action's clean-up shortens it to what the file's usings allow.
        private static NameSyntax Qualified(string metadataName)
            => SyntaxFactory.ParseName("global::" + metadataName).WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>A receiver the fix may write twice: a local, a parameter, a field or property of this object, or a chain of such members.</summary>
        private static bool IsStable(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax or ThisExpressionSyntax => true,
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: var inner, Name: IdentifierNameSyntax } => IsStable(inner),
            _ => false,
        };

        /// <summary>
        /// Splits an interpolation or a <c>+</c> chain into its constant text and its one non-constant part (constant holes
        /// count as text). False when there is no such part, more than one, or nothing constant would remain.
        /// </summary>
        private static bool TrySplit(ExpressionSyntax content, SemanticModel model, CancellationToken cancellationToken, out string constantText, out SyntaxNode input)
        {
            constantText = string.Empty;
            input = null!;
            var before = new StringBuilder();
            var after = new StringBuilder();
            SyntaxNode? found = null;
            foreach (var part in Parts(content))
            {
                var text = part switch
                {
                    InterpolatedStringTextSyntax literal => literal.TextToken.ValueText,
                    InterpolationSyntax { AlignmentClause: null, FormatClause: null } hole => model.GetConstantValue(hole.Expression, cancellationToken).Value as string,
                    ExpressionSyntax operand => model.GetConstantValue(operand, cancellationToken).Value as string,
                    _ => null,
                };
                if (text is not null)
                {
                    (found is null ? before : after).Append(text);
                    continue;
                }

                if (found is not null || part is null)
                {
                    return false;
                }

                found = part;
            }

            if (found is null)
            {
                return false;
            }

            constantText = Join(before.ToString(), after.ToString());
            input = found;
            return constantText.Length > 0;
        }

        private static IEnumerable<SyntaxNode?> Parts(ExpressionSyntax content)
        {
            switch (content)
            {
                case InterpolatedStringExpressionSyntax interpolated:
                    return interpolated.Contents;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary:
                    var operands = new List<SyntaxNode?>();
                    Flatten(binary, operands, 0);
                    return operands;
                default:
                    return new SyntaxNode?[] { null };
            }

            static void Flatten(ExpressionSyntax expression, List<SyntaxNode?> operands, int depth)
            {
                if (expression is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary && depth < 64)
                {
                    Flatten(binary.Left, operands, depth + 1);
                    Flatten(binary.Right, operands, depth + 1);
                }
                else
                {
                    operands.Add(expression is ParenthesizedExpressionSyntax ? null : expression);
                }
            }
        }

        // Where the input was cut out: no doubled space, no space before punctuation, no blank ends.
        private static string Join(string before, string after)
        {
            if (before.EndsWith(" ", System.StringComparison.Ordinal) && (after.Length == 0 || after[0] is ' ' or '.' or ',' or ';' or ':' or '!' or '?' or ')'))
            {
                before = before.TrimEnd(' ');
            }

            return (before + after).Trim();
        }

        /// <summary>The input as user-message text: itself when it is a string, else formatted as the interpolation did.</summary>
        private static ExpressionSyntax? UserContent(SyntaxNode input, SemanticModel model, CancellationToken cancellationToken)
        {
            var (expression, alignment, format) = input switch
            {
                InterpolationSyntax hole => (hole.Expression, hole.AlignmentClause, hole.FormatClause),
                ExpressionSyntax operand => (operand, null, null),
                _ => ((ExpressionSyntax?)null, (InterpolationAlignmentClauseSyntax?)null, (InterpolationFormatClauseSyntax?)null),
            };
            if (expression is null)
            {
                return null;
            }

            if (alignment is null && format is null && model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_String)
            {
                return expression.WithoutTrivia();
            }

            return SyntaxFactory.InterpolatedStringExpression(
                SyntaxFactory.Token(SyntaxKind.InterpolatedStringStartToken),
                SyntaxFactory.SingletonList<InterpolatedStringContentSyntax>(SyntaxFactory.Interpolation(expression.WithoutTrivia(), alignment, format)));
        }
    }
}

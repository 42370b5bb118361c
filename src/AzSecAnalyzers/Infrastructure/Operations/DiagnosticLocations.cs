using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>Where the squiggle goes: the member name of a call or property, the head of a multi-line lambda argument.</summary>
internal static class DiagnosticLocations
{
    /// <summary>
    /// The location to squiggle for a value: the value itself, except that a multi-line lambda is
    /// reduced to its head (<c>(a, b) =&gt;</c>) so the squiggle does not cover a whole block.
    /// </summary>
    public static Location HeadLocation(this SyntaxNode node)
    {
        var tree = node.SyntaxTree;
        if (node is ArgumentSyntax argument)
        {
            node = argument.Expression;
        }

        if (node is LambdaExpressionSyntax lambda && !IsSingleLine(tree, lambda.Span))
        {
            return Location.Create(tree, TextSpan.FromBounds(lambda.SpanStart, lambda.ArrowToken.Span.End));
        }

        if (node is AnonymousMethodExpressionSyntax anonymous && !IsSingleLine(tree, anonymous.Span))
        {
            var end = anonymous.ParameterList?.Span.End ?? anonymous.DelegateKeyword.Span.End;
            return Location.Create(tree, TextSpan.FromBounds(anonymous.SpanStart, end));
        }

        return node.GetLocation();
    }

    /// <summary>
    /// The location to squiggle for a member: its name (<c>ValidateIssuer</c> in
    /// <c>options.ValidateIssuer</c>, <c>MapPost</c> in <c>app.MapPost(…)</c>), or the node itself.
    /// </summary>
    public static Location MemberNameLocation(this SyntaxNode node) => node switch
    {
        MemberAccessExpressionSyntax access => access.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.GetLocation(),
        _ => node.GetLocation(),
    };

    /// <summary>
    /// The location to squiggle for an object creation: the created type (<c>CloudBlobClient</c> in
    /// <c>new CloudBlobClient(…)</c>), or the <c>new</c> keyword of a target-typed <c>new(…)</c>.
    /// </summary>
    public static Location CreatedTypeLocation(this SyntaxNode node) => node switch
    {
        ObjectCreationExpressionSyntax explicitType => explicitType.Type.GetLocation(),
        ImplicitObjectCreationExpressionSyntax implicitType => implicitType.NewKeyword.GetLocation(),
        _ => node.GetLocation(),
    };

    /// <summary>
    /// The location to squiggle for a call: the invoked name, also for <c>a?.Create()</c> and a call without a
    /// receiver (<c>Parse(…)</c> under <c>using static</c>), or the node itself.
    /// </summary>
    public static Location InvokedNameLocation(this SyntaxNode node) => node switch
    {
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => binding.Name.GetLocation(),
        InvocationExpressionSyntax { Expression: SimpleNameSyntax name } => name.GetLocation(),
        _ => node.MemberNameLocation(),
    };

    private static bool IsSingleLine(SyntaxTree tree, TextSpan span)
    {
        var lines = tree.GetLineSpan(span);
        return lines.StartLinePosition.Line == lines.EndLinePosition.Line;
    }
}

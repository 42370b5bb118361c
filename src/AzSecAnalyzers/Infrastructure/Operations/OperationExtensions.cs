using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure.Operations;

internal static class OperationExtensions
{
    /// <summary>Strips conversions and parentheses to reach the value as written.</summary>
    public static IOperation WalkDownConversions(this IOperation operation)
    {
        while (operation is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    /// <summary>Strips conversions, delegate creations and parentheses to reach the value as written.</summary>
    public static IOperation WalkDownConversionsAndDelegates(this IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    operation = conversion.Operand;
                    break;
                case IDelegateCreationOperation delegateCreation:
                    operation = delegateCreation.Target;
                    break;
                case IParenthesizedOperation parenthesized:
                    operation = parenthesized.Operand;
                    break;
                default:
                    return operation;
            }
        }
    }

    /// <summary>
    /// The value as its user sees it: climbs through the conversions and parentheses that wrap
    /// <paramref name="operation"/>, so that the result's <c>Parent</c> is what uses the value
    /// (an argument, an assignment, an initializer…).
    /// </summary>
    public static IOperation WalkUpConversions(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>As <see cref="WalkUpConversions"/>, also through the delegate creation that wraps a lambda or method group.</summary>
    public static IOperation WalkUpConversionsAndDelegates(this IOperation operation)
    {
        while (operation.Parent is IConversionOperation or IParenthesizedOperation or IDelegateCreationOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>The top of the operation tree holding <paramref name="operation"/> (a method body, a field initializer…).</summary>
    public static IOperation Root(this IOperation operation)
    {
        while (operation.Parent is { } parent)
        {
            operation = parent;
        }

        return operation;
    }

    /// <summary>The local, field or parameter a value is stored into when it is the initializer or right-hand side of one; otherwise null.</summary>
    public static ISymbol? StoredInto(this IOperation value)
    {
        var current = value.WalkUpConversions();
        switch (current.Parent)
        {
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return declarator.Symbol;
            case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                return fieldInitializer.InitializedFields[0];
            case ISimpleAssignmentOperation assignment when assignment.Value == current:
                return ReferencedSymbol(assignment.Target);
            default:
                return null;
        }
    }

    /// <summary>The local, parameter or field (of <c>this</c> or static) a reference names; otherwise null.</summary>
    public static ISymbol? ReferencedSymbol(this IOperation operation)
        => operation.WalkDownConversions() switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field => field.Field,
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }, Arguments.Length: 0 } property => property.Property,
            _ => null,
        };

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

    private static bool IsSingleLine(SyntaxTree tree, TextSpan span)
    {
        var lines = tree.GetLineSpan(span);
        return lines.StartLinePosition.Line == lines.EndLinePosition.Line;
    }
}

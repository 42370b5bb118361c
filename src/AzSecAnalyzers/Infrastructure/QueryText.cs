using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// AZSEC410's one decision: is this query text built from values that can change the query?
/// Text built by interpolation, concatenation, <c>string.Format</c> or <c>string.Concat</c> is unsafe
/// when one of its parts is not a constant, not <c>nameof</c>, not a value whose type cannot carry
/// query syntax (numbers, <c>bool</c>, enums, <c>Guid</c>, <c>DateTime</c>, <c>DateTimeOffset</c>,
/// <c>TimeSpan</c>, and their <c>ToString(…)</c>) and not the SDK's own escaping helper
/// (<c>TableClient.CreateQueryFilter</c>, <c>TableServiceClient.CreateQueryFilter</c>,
/// <c>SearchFilter.Create</c>). A local or read-only field that only ever holds a literal counts as a
/// constant; any other string of unknown origin (a parameter, a field, a call) is unsafe.
/// </summary>
internal sealed class QueryText
{
    public const string Interpolation = "by interpolation";
    public const string Concatenation = "by concatenation";
    public const string Format = "by string.Format";

    private const int MaxDepth = 8;

    private readonly INamedTypeSymbol? _tableClient;
    private readonly INamedTypeSymbol? _tableServiceClient;
    private readonly INamedTypeSymbol? _searchFilter;

    public QueryText(AzSecContext types)
    {
        _tableClient = types.Get(WellKnownTypeNames.TableClient);
        _tableServiceClient = types.Get(WellKnownTypeNames.TableServiceClient);
        _searchFilter = types.Get(WellKnownTypeNames.SearchFilter);
    }

    /// <summary>
    /// How <paramref name="text"/> was built (<see cref="Interpolation"/>, <see cref="Concatenation"/>,
    /// <see cref="Format"/>) when it is built text with an unsafe part; null when it is safe or not built text.
    /// </summary>
    public string? UnsafeBuild(IOperation text) => UnsafeBuild(text.WalkDownConversionsAndDelegates(), MaxDepth, null);

    /// <summary>
    /// Like <see cref="UnsafeBuild(IOperation)"/>, but a part that is a local of unknown content is not
    /// judged here: it is added to <paramref name="deferredLocals"/> for the taint engine to judge (a local
    /// built from constants and <c>@parameters</c> is fine, one holding a parameter is not).
    /// </summary>
    public string? UnsafeBuild(IOperation text, List<IOperation> deferredLocals) => UnsafeBuild(text.WalkDownConversionsAndDelegates(), MaxDepth, deferredLocals);

    /// <summary>"by interpolation", "by concatenation" or "by string.Format" for built text; otherwise null.</summary>
    public static string? BuildKind(IOperation text) => text.WalkDownConversionsAndDelegates() switch
    {
        IInterpolatedStringOperation => Interpolation,
        IInvocationOperation { TargetMethod.Name: "Format" } => Format,
        var other when BuiltKind(other) => Concatenation,
        _ => null,
    };

    private string? UnsafeBuild(IOperation text, int depth, List<IOperation>? deferred)
    {
        if (depth == 0 || text.ConstantValue.HasValue)
        {
            return null;
        }

        switch (text)
        {
            case IInterpolatedStringOperation interpolated:
                foreach (var part in interpolated.Parts)
                {
                    if (part is IInterpolationOperation hole && !IsSafePart(hole.Expression, depth, deferred))
                    {
                        return Interpolation;
                    }
                }

                return null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } concatenation:
                // Every operand is judged (no short-circuit) so every deferred local is collected. The chain
                // a + b + c + … is walked with a stack, not one call per term: it costs no depth and no stack.
                var safe = true;
                var pending = new Stack<IOperation>();
                pending.Push(concatenation);
                while (pending.Count > 0)
                {
                    var operand = pending.Pop();
                    if (operand.WalkDownConversionsAndDelegates() is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } inner)
                    {
                        pending.Push(inner.RightOperand);
                        pending.Push(inner.LeftOperand);
                    }
                    else
                    {
                        safe &= IsSafePart(operand, depth, deferred);
                    }
                }

                return safe ? null : Concatenation;
            case IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.SpecialType: SpecialType.System_String, Name: "Format" or "Concat" } method } invocation:
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Type.Name == "IFormatProvider")
                    {
                        continue;
                    }

                    if (argument.Value is IArrayCreationOperation { Initializer: { } elements })
                    {
                        foreach (var element in elements.ElementValues)
                        {
                            if (!IsSafePart(element, depth, deferred))
                            {
                                return method.Name == "Format" ? Format : Concatenation;
                            }
                        }
                    }
                    else if (!IsSafePart(argument.Value, depth, deferred))
                    {
                        return method.Name == "Format" ? Format : Concatenation;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>True when a part of built text cannot change the query's syntax.</summary>
    private bool IsSafePart(IOperation part, int depth, List<IOperation>? deferred)
    {
        part = part.WalkDownConversionsAndDelegates();
        if (part.ConstantValue.HasValue || part is INameOfOperation || ScalarTypes.IsQuerySafe(part.Type))
        {
            return true;
        }

        // A local or read-only field that only ever holds a literal ("orders") is as good as a constant.
        if (part is ILocalReferenceOperation or IFieldReferenceOperation && LiteralFlow.TryResolve(part, out _))
        {
            return true;
        }

        if (part is ILocalReferenceOperation && deferred is not null)
        {
            deferred.Add(part);
            return true;
        }

        if (BuiltKind(part))
        {
            return UnsafeBuild(part, depth - 1, deferred) is null;
        }

        return part switch
        {
            IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => ScalarTypes.IsQuerySafe(instance.WalkDownConversionsAndDelegates().Type),
            IInvocationOperation join when IsJoin(join.TargetMethod) => IsSafeJoin(join, depth - 1),
            IInvocationOperation invocation => IsEscapingHelper(invocation.TargetMethod),
            _ => false,
        };
    }

    /// <summary>
    /// For the taint engine: a <c>string.Join</c> whose result can change the query (an <c>IN (…)</c> list of quoted
    /// values) is non-constant text; one that joins placeholders (<c>$"@id{i}"</c>), numbers or constants is clean.
    /// Null when <paramref name="operation"/> is not a <c>string.Join</c>.
    /// </summary>
    public bool? IsSafeJoin(IOperation operation)
        => operation is IInvocationOperation invocation && IsJoin(invocation.TargetMethod) ? IsSafeJoin(invocation, MaxDepth) : null;

    private static bool IsJoin(IMethodSymbol method)
        => method is { IsStatic: true, Name: "Join", ContainingType.SpecialType: SpecialType.System_String };

    private bool IsSafeJoin(IInvocationOperation join, int depth)
    {
        if (depth <= 0)
        {
            return false;
        }

        foreach (var argument in join.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            var value = argument.Value.WalkDownConversionsAndDelegates();
            if (argument.ArgumentKind == ArgumentKind.ParamArray && value is IArrayCreationOperation { Initializer: { } elements })
            {
                foreach (var element in elements.ElementValues)
                {
                    if (!IsSafePart(element, depth, null))
                    {
                        return false;
                    }
                }
            }
            else if (!IsSafePart(value, depth, null) && !IsSafeSequence(value, depth))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A sequence of numbers (or other scalars), or a <c>Select</c> whose lambda returns only safe text.</summary>
    private bool IsSafeSequence(IOperation sequence, int depth)
    {
        if (ScalarTypes.IsQuerySafe(ElementType(sequence.Type)))
        {
            return true;
        }

        if (sequence is not IInvocationOperation { TargetMethod.Name: "Select" } select || select.Arguments.Length == 0)
        {
            return false;
        }

        IBlockOperation body;
        switch (select.Arguments[select.Arguments.Length - 1].Value.WalkDownConversionsAndDelegates())
        {
            case IAnonymousFunctionOperation lambda:
                body = lambda.Body;
                break;
            case IFlowAnonymousFunctionOperation { Symbol: var method, Syntax: AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } }:
                // From the taint engine's control-flow graph the lambda has no operation body: its text is read from syntax.
                return IsSafeLambdaText(expression, method, depth - 1);
            default:
                return false;
        }

        var returns = 0;
        foreach (var operation in body.Descendants())
        {
            if (operation is IReturnOperation { ReturnedValue: { } returned })
            {
                returns++;
                if (!IsSafePart(returned, depth - 1, null))
                {
                    return false;
                }
            }
        }

        return returns > 0;
    }

    /// <summary>
    /// A lambda's returned text judged from syntax: literals, and the lambda's own parameters of a scalar type
    /// (<c>(_, i) => $"@id{i}"</c>, <c>i => "@p" + i</c>), put together by interpolation or concatenation.
    /// </summary>
    private static bool IsSafeLambdaText(ExpressionSyntax text, IMethodSymbol lambda, int depth)
    {
        if (depth <= 0)
        {
            return false;
        }

        switch (text)
        {
            case LiteralExpressionSyntax:
                return true;
            case ParenthesizedExpressionSyntax parenthesized:
                return IsSafeLambdaText(parenthesized.Expression, lambda, depth - 1);
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } add:
                return IsSafeLambdaText(add.Left, lambda, depth - 1) && IsSafeLambdaText(add.Right, lambda, depth - 1);
            case InterpolatedStringExpressionSyntax interpolated:
                foreach (var content in interpolated.Contents)
                {
                    if (content is InterpolationSyntax hole && !IsSafeLambdaText(hole.Expression, lambda, depth - 1))
                    {
                        return false;
                    }
                }

                return true;
            case IdentifierNameSyntax { Identifier.ValueText: var name }:
                foreach (var parameter in lambda.Parameters)
                {
                    if (parameter.Name == name)
                    {
                        return ScalarTypes.IsQuerySafe(parameter.Type);
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static ITypeSymbol? ElementType(ITypeSymbol? sequence)
    {
        if (sequence is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (sequence is INamedTypeSymbol { SpecialType: SpecialType.System_Collections_Generic_IEnumerable_T } enumerable)
        {
            return enumerable.TypeArguments[0];
        }

        foreach (var implemented in sequence?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
        {
            if (implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return implemented.TypeArguments[0];
            }
        }

        return null;
    }

    /// <summary>True for text built in place: an interpolated string, a string concatenation, <c>string.Format</c>/<c>Concat</c>.</summary>
    public static bool IsBuiltText(IOperation text) => BuiltKind(text.WalkDownConversionsAndDelegates());

    private static bool BuiltKind(IOperation part) => part switch
    {
        IInterpolatedStringOperation => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => true,
        IInvocationOperation { TargetMethod: { IsStatic: true, ContainingType.SpecialType: SpecialType.System_String, Name: "Format" or "Concat" } } => true,
        _ => false,
    };

    /// <summary><c>TableClient.CreateQueryFilter</c>, <c>TableServiceClient.CreateQueryFilter</c>, <c>SearchFilter.Create</c>.</summary>
    public bool IsEscapingHelper(IMethodSymbol method)
        => method.IsStatic
           && ((method.Name == "CreateQueryFilter" && (TypeIdentity.Is(method.ContainingType, _tableClient) || TypeIdentity.Is(method.ContainingType, _tableServiceClient)))
               || (method.Name == "Create" && TypeIdentity.Is(method.ContainingType, _searchFilter)));
}

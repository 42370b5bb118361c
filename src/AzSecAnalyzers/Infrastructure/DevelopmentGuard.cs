using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Tells whether code only runs in development: inside <c>if (env.IsDevelopment())</c> (or the
/// <c>else</c> of its negation, or after <c>if (!env.IsDevelopment()) return;</c>), or inside an
/// active <c>#if DEBUG</c> region. Rules use it to stay silent on deliberate local-only settings.
/// Queried only when a finding is about to be reported, so it may walk a little.
/// </summary>
internal sealed class DevelopmentGuard
{
    /// <summary>
    /// How deep a condition is read. A guard is a call under a few <c>!</c>, <c>&amp;&amp;</c> and <c>||</c>;
    /// a condition of thousands of terms compiles, and reading all of it would cost a stack frame per term.
    /// </summary>
    private const int MaxConditionDepth = 32;

    private readonly INamedTypeSymbol? _hostEnvironmentExtensions;
    private readonly INamedTypeSymbol? _legacyHostingExtensions;

    private DevelopmentGuard(INamedTypeSymbol? hostEnvironmentExtensions, INamedTypeSymbol? legacyHostingExtensions)
    {
        _hostEnvironmentExtensions = hostEnvironmentExtensions;
        _legacyHostingExtensions = legacyHostingExtensions;
    }

    public static DevelopmentGuard Create(AzSecContext types)
        => new(types.Get(WellKnownTypeNames.HostEnvironmentEnvExtensions), types.Get(WellKnownTypeNames.HostingEnvironmentExtensions));

    public bool IsGuarded(IOperation operation)
        => IsInDevelopmentBranch(operation) || IsInDebugOnlyRegion(operation.Syntax);

    private bool IsInDevelopmentBranch(IOperation operation)
    {
        IOperation child = operation;
        for (var parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            switch (parent)
            {
                case IConditionalOperation conditional when conditional.Condition != child:
                    var polarity = DevelopmentPolarity(conditional.Condition, 0);
                    if ((polarity > 0 && child == conditional.WhenTrue) || (polarity < 0 && child == conditional.WhenFalse))
                    {
                        return true;
                    }

                    break;

                case IBlockOperation block when FollowsNonDevelopmentExit(block, child):
                    return true;

                case ILocalFunctionOperation or IMethodBodyBaseOperation:
                    // A local function can be called from anywhere: a guard around its declaration says nothing.
                    // (A lambda is different: it is created, and so registered, only where the guard lets it.)
                    return false;
            }
        }

        return false;
    }

    /// <summary>True when an earlier statement of the block is <c>if (!env.IsDevelopment()) return;</c> (or throw).</summary>
    private bool FollowsNonDevelopmentExit(IBlockOperation block, IOperation statement)
    {
        foreach (var earlier in block.Operations)
        {
            if (earlier == statement)
            {
                return false;
            }

            if (earlier is IConditionalOperation { WhenFalse: null } exit
                && DevelopmentPolarity(exit.Condition, 0) < 0
                && IsExit(exit.WhenTrue))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsExit(IOperation operation)
    {
        // { { return; } }: blocks of one statement, unwrapped in a loop.
        while (operation is IBlockOperation { Operations.Length: 1 } block)
        {
            operation = block.Operations[0];
        }

        return operation is IReturnOperation or IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation };
    }

    /// <summary>+1 when the condition being true implies development, -1 when it implies not development, 0 when unknown.</summary>
    private int DevelopmentPolarity(IOperation condition, int depth)
    {
        if (++depth > MaxConditionDepth)
        {
            return 0;
        }

        switch (condition)
        {
            case IInvocationOperation invocation when IsDevelopmentCheck(invocation):
                return 1;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return -DevelopmentPolarity(not.Operand, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                // a && IsDevelopment(): true implies development.
                return DevelopmentPolarity(and.LeftOperand, depth) > 0 || DevelopmentPolarity(and.RightOperand, depth) > 0 ? 1 : 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                // !IsDevelopment() || a: false implies development.
                return DevelopmentPolarity(or.LeftOperand, depth) < 0 || DevelopmentPolarity(or.RightOperand, depth) < 0 ? -1 : 0;
            case IConversionOperation conversion:
                return DevelopmentPolarity(conversion.Operand, depth);
            default:
                return 0;
        }
    }

    private bool IsDevelopmentCheck(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType?.OriginalDefinition;
        if (containing is null
            || !(SymbolEqualityComparer.Default.Equals(containing, _hostEnvironmentExtensions)
                 || SymbolEqualityComparer.Default.Equals(containing, _legacyHostingExtensions)))
        {
            return false;
        }

        if (method.Name == "IsDevelopment")
        {
            return true;
        }

        // env.IsEnvironment("Development")
        return method.Name == "IsEnvironment"
            && invocation.Arguments.Length == 2
            && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }
            && string.Equals(name, "Development", System.StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>True when the node sits in an active <c>#if DEBUG</c> (or <c>#else</c> of <c>#if !DEBUG</c>) region.</summary>
    internal static bool IsInDebugOnlyRegion(SyntaxNode node)
    {
        var root = node.SyntaxTree.GetRoot();
        if (!root.ContainsDirectives)
        {
            return false;
        }

        var position = node.SpanStart;

        // Each open #if level: +1 debug-only, -1 release-only, 0 unrelated.
        var levels = new List<int>();
        for (var directive = root.GetFirstDirective(); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective())
        {
            switch (directive)
            {
                case IfDirectiveTriviaSyntax ifDirective:
                    levels.Add(DebugPolarity(ifDirective.Condition, 0));
                    break;
                case ElifDirectiveTriviaSyntax elif when levels.Count > 0:
                    levels[levels.Count - 1] = DebugPolarity(elif.Condition, 0);
                    break;
                case ElseDirectiveTriviaSyntax when levels.Count > 0:
                    levels[levels.Count - 1] = -levels[levels.Count - 1];
                    break;
                case EndIfDirectiveTriviaSyntax when levels.Count > 0:
                    levels.RemoveAt(levels.Count - 1);
                    break;
            }
        }

        return levels.Contains(1);
    }

    private static int DebugPolarity(ExpressionSyntax condition, int depth) => ++depth > MaxConditionDepth ? 0 : condition switch
    {
        IdentifierNameSyntax { Identifier.ValueText: "DEBUG" } => 1,
        ParenthesizedExpressionSyntax parenthesized => DebugPolarity(parenthesized.Expression, depth),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => -DebugPolarity(not.Operand, depth),
        BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and
            => DebugPolarity(and.Left, depth) > 0 || DebugPolarity(and.Right, depth) > 0 ? 1 : 0,
        _ => 0,
    };
}

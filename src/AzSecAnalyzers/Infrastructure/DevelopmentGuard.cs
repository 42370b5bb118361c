using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Tells whether code only runs in development: inside <c>if (env.IsDevelopment())</c> (or
/// <c>!env.IsProduction()</c>, <c>IsEnvironment("Local")</c>, the <c>else</c> of their negation, or after
/// <c>if (!env.IsDevelopment()) return;</c>), in a helper method every call of which is guarded, or inside an
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

    /// <summary>How many helper levels are followed up to their callers (<c>UseDocs()</c> called from <c>ConfigurePipeline()</c> …).</summary>
    private const int MaxCallerDepth = 3;

    private readonly INamedTypeSymbol? _hostEnvironmentExtensions;
    private readonly INamedTypeSymbol? _legacyHostingExtensions;
    private readonly Compilation _compilation;

    // Per helper method: is every call of it guarded? Computed once per compilation, when a finding first asks.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _everyCallGuarded = new(SymbolEqualityComparer.Default);

    private DevelopmentGuard(INamedTypeSymbol? hostEnvironmentExtensions, INamedTypeSymbol? legacyHostingExtensions, Compilation compilation)
    {
        _hostEnvironmentExtensions = hostEnvironmentExtensions;
        _legacyHostingExtensions = legacyHostingExtensions;
        _compilation = compilation;
    }

    public static DevelopmentGuard Create(AzSecContext types)
        => new(types.Get(WellKnownTypeNames.HostEnvironmentEnvExtensions), types.Get(WellKnownTypeNames.HostingEnvironmentExtensions), types.Compilation);

    public bool IsGuarded(IOperation operation) => IsGuarded(operation, 0);

    private bool IsGuarded(IOperation operation, int callerDepth)
        => IsInDevelopmentBranch(operation, callerDepth) || IsInDebugOnlyRegion(operation.Syntax);

    private bool IsInDevelopmentBranch(IOperation operation, int callerDepth)
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

                case ILocalFunctionOperation:
                    // A local function can be called from anywhere: a guard around its declaration says nothing.
                    // (A lambda is different: it is created, and so registered, only where the guard lets it.)
                    return false;

                case IMethodBodyBaseOperation body:
                    // A helper (app.UseApiDocs()) is guarded when every call of it is.
                    return callerDepth < MaxCallerDepth
                        && body.SemanticModel?.GetDeclaredSymbol(body.Syntax) is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
                        && EveryCallGuarded(method, body, callerDepth + 1);
            }
        }

        return false;
    }

    private bool EveryCallGuarded(IMethodSymbol method, IOperation usage, int callerDepth)
    {
        if (_everyCallGuarded.TryGetValue(method, out var known))
        {
            return known;
        }

        // A recursive helper asks about itself while it is being judged: no until the answer is known.
        _everyCallGuarded[method] = false;
        var calls = OperationBodies.FindCalls(method, usage, _compilation, CancellationToken.None);
        var guarded = calls is not null;
        for (var i = 0; guarded && i < calls!.Count; i++)
        {
            guarded = IsGuarded(calls[i], callerDepth);
        }

        _everyCallGuarded[method] = guarded;
        return guarded;
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
            case IInvocationOperation invocation:
                return EnvironmentPolarity(invocation);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return -DevelopmentPolarity(not.Operand, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } and:
                // a && IsDevelopment(): true implies development.
                return DevelopmentPolarity(and.LeftOperand, depth) > 0 || DevelopmentPolarity(and.RightOperand, depth) > 0 ? 1 : 0;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } or:
                // !IsDevelopment() || a: false implies development. IsEnvironment("Local") || IsDevelopment(): true implies it.
                var left = DevelopmentPolarity(or.LeftOperand, depth);
                var right = DevelopmentPolarity(or.RightOperand, depth);
                return left < 0 || right < 0 ? -1 : left > 0 && right > 0 ? 1 : 0;
            case IConversionOperation conversion:
                return DevelopmentPolarity(conversion.Operand, depth);
            default:
                return 0;
        }
    }

    /// <summary>
    /// +1 for <c>IsDevelopment()</c> and <c>IsEnvironment("…")</c> with a development-like name (Development, Dev, Local,
    /// Test, Debug …); -1 for <c>IsProduction()</c> and <c>IsEnvironment("Production")</c>, so <c>!IsProduction()</c> guards;
    /// 0 otherwise (<c>IsStaging()</c>'s else branch is production too).
    /// </summary>
    private int EnvironmentPolarity(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var containing = method.ContainingType?.OriginalDefinition;
        if (containing is null
            || !(SymbolEqualityComparer.Default.Equals(containing, _hostEnvironmentExtensions)
                 || SymbolEqualityComparer.Default.Equals(containing, _legacyHostingExtensions)))
        {
            return 0;
        }

        switch (method.Name)
        {
            case "IsDevelopment":
                return 1;
            case "IsProduction":
                return -1;
            case "IsEnvironment" when invocation.Arguments.Length == 2 && invocation.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }:
                return IsProductionName(name) ? -1 : IsDevelopmentLikeName(name) ? 1 : 0;
            default:
                return 0;
        }
    }

    private static bool IsProductionName(string name)
        => string.Equals(name, "Production", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Prod", StringComparison.OrdinalIgnoreCase);

    private static bool IsDevelopmentLikeName(string name)
        => name.IndexOf("dev", StringComparison.OrdinalIgnoreCase) >= 0
           || name.IndexOf("local", StringComparison.OrdinalIgnoreCase) >= 0
           || name.IndexOf("test", StringComparison.OrdinalIgnoreCase) >= 0
           || name.IndexOf("debug", StringComparison.OrdinalIgnoreCase) >= 0;

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

using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>
/// Follows a value through locals to what was written: <c>var access = PublicAccessType.Blob; Create(access)</c>
/// or <c>var expiry = DateTimeOffset.UtcNow.AddDays(365); builder.ExpiresOn = expiry</c>. A local is followed
/// only when its declaration has an initializer and nothing else in the body writes it (assignment,
/// increment, <c>ref</c>/<c>out</c>), so the initializer is the only value it can hold.
/// Called only on values a Data rule already cares about, so the walk of the enclosing body is rare.
/// </summary>
internal static class LocalValue
{
    private const int MaxDepth = 4;

    /// <summary>The value as written (conversions and parentheses removed), followed through at most a few locals.</summary>
    public static IOperation Resolve(IOperation value)
    {
        value = value.WalkDownConversions();
        for (var depth = 0; depth < MaxDepth && value is ILocalReferenceOperation reference; depth++)
        {
            if (TryGetOnlyValue(reference, out var initializer))
            {
                value = initializer.WalkDownConversions();
            }
            else
            {
                break;
            }
        }

        return value;
    }

    private static bool TryGetOnlyValue(ILocalReferenceOperation reference, out IOperation initializer)
    {
        initializer = reference;
        var local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        var root = reference;
        IOperation top = reference;
        while (top.Parent is not null)
        {
            top = top.Parent;
        }

        IOperation? found = null;
        foreach (var operation in top.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    found = declarator.GetVariableInitializer()?.Value;
                    if (found is null)
                    {
                        return false;
                    }

                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation counter } when SymbolEqualityComparer.Default.Equals(counter.Local, local):
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In, Value: ILocalReferenceOperation passed } when SymbolEqualityComparer.Default.Equals(passed.Local, local):
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } when SymbolEqualityComparer.Default.Equals(declared.Local, local):
                    return false;
            }
        }

        if (found is null || root.Syntax.SpanStart < found.Syntax.SpanStart)
        {
            return false;
        }

        initializer = found;
        return true;
    }
}

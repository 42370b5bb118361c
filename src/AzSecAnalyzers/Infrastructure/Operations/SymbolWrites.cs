using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>How a write gives a local, field or property its value.</summary>
internal enum WriteKind
{
    /// <summary><c>var x = v;</c>, <c>string F = v;</c>, <c>string P { get; } = v;</c></summary>
    Initializer,

    /// <summary><c>x = v</c></summary>
    Assignment,

    /// <summary><c>x += v</c>, <c>x ??= v</c></summary>
    CompoundAssignment,

    /// <summary><c>x++</c>, <c>--x</c></summary>
    IncrementOrDecrement,

    /// <summary>Passed as <c>ref</c> or <c>out</c> (including <c>out var x</c>).</summary>
    ByReference,

    /// <summary><c>(x, y) = t</c></summary>
    Deconstruction,
}

/// <summary>One place a symbol is given a value.</summary>
internal readonly struct SymbolWrite
{
    public SymbolWrite(WriteKind kind, SyntaxNode syntax, IOperation? value)
    {
        Kind = kind;
        Syntax = syntax;
        Value = value;
    }

    public WriteKind Kind { get; }

    /// <summary>
    /// The value written, for an initializer or a plain assignment seen as operations (locals); null for
    /// the other kinds and for writes found in declaring syntax (fields, properties).
    /// </summary>
    public IOperation? Value { get; }

    /// <summary>The value's syntax for an initializer or assignment; otherwise the writing expression or argument.</summary>
    public SyntaxNode Syntax { get; }

    public Location Location => Syntax.GetLocation();
}

/// <summary>
/// The one answer to "where is this symbol given a value": every initializer and write of a local in
/// the operation tree that declares it (the containing body), or of a field or property in the syntax of
/// its containing type. Not a data-flow analysis: order and branches are not considered; each rule states
/// its own policy on top (one write only, every write a literal, any write of a kind, …).
/// Lazily enumerated, so a caller that stops at the first write it rejects walks no further, and nothing
/// is collected when the symbol has no writes.
/// </summary>
internal static class SymbolWrites
{
    /// <summary>The writes of <paramref name="local"/> in the operation tree <paramref name="root"/> (see <see cref="OperationExtensions.Root"/>).</summary>
    public static IEnumerable<SymbolWrite> Of(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    if (declarator.GetVariableInitializer() is { } initializer)
                    {
                        yield return new SymbolWrite(WriteKind.Initializer, initializer.Value.Syntax, initializer.Value);
                    }

                    break;
                case ILocalReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Local, local):
                    if (WriteBy(reference) is { } write)
                    {
                        yield return write;
                    }

                    break;
            }
        }
    }

    /// <summary>
    /// The value as written (conversions and parentheses removed), followed through at most
    /// <paramref name="maxLocals"/> locals whose only write is their initializer, read after it
    /// (<c>var access = PublicAccessType.Blob; Create(access)</c>). A local also assigned, incremented,
    /// deconstructed into or passed by reference is not followed: its initializer is not the only value it can hold.
    /// </summary>
    public static IOperation FollowOnlyInitializers(IOperation value, int maxLocals = 4)
    {
        value = value.WalkDownConversions();
        for (var depth = 0; depth < maxLocals && value is ILocalReferenceOperation reference && OnlyInitializer(reference) is { } initializer; depth++)
        {
            value = initializer.WalkDownConversions();
        }

        return value;
    }

    private static IOperation? OnlyInitializer(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        if (local.IsRef || local.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        IOperation? initializer = null;
        foreach (var write in Of(local, reference.Root()))
        {
            if (write.Kind != WriteKind.Initializer || initializer is not null)
            {
                return null;
            }

            initializer = write.Value;
        }

        return initializer is not null && initializer.Syntax.SpanStart <= reference.Syntax.SpanStart ? initializer : null;
    }

    /// <summary>Every reference to <paramref name="local"/> in the operation tree <paramref name="root"/>, reads and writes.</summary>
    public static IEnumerable<ILocalReferenceOperation> ReferencesTo(ILocalSymbol local, IOperation root)
    {
        foreach (var operation in root.Descendants())
        {
            if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                yield return reference;
            }
        }
    }

    /// <summary>
    /// The writes of a field or property in the syntax of its containing type: first the initializer of its
    /// declaration, then every assignment, increment or <c>ref</c>/<c>out</c> argument whose target is
    /// written with its name (<c>F = …</c>, <c>this.F = …</c>, <c>other.F = …</c>). Matched by name: code
    /// outside an operation callback has no semantic model, so a same-named member of another object counts.
    /// </summary>
    public static IEnumerable<SymbolWrite> Of(ISymbol fieldOrProperty)
    {
        if (fieldOrProperty is not (IFieldSymbol or IPropertySymbol))
        {
            yield break;
        }

        foreach (var reference in fieldOrProperty.DeclaringSyntaxReferences)
        {
            var initializer = reference.GetSyntax() switch
            {
                VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                PropertyDeclarationSyntax property => property.Initializer?.Value,
                _ => null,
            };

            if (initializer is not null)
            {
                yield return new SymbolWrite(WriteKind.Initializer, initializer, null);
            }
        }

        var name = fieldOrProperty.Name;
        foreach (var typeReference in fieldOrProperty.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var node in typeReference.GetSyntax().DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax assignment when Names(assignment.Left, name):
                        yield return assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                            ? new SymbolWrite(WriteKind.Assignment, assignment.Right, null)
                            : new SymbolWrite(WriteKind.CompoundAssignment, assignment, null);
                        break;
                    case PrefixUnaryExpressionSyntax { OperatorToken.ValueText: "++" or "--" } prefix when Names(prefix.Operand, name):
                        yield return new SymbolWrite(WriteKind.IncrementOrDecrement, prefix, null);
                        break;
                    case PostfixUnaryExpressionSyntax { OperatorToken.ValueText: "++" or "--" } postfix when Names(postfix.Operand, name):
                        yield return new SymbolWrite(WriteKind.IncrementOrDecrement, postfix, null);
                        break;
                    case ArgumentSyntax { RefKindKeyword.ValueText: "ref" or "out" } argument when Names(argument.Expression, name):
                        yield return new SymbolWrite(WriteKind.ByReference, argument, null);
                        break;
                }
            }
        }
    }

    private static bool Names(ExpressionSyntax target, string name) => target switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
        _ => false,
    };

    private static SymbolWrite? WriteBy(ILocalReferenceOperation reference)
    {
        switch (reference.Parent)
        {
            case ISimpleAssignmentOperation assignment when assignment.Target == reference:
                return new SymbolWrite(WriteKind.Assignment, assignment.Value.Syntax, assignment.Value);
            case IAssignmentOperation assignment when assignment.Target == reference:
                return new SymbolWrite(WriteKind.CompoundAssignment, assignment.Syntax, null);
            case IIncrementOrDecrementOperation counter:
                return new SymbolWrite(WriteKind.IncrementOrDecrement, counter.Syntax, null);
            case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument:
                return new SymbolWrite(WriteKind.ByReference, argument.Syntax, null);
            case IDeclarationExpressionOperation { Parent: IArgumentOperation argument }:
                return new SymbolWrite(WriteKind.ByReference, argument.Syntax, null);
        }

        // (x, y) = t and var (x, y) = t: the reference sits in the target tuple of a deconstruction.
        IOperation current = reference;
        while (current.Parent is ITupleOperation or IDeclarationExpressionOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IDeconstructionAssignmentOperation deconstruction && deconstruction.Target == current
            ? new SymbolWrite(WriteKind.Deconstruction, deconstruction.Syntax, null)
            : null;
    }
}

using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Infrastructure.Operations;

/// <summary>Where a hard-coded string came from: its text, the literal to point at, and the symbol that carried it.</summary>
internal readonly struct LiteralOrigin
{
    public LiteralOrigin(string text, Location literalLocation, ISymbol? carrier)
    {
        Text = text;
        LiteralLocation = literalLocation;
        Carrier = carrier;
    }

    public string Text { get; }

    /// <summary>The literal (or constant expression) that holds the text in source.</summary>
    public Location LiteralLocation { get; }

    /// <summary>The local, constant or read-only field the value travelled through; null for a literal written in place.</summary>
    public ISymbol? Carrier { get; }
}

/// <summary>
/// Follows a value back to a string literal: directly, through a constant, through a local whose
/// every assignment is a literal, or through a read-only field initialised with a literal and never
/// assigned elsewhere. Anything else (a parameter, a call, configuration) is not a literal.
/// </summary>
internal static class LiteralFlow
{
    public static bool TryResolve(IOperation value, out LiteralOrigin origin)
    {
        origin = default;
        value = value.WalkDownConversions();

        switch (value)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string text } }:
                origin = new LiteralOrigin(text, value.Syntax.GetLocation(), null);
                return true;

            case ILocalReferenceOperation local:
                return TryResolveLocal(local, out origin);

            case IFieldReferenceOperation field:
                return TryResolveField(field.Field, field, out origin);

            case { ConstantValue: { HasValue: true, Value: string constant } }:
                // A constant concatenation or interpolation.
                origin = new LiteralOrigin(constant, value.Syntax.GetLocation(), null);
                return true;

            default:
                return false;
        }
    }

    private static bool TryResolveLocal(ILocalReferenceOperation reference, out LiteralOrigin origin)
    {
        // Policy: every write is a plain assignment or initializer of a literal; the first one is pointed at.
        origin = default;
        Location? location = null;
        string? text = null;
        foreach (var write in SymbolWrites.Of(reference.Local, reference.Root()))
        {
            if (write.Value?.WalkDownConversions() is not { } unwrapped)
            {
                return false;
            }

            if (unwrapped.ConstantValue is not { HasValue: true, Value: string value })
            {
                return false;
            }

            if (text is null)
            {
                text = value;
                location = unwrapped.Syntax.GetLocation();
            }
        }

        if (text is null || location is null)
        {
            return false;
        }

        origin = new LiteralOrigin(text, location, reference.Local);
        return true;
    }

    private static bool TryResolveField(IFieldSymbol field, IFieldReferenceOperation? reference, out LiteralOrigin origin)
    {
        // Policy: a constant, or a read-only field initialised with a literal and written nowhere else.
        origin = default;
        if (!field.IsConst && !field.IsReadOnly)
        {
            return false;
        }

        // A constant of another project: metadata in a build, another compilation's source in the IDE (a project
        // reference). Either way its literal is not in this compilation; the reference is what can be pointed at.
        if (field.IsConst && field.ConstantValue is string referencedConstant && reference is not null && !IsDeclaredIn(field, reference))
        {
            origin = new LiteralOrigin(referencedConstant, reference.Syntax.GetLocation(), field);
            return true;
        }

        using var writes = SymbolWrites.Of(field).GetEnumerator();
        if (!writes.MoveNext() || writes.Current.Kind != WriteKind.Initializer)
        {
            return false;
        }

        var initializer = writes.Current.Syntax;
        var text = field.IsConst && field.ConstantValue is string constant
            ? constant
            : initializer is LiteralExpressionSyntax literal && literal.Token.Value is string literalText
            ? literalText
            : null;
        if (text is null || (!field.IsConst && writes.MoveNext()))
        {
            return false;
        }

        origin = new LiteralOrigin(text, initializer.GetLocation(), field);
        return true;
    }

    private static bool IsDeclaredIn(IFieldSymbol field, IFieldReferenceOperation reference)
    {
        if (field.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        // Without a semantic model the question cannot be asked; keep the source path, as before.
        if (reference.SemanticModel?.Compilation is not { } compilation)
        {
            return true;
        }

        foreach (var declaration in field.DeclaringSyntaxReferences)
        {
            if (!compilation.ContainsSyntaxTree(declaration.SyntaxTree))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Linq;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

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
                return TryResolveField(field.Field, out origin);

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
        origin = default;
        var local = reference.Local;
        var root = (IOperation)reference;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        Location? location = null;
        string? text = null;
        foreach (var operation in root.Descendants())
        {
            IOperation? assigned = null;
            switch (operation)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    assigned = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
                    if (assigned is null)
                    {
                        continue;
                    }

                    break;
                case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    if (assignment is not ISimpleAssignmentOperation)
                    {
                        return false;
                    }

                    assigned = assignment.Value;
                    break;
                case IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument
                    when argument.Value is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return false;
                case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target.Descendants().OfType<ILocalReferenceOperation>().Any(r => SymbolEqualityComparer.Default.Equals(r.Local, local)):
                    return false;
                default:
                    continue;
            }

            var unwrapped = assigned;
            while (unwrapped is IConversionOperation conversion)
            {
                unwrapped = conversion.Operand;
            }

            if (unwrapped.ConstantValue is not { HasValue: true, Value: string value })
            {
                return false;
            }

            if (text is not null)
            {
                // Several literals: still hard-coded; point at the first.
                continue;
            }

            text = value;
            location = unwrapped.Syntax.GetLocation();
        }

        if (text is null || location is null)
        {
            return false;
        }

        origin = new LiteralOrigin(text, location, local);
        return true;
    }

    private static bool TryResolveField(IFieldSymbol field, out LiteralOrigin origin)
    {
        origin = default;
        if (!field.IsConst && !field.IsReadOnly)
        {
            return false;
        }

        foreach (var reference in field.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initializer })
            {
                continue;
            }

            string? text = null;
            if (field.IsConst && field.ConstantValue is string constant)
            {
                text = constant;
            }
            else if (initializer is LiteralExpressionSyntax literal && literal.Token.Value is string literalText)
            {
                text = literalText;
            }

            if (text is null || (!field.IsConst && IsAssignedOutsideItsDeclaration(field)))
            {
                return false;
            }

            origin = new LiteralOrigin(text, initializer.GetLocation(), field);
            return true;
        }

        return false;
    }

    /// <summary>A read-only field can still be assigned in a constructor; any such assignment means it is not only a literal.</summary>
    private static bool IsAssignedOutsideItsDeclaration(IFieldSymbol field)
    {
        foreach (var typeReference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var assignment in typeReference.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                var left = assignment.Left;
                var name = left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                    _ => null,
                };

                if (name == field.Name)
                {
                    return true;
                }
            }
        }

        return false;
    }
}

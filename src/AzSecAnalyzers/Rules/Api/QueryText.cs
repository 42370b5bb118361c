using System.Collections.Generic;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Rules.Secrets;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

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

    private readonly INamedTypeSymbol? _guid;
    private readonly INamedTypeSymbol? _dateTimeOffset;
    private readonly INamedTypeSymbol? _timeSpan;
    private readonly INamedTypeSymbol? _tableClient;
    private readonly INamedTypeSymbol? _tableServiceClient;
    private readonly INamedTypeSymbol? _searchFilter;

    public QueryText(AzSecContext types)
    {
        _guid = types.Get(WellKnownTypeNames.Guid);
        _dateTimeOffset = types.Get(WellKnownTypeNames.DateTimeOffset);
        _timeSpan = types.Get(WellKnownTypeNames.TimeSpan);
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
                // Both sides are judged (no short-circuit) so every deferred local is collected.
                var left = IsSafePart(concatenation.LeftOperand, depth, deferred);
                var right = IsSafePart(concatenation.RightOperand, depth, deferred);
                return left && right ? null : Concatenation;
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
        if (part.ConstantValue.HasValue || part is INameOfOperation || IsSafeType(part.Type))
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
            IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } instance } => IsSafeType(instance.WalkDownConversionsAndDelegates().Type),
            IInvocationOperation invocation => IsEscapingHelper(invocation.TargetMethod),
            _ => false,
        };
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
           && ((method.Name == "CreateQueryFilter" && (Is(method.ContainingType, _tableClient) || Is(method.ContainingType, _tableServiceClient)))
               || (method.Name == "Create" && Is(method.ContainingType, _searchFilter)));

    private bool IsSafeType(ITypeSymbol? type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type is null)
        {
            return false;
        }

        if (type.TypeKind == TypeKind.Enum)
        {
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
            case SpecialType.System_SByte:
            case SpecialType.System_Byte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return true;
        }

        return Is(type, _guid) || Is(type, _dateTimeOffset) || Is(type, _timeSpan);
    }

    private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
        => expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
}

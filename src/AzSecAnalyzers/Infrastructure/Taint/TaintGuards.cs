namespace AzSecAnalyzers.Infrastructure.Taint;

/// <summary>
/// Reusable pieces for a spec's <see cref="TaintSpec.Guard"/> and <see cref="TaintSpec.Sanitizer"/>: membership tests,
/// comparisons with known text, <c>Uri.Host</c> comparisons, constant absolute-URL prefix checks, <c>IsBaseOf</c>. Each recognises one shape of
/// condition and says which value it guards and on which branch.
/// </summary>
internal static class TaintGuards
{
    /// <summary>
    /// <c>allowed.Contains(x)</c>, <c>allowed.ContainsKey(x)</c>, <c>Enumerable.Contains(allowed, x)</c> (not <c>string.Contains</c>):
    /// <paramref name="member"/> is <c>x</c>, clean when the test is true.
    /// </summary>
    public static bool IsMembershipTest(IOperation condition, out IOperation member)
    {
        member = null!;
        if (condition is not IInvocationOperation { TargetMethod.Name: "Contains" or "ContainsKey" or "ContainsValue" } invocation)
        {
            return false;
        }

        if (invocation.Instance is { } instance)
        {
            if (instance.Type?.SpecialType == SpecialType.System_String || invocation.Arguments.Length < 1)
            {
                return false;
            }

            member = invocation.Arguments[0].Value;
            return true;
        }

        if (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length >= 2
            && invocation.Arguments[0].Value.WalkDownConversionsAndDelegates().Type?.SpecialType != SpecialType.System_String)
        {
            member = invocation.Arguments[1].Value;
            return true;
        }

        return false;
    }

    /// <summary>
    /// <c>x == "known"</c>, <c>x != "known"</c>, <c>x.Equals("known")</c>, <c>string.Equals(x, "known", …)</c>, <c>x is "a" or "b"</c> (and the
    /// comparisons a <c>switch</c> over constant cases compiles to): text compared with non-null string constants, so on the
    /// <paramref name="whenTrue"/> branch <paramref name="guarded"/> (<c>x</c>) is one of the constants the code chose.
    /// </summary>
    public static bool IsKnownTextComparison(IOperation condition, out IOperation guarded, out bool whenTrue)
    {
        guarded = null!;
        whenTrue = true;
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                whenTrue = binary.OperatorKind == BinaryOperatorKind.Equals;
                return TryGetComparedText(binary.LeftOperand, binary.RightOperand, out guarded);
            case IIsPatternOperation { Pattern: var pattern } isPattern when isPattern.Value.Type?.SpecialType == SpecialType.System_String:
                if (pattern is INegatedPatternOperation negated)
                {
                    whenTrue = false;
                    pattern = negated.Pattern;
                }

                guarded = isPattern.Value;
                return MatchesOnlyKnownText(pattern, 0);
            case IInvocationOperation { TargetMethod: { Name: "Equals", ContainingType.SpecialType: SpecialType.System_String } method } invocation:
                if (method.IsStatic)
                {
                    return invocation.Arguments.Length >= 2 && TryGetComparedText(invocation.Arguments[0].Value, invocation.Arguments[1].Value, out guarded);
                }

                return invocation.Instance is { } instance && invocation.Arguments.Length >= 1 && TryGetComparedText(instance, invocation.Arguments[0].Value, out guarded);
            default:
                return false;
        }
    }

    private static bool TryGetComparedText(IOperation left, IOperation right, out IOperation guarded)
    {
        guarded = null!;
        if (left.Type?.SpecialType != SpecialType.System_String && right.Type?.SpecialType != SpecialType.System_String)
        {
            return false;
        }

        if (right.ConstantValue.Value is string && !left.ConstantValue.HasValue)
        {
            guarded = left;
            return true;
        }

        if (left.ConstantValue.Value is string && !right.ConstantValue.HasValue)
        {
            guarded = right;
            return true;
        }

        return false;
    }

    // "a", "a" or "b" (a null constant, a type or relational pattern, a discard: not a list of known values).
    private static bool MatchesOnlyKnownText(IPatternOperation pattern, int depth) => pattern switch
    {
        IConstantPatternOperation constant => constant.Value.ConstantValue.Value is string,
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when depth < 32
            => MatchesOnlyKnownText(either.LeftPattern, depth + 1) && MatchesOnlyKnownText(either.RightPattern, depth + 1),
        _ => false,
    };

    /// <summary>
    /// A comparison of <c>x.Host</c> (or <c>x.Authority</c>/<c>x.IdnHost</c>/<c>x.DnsSafeHost</c>) of a <c>Uri</c>/<c>UriBuilder</c> with a constant:
    /// <c>==</c>, <c>!=</c>, <c>Equals</c>, <c>string.Equals</c>, <c>EndsWith(".contoso.com")</c>. <paramref name="guarded"/> is <c>x</c>;
    /// <paramref name="host"/> the constant. <paramref name="whenTrue"/> is the branch on which the host equals it.
    /// </summary>
    public static bool IsHostComparison(IOperation condition, out IOperation guarded, out string host, out bool whenTrue)
    {
        guarded = null!;
        host = string.Empty;
        whenTrue = true;
        switch (condition)
        {
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                whenTrue = binary.OperatorKind == BinaryOperatorKind.Equals;
                return HostAndConstant(binary.LeftOperand, binary.RightOperand, out guarded, out host)
                    || HostAndConstant(binary.RightOperand, binary.LeftOperand, out guarded, out host);
            case IInvocationOperation { TargetMethod.Name: "Equals" } equals when equals.Instance is { } instance && equals.Arguments.Length >= 1:
                return HostAndConstant(instance, equals.Arguments[0].Value, out guarded, out host);
            case IInvocationOperation { TargetMethod.Name: "Equals", Instance: null } staticEquals when staticEquals.Arguments.Length >= 2:
                return HostAndConstant(staticEquals.Arguments[0].Value, staticEquals.Arguments[1].Value, out guarded, out host)
                    || HostAndConstant(staticEquals.Arguments[1].Value, staticEquals.Arguments[0].Value, out guarded, out host);
            case IInvocationOperation { TargetMethod.Name: "EndsWith" } endsWith when endsWith.Instance is { } suffixed && endsWith.Arguments.Length >= 1
                && endsWith.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string suffix } && suffix.Length > 1 && suffix[0] == '.':
                if (UriOfHost(suffixed) is { } uri)
                {
                    guarded = uri;
                    host = suffix.Substring(1);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    /// <summary>
    /// <c>text.StartsWith("https://host/")</c> (or of <c>uri.AbsoluteUri</c>/<c>uri.ToString()</c>) with a constant absolute URL whose host is followed by
    /// <c>/</c>: <paramref name="guarded"/> is the text (or the <c>Uri</c>), clean when true; <paramref name="host"/> is the prefix's host.
    /// </summary>
    public static bool IsAbsolutePrefixCheck(IOperation condition, out IOperation guarded, out string host)
    {
        guarded = null!;
        host = string.Empty;
        if (condition is not IInvocationOperation { TargetMethod.Name: "StartsWith", Instance: { } instance } invocation
            || invocation.Arguments.Length < 1
            || invocation.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string prefix }
            || !TryGetPinnedHost(prefix, out host))
        {
            return false;
        }

        guarded = instance switch
        {
            IPropertyReferenceOperation { Property.Name: "AbsoluteUri" or "OriginalString", Instance: { } uri } => uri,
            IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } uri } when IsUri(uri.Type) => uri,
            _ => instance,
        };
        return true;
    }

    /// <summary><c>trustedBase.IsBaseOf(x)</c>: <paramref name="guarded"/> is <c>x</c>, clean when true.</summary>
    public static bool IsBaseOfCheck(IOperation condition, out IOperation guarded)
    {
        guarded = null!;
        if (condition is IInvocationOperation { TargetMethod.Name: "IsBaseOf", Arguments.Length: 1 } invocation && IsUri(invocation.TargetMethod.ContainingType))
        {
            guarded = invocation.Arguments[0].Value;
            return true;
        }

        return false;
    }

    /// <summary>
    /// True when <paramref name="prefix"/> is an absolute http(s) URL whose authority is complete (followed by <c>/</c>, <c>?</c> or <c>#</c>):
    /// text appended after it cannot change the host. <paramref name="host"/> is that host (no port, no user info).
    /// </summary>
    public static bool TryGetPinnedHost(string prefix, out string host)
    {
        host = string.Empty;
        int schemeEnd;
        if (prefix.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            schemeEnd = 8;
        }
        else if (prefix.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            schemeEnd = 7;
        }
        else
        {
            return false;
        }

        var end = prefix.IndexOfAny(AuthorityEnd, schemeEnd);
        if (end <= schemeEnd)
        {
            return false;
        }

        var authority = prefix.Substring(schemeEnd, end - schemeEnd);
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            authority = authority.Substring(at + 1);
        }

        var colon = authority.LastIndexOf(':');
        if (colon >= 0 && authority.IndexOf(']') < colon)
        {
            authority = authority.Substring(0, colon);
        }

        host = authority;
        return host.Length > 0 && host.IndexOfAny(BraceChars) < 0;
    }

    private static readonly char[] AuthorityEnd = { '/', '?', '#' };
    private static readonly char[] BraceChars = { '{', '}' };

    private static bool HostAndConstant(IOperation hostSide, IOperation constantSide, out IOperation guarded, out string host)
    {
        guarded = null!;
        host = string.Empty;
        if (constantSide.ConstantValue is not { HasValue: true, Value: string text } || UriOfHost(hostSide) is not { } uri)
        {
            return false;
        }

        guarded = uri;
        host = text;
        return true;
    }

    private static IOperation? UriOfHost(IOperation operation)
    {
        operation = operation.WalkDownConversionsAndDelegates();
        if (operation is IInvocationOperation { TargetMethod.Name: "ToLowerInvariant" or "ToLower" or "Trim", Instance: { } inner })
        {
            operation = inner.WalkDownConversionsAndDelegates();
        }

        return operation is IPropertyReferenceOperation { Property.Name: "Host" or "IdnHost" or "DnsSafeHost" or "Authority", Instance: { } uri } && IsUri(uri.Type)
            ? uri
            : null;
    }

    private static bool IsUri(ITypeSymbol? type)
        => type is { Name: "Uri" or "UriBuilder", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
}

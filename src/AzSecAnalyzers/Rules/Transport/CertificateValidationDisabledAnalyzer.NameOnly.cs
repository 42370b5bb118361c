namespace AzSecAnalyzers.Rules.Transport;

public sealed partial class CertificateValidationDisabledAnalyzer
{
    // Added to the message's first argument when the callback trusts a name: "…Callback', which … can carry), accepts every…".
    private const string NameOnlySuffix = ", which trusts any certificate whose subject or issuer name matches (a self-signed certificate can carry any name),";

    private static readonly ImmutableHashSet<string> NameMembers = ImmutableHashSet.Create("Subject", "Issuer", "SubjectName", "IssuerName", "GetNameInfo");

    /// <summary>
    /// True when a validation callback decides by the certificate's subject or issuer name alone
    /// (<c>cert.Subject.Contains("CN=api")</c>, <c>cert.Issuer == "CN=Contoso CA"</c>): it never reads the chain, reads the
    /// policy errors at most to accept early when there are none (<c>if (errors == SslPolicyErrors.None) return true;</c>,
    /// <c>errors == SslPolicyErrors.None || …</c>), reads the certificate only for its names (or a null check), and can
    /// return something other than <c>false</c>. Anyone can issue themselves a certificate with that name, so such a
    /// callback accepts an attacker's certificate. Pinning (thumbprint, public key, raw data) or building the chain stays silent.
    /// </summary>
    private static bool TrustsNameOnly(IOperation value, Compilation compilation, INamedTypeSymbol sslPolicyErrors, INamedTypeSymbol? certificateType, INamedTypeSymbol? chainType)
    {
        if (certificateType is null
            || !CallbackBodies.TryGetBody(value, compilation, out var method, out var body)
            || method is null
            || body is null
            || body.Syntax.ContainsDiagnostics)
        {
            return false;
        }

        IParameterSymbol? certificate = null;
        IParameterSymbol? errors = null;
        IParameterSymbol? chain = null;
        foreach (var parameter in method.Parameters)
        {
            if (SymbolEqualityComparer.Default.Equals(parameter.Type, sslPolicyErrors))
            {
                errors = parameter;
            }
            else if (TypeIdentity.IsOrInherits(parameter.Type, certificateType))
            {
                certificate = parameter;
            }
            else if (chainType is not null && SymbolEqualityComparer.Default.Equals(parameter.Type, chainType))
            {
                chain = parameter;
            }
        }

        if (certificate is null || errors is null)
        {
            return false;
        }

        var readsName = false;
        var mayAccept = false;
        foreach (var operation in body.Descendants())
        {
            switch (operation)
            {
                case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter, chain):
                    return false;
                case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter, errors):
                    if (!AcceptsEarlyWithoutErrors(reference))
                    {
                        return false;
                    }

                    break;
                case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter, certificate):
                    if (ReadsNameOrNull(reference) is not { } isName)
                    {
                        return false;
                    }

                    readsName |= isName;
                    break;
                case IReturnOperation { ReturnedValue: { } returned } when returned.ConstantValue is not { HasValue: true, Value: false }:
                    mayAccept = true;
                    break;
            }
        }

        return readsName && mayAccept;
    }

    /// <summary>True for a read of one of the certificate's names, false for a null check, null for any other use.</summary>
    private static bool? ReadsNameOrNull(IParameterReferenceOperation reference)
    {
        var use = reference.WalkUpConversions();
        switch (use.Parent)
        {
            case IPropertyReferenceOperation property when property.Instance == use:
                return NameMembers.Contains(property.Property.Name) ? true : null;
            case IInvocationOperation invocation when invocation.Instance == use:
                return NameMembers.Contains(invocation.TargetMethod.Name) ? true : null;
            case IConditionalAccessOperation conditional when conditional.Operation == use:
                // cert?.Subject, cert?.SubjectName.Name, cert?.Subject?.Contains(…): the member read on the certificate itself.
                foreach (var access in conditional.WhenNotNull.DescendantsAndSelf())
                {
                    switch (access)
                    {
                        case IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property:
                            return NameMembers.Contains(property.Property.Name) ? true : null;
                        case IInvocationOperation { Instance: IConditionalAccessInstanceOperation } invocation:
                            return NameMembers.Contains(invocation.TargetMethod.Name) ? true : null;
                    }
                }

                return null;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } comparison
                when (comparison.LeftOperand == use ? comparison.RightOperand : comparison.LeftOperand).ConstantValue is { HasValue: true, Value: null }:
                return false;
            case IIsPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } or INegatedPatternOperation { Pattern: IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: null } } } }:
                return false;
            default:
                return null;
        }
    }

    /// <summary>
    /// <c>errors == SslPolicyErrors.None</c> as the whole condition of an <c>if</c> that only returns <c>true</c>, or as an
    /// operand of <c>||</c>: the errors only make the callback accept sooner, never reject.
    /// </summary>
    private static bool AcceptsEarlyWithoutErrors(IParameterReferenceOperation reference)
    {
        var use = reference.WalkUpConversions();
        if (use.Parent is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } comparison
            || (comparison.LeftOperand == use ? comparison.RightOperand : comparison.LeftOperand).ConstantValue is not { HasValue: true, Value: not null and var none }
            || System.Convert.ToInt64(none, System.Globalization.CultureInfo.InvariantCulture) != 0)
        {
            return false;
        }

        IOperation check = comparison;
        while (check.Parent is IParenthesizedOperation)
        {
            check = check.Parent;
        }

        return check.Parent switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } => true,
            IConditionalOperation { WhenFalse: null } branch when branch.Condition == check => ReturnsTrueOnly(branch.WhenTrue),
            _ => false,
        };
    }

    private static bool ReturnsTrueOnly(IOperation statement)
        => statement switch
        {
            IReturnOperation { ReturnedValue.ConstantValue: { HasValue: true, Value: true } } => true,
            IBlockOperation { Operations.Length: 1 } block => ReturnsTrueOnly(block.Operations[0]),
            _ => false,
        };
}

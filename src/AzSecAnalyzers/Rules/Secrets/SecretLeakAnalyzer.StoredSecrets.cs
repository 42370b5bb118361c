using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC105 sources, continued: a secret a constructor stores in a field or property of its own type (the
/// dependency-injection pattern: <c>_connectionString = configuration.GetConnectionString("Orders")</c>) is a secret
/// wherever another member of the type reads it.
/// </summary>
public sealed partial class SecretLeakAnalyzer
{
    private sealed partial class Rule
    {
        private static readonly Dictionary<ISymbol, string> NoStoredSecrets = new(SymbolEqualityComparer.Default);

        // Per type, computed once, on the first read of one of its own string members in a block that has a sink.
        private readonly ConcurrentDictionary<INamedTypeSymbol, Dictionary<ISymbol, string>> _storedSecrets = new(SymbolEqualityComparer.Default);

        /// <summary>A read of <c>this._field</c> / <c>this.Property</c> (text) that a constructor of the type assigned a secret.</summary>
        private bool TryGetStoredSecret(IOperation read, ISymbol member, IOperation? instance, out TaintSource source)
        {
            source = default;
            if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                || member.IsStatic
                || (member is IFieldSymbol field ? field.Type : ((IPropertySymbol)member).Type).SpecialType != SpecialType.System_String
                || member.ContainingType?.OriginalDefinition is not { } type
                || type.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (!_storedSecrets.TryGetValue(type, out var stored))
            {
                stored = _storedSecrets.GetOrAdd(type, FindStoredSecrets(type, read));
            }

            if (stored.Count == 0 || !stored.TryGetValue(member.OriginalDefinition, out var description))
            {
                return false;
            }

            source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, description);
            return true;
        }

        /// <summary>The members of <paramref name="type"/> its constructors assign a secret (only the constructors are read).</summary>
        private Dictionary<ISymbol, string> FindStoredSecrets(INamedTypeSymbol type, IOperation usage)
        {
            Dictionary<ISymbol, string>? stored = null;
            foreach (var constructor in type.InstanceConstructors)
            {
                if (constructor.IsImplicitlyDeclared || OperationBodies.TryGetMethodBodyRoot(constructor, usage, _compilation) is not { } body)
                {
                    continue;
                }

                foreach (var operation in body.Descendants())
                {
                    if (operation is ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } target } assignment
                        && target.Member is IFieldSymbol or IPropertySymbol
                        && DescribeStoredValue(assignment.Value) is { } what)
                    {
                        (stored ??= new Dictionary<ISymbol, string>(SymbolEqualityComparer.Default))[target.Member.OriginalDefinition] = what + ", stored in '" + target.Member.Name + "'";
                    }
                }
            }

            return stored ?? NoStoredSecrets;
        }

        /// <summary>What a constructor stores, when it is a secret: a source, a credential constant, a secret-named parameter or setting.</summary>
        private string? DescribeStoredValue(IOperation value)
        {
            value = value.WalkDownConversions();
            if (value is ICoalesceOperation coalesce)
            {
                value = coalesce.Value.WalkDownConversions();
            }

            if (value.ConstantValue.HasValue)
            {
                return TryGetConstantSource(value, out var constant) ? constant.Description : null;
            }

            switch (value)
            {
                case IParameterReferenceOperation parameter when NamesFor(value.Syntax.SyntaxTree).IsSecretName(parameter.Parameter.Name):
                    return "The constructor parameter '" + parameter.Parameter.Name + "'";
                case IPropertyReferenceOperation { Instance: not IInstanceReferenceOperation } property when TryGetPropertySource(property, out var propertySource):
                    return propertySource.Description;
                case IPropertyReferenceOperation { Instance: not (null or IInstanceReferenceOperation) } setting
                    when setting.Type?.SpecialType == SpecialType.System_String && NamesFor(value.Syntax.SyntaxTree).IsSecretName(setting.Property.Name):
                    return "The setting '" + setting.Property.ContainingType.Name + "." + setting.Property.Name + "'";
                // Not an own member: that would ask for this very table while it is being built.
                case IInvocationOperation when TryGetSource(value, out var read):
                    return read.Description;
                default:
                    return null;
            }
        }
    }
}

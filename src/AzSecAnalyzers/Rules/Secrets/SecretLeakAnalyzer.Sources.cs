using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>AZSEC105 sources: where a secret enters (Key Vault, tokens, secret-named configuration keys, credential constants).</summary>
public sealed partial class SecretLeakAnalyzer
{
    private sealed partial class Rule
    {
        // ---- Sources --------------------------------------------------------------------------

        /// <summary>
        /// Whether an operation can bring a secret into its operation block: a source, a credential constant, or a call to
        /// a method of this compilation that returns a value (its summary may return a secret). Most methods that log read
        /// no secret, so they skip the data-flow analysis.
        /// </summary>
        public bool MayBringSecret(IOperation operation) => MayBringSecret(operation, 0);

        /// <summary>How many levels of calls the engine summarises (<see cref="TaintSpec.SummaryDepth"/>): a call deeper than that brings nothing of its own.</summary>
        public int SummaryDepth
        {
            get => _calleeMayBringSecret.Length - 1;
            set
            {
                // One answer per method and depth (index 1..SummaryDepth).
                _calleeMayBringSecret = new ConcurrentDictionary<IMethodSymbol, bool>[Math.Max(0, value) + 1];
                for (var i = 0; i < _calleeMayBringSecret.Length; i++)
                {
                    _calleeMayBringSecret[i] = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);
                }
            }
        }

        // At depth d (0: the analysed block), a call to a method of this compilation brings a secret only if its body,
        // which the engine summarises at depth d + 1, may: the same question, asked once per method and depth per
        // compilation, instead of a data-flow analysis of every logging method that calls a text-returning helper.
        private bool MayBringSecret(IOperation operation, int depth) => operation switch
        {
            IInvocationOperation invocation => TryGetSource(invocation, out _)
                || (depth < SummaryDepth && ReturnsFromSource(invocation.TargetMethod) && CalleeMayBringSecret(invocation, depth + 1)),
            IPropertyReferenceOperation => TryGetSource(operation, out _),
            IFieldReferenceOperation when !operation.ConstantValue.HasValue => TryGetSource(operation, out _),
            IFieldReferenceOperation or ILiteralOperation or IBinaryOperation or IInterpolatedStringOperation
                => operation.ConstantValue.HasValue && TryGetConstantSource(operation, out _),
            _ => false,
        };

        private bool CalleeMayBringSecret(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod.OriginalDefinition;
            if (method.MethodKind != MethodKind.Ordinary || !SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _compilation.Assembly))
            {
                // Local functions (their bodies are in the block already) and anything else: as before, assume it may.
                return method.MethodKind != MethodKind.Ordinary;
            }

            var known = _calleeMayBringSecret[depth];
            if (known.TryGetValue(method, out var answer))
            {
                return answer;
            }

            answer = false;
            if (!method.IsAbstract && !method.IsExtern && OperationBodies.TryGetMethodBodyRoot(method, invocation, _compilation) is { } body)
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    if (MayBringSecret(operation, depth))
                    {
                        answer = true;
                        break;
                    }
                }
            }

            return known.GetOrAdd(method, answer);
        }

        private static bool ReturnsFromSource(IMethodSymbol method)
            => !method.ReturnsVoid && CanCarrySecret(method.ReturnType) && !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty;

        // Text, or what a secret travels in: object, StringBuilder, the Azure SDK's and MSAL's own types; awaited or not.
        private static bool CanCarrySecret(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { IsGenericType: true, Name: "Task" or "ValueTask", TypeArguments.Length: 1 } task
                && task.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks")
            {
                type = task.TypeArguments[0];
            }

            if (type.SpecialType is SpecialType.System_String or SpecialType.System_Object || type.TypeKind == TypeKind.TypeParameter)
            {
                return true;
            }

            var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            return type.Name == "StringBuilder" || ns == "Azure" || ns.StartsWith("Azure.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.Identity.Client", StringComparison.Ordinal);
        }

        public bool TryGetSource(IOperation operation, out TaintSource source)
        {
            source = default;
            switch (operation)
            {
                case IPropertyReferenceOperation property:
                    return TryGetPropertySource(property, out source) || TryGetStoredSecret(property, property.Property, property.Instance, out source);
                case IFieldReferenceOperation field when !field.ConstantValue.HasValue:
                    return TryGetStoredSecret(field, field.Field, field.Instance, out source);
                case IInvocationOperation invocation when _configuration is not null && invocation.TargetMethod.IsExtensionMethod
                    && invocation.TargetMethod.Name is "GetConnectionString" or "GetValue":
                    return TryGetConfigurationSource(invocation, out source);
                default:
                    return false;
            }
        }

        private bool TryGetPropertySource(IPropertyReferenceOperation property, out TaintSource source)
        {
            source = default;
            var member = property.Property;
            switch (member.Name)
            {
                case "Value" when TypeIdentity.Is(member.ContainingType, _keyVaultSecret):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The secret read from Key Vault (" + KeyVaultCall(property.Instance) + ")");
                    return true;
                case "Value" when _configuration is not null && _configuration.TryGetSectionValue(property, out var sectionKey):
                    return TryGetConfigurationKey(property.Syntax.SyntaxTree, sectionKey, out source);
                case "Token" when TypeIdentity.Is(member.ContainingType, _accessToken):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The access token (" + TokenCall(property.Instance) + ")");
                    return true;
                case "AccessToken" or "IdToken" when TypeIdentity.Is(member.ContainingType, _msalResult):
                    source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The token from MSAL ('AuthenticationResult." + member.Name + "')");
                    return true;
                case var _ when member.IsIndexer && _configuration is not null && _configuration.TryGetRead(property, out var key, out _):
                    return TryGetConfigurationKey(property.Syntax.SyntaxTree, key, out source);
                default:
                    return false;
            }
        }

        private bool TryGetConfigurationSource(IInvocationOperation invocation, out TaintSource source)
        {
            source = default;
            return _configuration!.TryGetRead(invocation, out var key, out _) && TryGetConfigurationKey(invocation.Syntax.SyntaxTree, key, out source);
        }

        private bool TryGetConfigurationKey(SyntaxTree tree, string key, out TaintSource source)
        {
            if (key.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The connection string read from configuration ('" + key + "')");
                return true;
            }

            if (NamesFor(tree).IsSecretName(key))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The configuration value '" + key + "'");
                return true;
            }

            source = default;
            return false;
        }

        private SecretNames NamesFor(SyntaxTree tree)
            => _names.GetOrAdd(tree, t =>
            {
                var patterns = AzSecOptionDefinitions.SecretNamePatterns.Read(_options, t, RuleIds.SecretLeak);
                return patterns.IsDefault ? _defaultNames : new SecretNames(patterns);
            });

        /// <summary>A hard-coded credential (what AZSEC101 reports), judged on the whole constant.</summary>
        public static bool TryGetConstantSource(IOperation operation, out TaintSource source)
        {
            if (operation.ConstantValue.Value is string text && SecretScanner.TryFindFirst(text, out var match))
            {
                source = new TaintSource(TaintLabels.Secret | TaintLabels.Full, "The hard-coded " + match.KindName);
                return true;
            }

            source = default;
            return false;
        }

        // 'GetSecretAsync' when the read is written on the call itself, else the property read.
        private string KeyVaultCall(IOperation? instance)
        {
            for (var current = instance; current is not null;)
            {
                switch (current)
                {
                    case IInvocationOperation invocation when TypeIdentity.IsOrInherits(invocation.TargetMethod.ContainingType, _secretClient):
                        return "'" + invocation.TargetMethod.Name + "'";
                    case IPropertyReferenceOperation { Property.Name: "Value" } response:
                        current = response.Instance;
                        break;
                    case IAwaitOperation awaited:
                        current = awaited.Operation;
                        break;
                    case IConversionOperation or IParenthesizedOperation:
                        current = current.ChildOperations.Count == 1 ? First(current) : null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return "'KeyVaultSecret.Value'";
        }

        private string TokenCall(IOperation? instance)
        {
            for (var current = instance; current is not null;)
            {
                switch (current)
                {
                    case IInvocationOperation invocation when TypeIdentity.IsOrInherits(invocation.TargetMethod.ContainingType, _tokenCredential):
                        return "'" + invocation.TargetMethod.Name + "'";
                    case IAwaitOperation awaited:
                        current = awaited.Operation;
                        break;
                    case IConversionOperation or IParenthesizedOperation:
                        current = current.ChildOperations.Count == 1 ? First(current) : null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return "'AccessToken.Token'";
        }

        private static IOperation? First(IOperation operation)
        {
            foreach (var child in operation.ChildOperations)
            {
                return child;
            }

            return null;
        }
    }
}

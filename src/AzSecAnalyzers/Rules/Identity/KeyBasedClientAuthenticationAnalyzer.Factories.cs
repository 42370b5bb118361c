namespace AzSecAnalyzers.Rules.Identity;

public sealed partial class KeyBasedClientAuthenticationAnalyzer
{
    private sealed partial class Rule
    {
        /// <summary>
        /// A configurable factory: another call in the same body builds the same client, or calls the same
        /// registration, with a TokenCredential, and a branch (a switch section or arm, an if or a conditional
        /// expression) holds one of the two and not the other (<c>key is null ? token : key</c>, or an early
        /// <c>if (…) return token;</c> before the key). The library offers both modes and the app's configuration
        /// picks one, so there is nothing to fix in it. A key-only construction has no such twin and is still reported.
        /// </summary>
        private bool IsConfigurableFactory(IOperation call)
        {
            var root = call.Root();
            if (root == call)
            {
                return false;
            }

            var branch = EnclosingBranch(call);
            foreach (var operation in root.Descendants())
            {
                if (IsTokenTwin(call, operation)
                    && ((branch is not null && !IsWithin(operation, branch))
                        || (EnclosingBranch(operation) is { } twinBranch && !IsWithin(call, twinBranch))))
                {
                    return true;
                }
            }

            return false;
        }

        private static IOperation? EnclosingBranch(IOperation call)
        {
            for (var current = call; current.Parent is { } parent; current = parent)
            {
                switch (parent)
                {
                    case ISwitchCaseOperation or ISwitchExpressionArmOperation:
                        return parent;
                    case IConditionalOperation conditional when current == conditional.WhenTrue || current == conditional.WhenFalse:
                        return current;
                }
            }

            return null;
        }

        private static bool IsWithin(IOperation operation, IOperation ancestor)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (current == ancestor)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The same constructor's type or the same method, called with a TokenCredential (or, for OpenAI clients, an authentication policy).</summary>
        private bool IsTokenTwin(IOperation call, IOperation candidate)
        {
            ImmutableArray<IArgumentOperation> arguments;
            switch (call, candidate)
            {
                case (IObjectCreationOperation creation, IObjectCreationOperation other)
                    when other != creation && SymbolEqualityComparer.Default.Equals(other.Type?.OriginalDefinition, creation.Type?.OriginalDefinition):
                    arguments = other.Arguments;
                    break;
                case (IInvocationOperation invocation, IInvocationOperation other)
                    when other != invocation
                         && other.TargetMethod.Name == invocation.TargetMethod.Name
                         && SymbolEqualityComparer.Default.Equals(other.TargetMethod.ContainingType, invocation.TargetMethod.ContainingType):
                    arguments = other.Arguments;
                    break;
                default:
                    return false;
            }

            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type is { } type
                    && (TypeIdentity.IsOrInherits(type, _tokenCredential) || (_openAI?.AuthenticationPolicy is { } policy && TypeIdentity.IsOrInherits(type, policy))))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

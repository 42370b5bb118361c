using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>AZSEC405, regular expressions: a <c>Regex</c> run on request input without a match timeout, or built from a request-supplied pattern without one.</summary>
public sealed partial class UnrestrictedResourceConsumptionAnalyzer
{
    private const int NonBacktracking = 1024; // RegexOptions.NonBacktracking (.NET 7+)

    private sealed class RegexGroup
    {
        public bool Reported { get; set; }
    }

    private sealed partial class TaintRule
    {
        /// <summary><c>Regex.Escape</c> makes a pattern literal.</summary>
        public bool Sanitizer(IOperation operation)
            => operation is IInvocationOperation { TargetMethod: { Name: "Escape", IsStatic: true } method } && TypeIdentity.Is(method.ContainingType, _regex);

        private void FindRegexCallSinks(IInvocationOperation invocation, IMethodSymbol method, TaintSinkCollector<SinkTag> sinks)
        {
            if (method.Name is not ("IsMatch" or "Match" or "Matches" or "Replace" or "Split" or "Count" or "EnumerateMatches"))
            {
                return;
            }

            IArgumentOperation? input = null;
            IArgumentOperation? pattern = null;
            var timed = false;
            var nonBacktracking = false;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "input":
                        input = argument;
                        break;
                    case "pattern":
                        pattern = argument;
                        break;
                    case "matchTimeout":
                        timed = true;
                        break;
                    case "options":
                        nonBacktracking = IsNonBacktracking(argument.Value);
                        break;
                }
            }

            var api = "'Regex." + method.Name + "'";
            var group = new RegexGroup();
            if (method.IsStatic)
            {
                // A match timeout (or the non-backtracking engine) bounds what a request-supplied pattern can cost: the
                // resource-consumption finding is for patterns and inputs that run unbounded.
                var bounded = timed || nonBacktracking;
                var fix = bounded ? null : FixStaticRegex;
                if (!bounded && pattern is not null && pattern.ArgumentKind == ArgumentKind.Explicit && !pattern.Value.ConstantValue.HasValue)
                {
                    sinks.Add(pattern.Value, invocation, new SinkTag(SinkKind.RegexPattern, api, group, null, null));
                }

                if (!timed && !nonBacktracking && input is not null && !input.Value.ConstantValue.HasValue)
                {
                    sinks.Add(input.Value, invocation, new SinkTag(SinkKind.RegexInput, api, group, fix, null));
                }

                return;
            }

            if (input is null || input.Value.ConstantValue.HasValue || invocation.Instance is not { } receiver)
            {
                return;
            }

            switch (FindConstruction(receiver.WalkDownConversionsAndDelegates(), invocation.SemanticModel))
            {
                case IObjectCreationOperation creation when !IsTimed(creation):
                    var fix = creation.Syntax.SyntaxTree == invocation.Syntax.SyntaxTree ? FixRegexCreation : null;
                    sinks.Add(input.Value, invocation, new SinkTag(SinkKind.RegexInput, api, group, fix, fix is null ? null : creation.Syntax));
                    break;
                case IMethodSymbol generated when !IsTimedGenerated(generated):
                    sinks.Add(input.Value, invocation, new SinkTag(SinkKind.RegexInput, api, group, null, null));
                    break;
            }
        }

        private static void FindRegexCreationSink(IObjectCreationOperation creation, TaintSinkCollector<SinkTag> sinks)
        {
            if (IsTimed(creation))
            {
                return;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "pattern" && argument.ArgumentKind == ArgumentKind.Explicit && !argument.Value.ConstantValue.HasValue)
                {
                    sinks.Add(argument.Value, creation, new SinkTag(SinkKind.RegexPattern, "'new Regex'", new RegexGroup(), null, null));
                    return;
                }
            }
        }

        private static bool IsTimed(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "matchTimeout" || (argument.Parameter?.Name == "options" && IsNonBacktracking(argument.Value)))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsNonBacktracking(IOperation options)
            => options.ConstantValue is { HasValue: true, Value: int value } && (value & NonBacktracking) != 0;

        private bool IsTimedGenerated(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (!TypeIdentity.Is(attribute.AttributeClass, _generatedRegex) || attribute.AttributeConstructor is not { } constructor)
                {
                    continue;
                }

                for (var i = 0; i < constructor.Parameters.Length && i < attribute.ConstructorArguments.Length; i++)
                {
                    var name = constructor.Parameters[i].Name;
                    if (name == "matchTimeoutMilliseconds"
                        || (name == "options" && attribute.ConstructorArguments[i].Value is int options && (options & NonBacktracking) != 0))
                    {
                        return true;
                    }
                }

                return false;
            }

            // Not a [GeneratedRegex] method: a factory whose regex we cannot see.
            return true;
        }

        /// <summary>
        /// Where the receiver Regex was built: the initializer of a local, field or property declared in the same tree
        /// (an <see cref="IObjectCreationOperation"/>), a <c>[GeneratedRegex]</c> method (its symbol), or null when unknown.
        /// </summary>
        private static object? FindConstruction(IOperation receiver, SemanticModel? model)
        {
            switch (receiver)
            {
                case IObjectCreationOperation creation:
                    return creation;
                case IInvocationOperation { TargetMethod: { IsPartialDefinition: true } or { PartialImplementationPart: not null } or { PartialDefinitionPart: not null } } call:
                    return call.TargetMethod.PartialDefinitionPart ?? call.TargetMethod;
                case IPropertyReferenceOperation { Property: var property }:
                    return InitializerOf(property, receiver, model);
                case IFieldReferenceOperation { Field: var field }:
                    return InitializerOf(field, receiver, model);
                case ILocalReferenceOperation { Local: var local }:
                    return InitializerOf(local, receiver, model);
                default:
                    return null;
            }
        }

        private static object? InitializerOf(ISymbol symbol, IOperation receiver, SemanticModel? model)
        {
            // A mutable field may be assigned anywhere: unknown. A local's initializer is taken as what it holds (reassignment is not tracked).
            if (model is null || symbol.DeclaringSyntaxReferences.Length != 1 || symbol is IFieldSymbol { IsReadOnly: false })
            {
                return null;
            }

            var reference = symbol.DeclaringSyntaxReferences[0];
            if (reference.SyntaxTree != receiver.Syntax.SyntaxTree)
            {
                return null;
            }

            var declaration = reference.GetSyntax();
            ExpressionSyntax? value = declaration switch
            {
                VariableDeclaratorSyntax { Initializer.Value: var v } => v,
                PropertyDeclarationSyntax { Initializer.Value: var v, AccessorList: { } accessors } when accessors.Accessors.Count == 1 => v,
                PropertyDeclarationSyntax { ExpressionBody.Expression: var v } => v,
                _ => null,
            };

            return value is null ? null : model.GetOperation(value)?.WalkDownConversionsAndDelegates() switch
            {
                IObjectCreationOperation creation => creation,
                IInvocationOperation { TargetMethod: var m } when m.IsPartialDefinition || m.PartialDefinitionPart is not null || m.PartialImplementationPart is not null => m.PartialDefinitionPart ?? m,
                _ => null,
            };
        }
    }
}

using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.LanguageModels;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Secrets;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>AZSEC105 sinks: where a secret must not go (logs, console, debug/trace output, exception messages, HTTP responses).</summary>
public sealed partial class SecretLeakAnalyzer
{
    /// <summary>Where a sink writes: the second argument of the message.</summary>
    private static class Destinations
    {
        public const string Log = "to the log";
        public const string Console = "to the console";
        public const string Debug = "to the debug output";
        public const string Trace = "to the trace output";
        public const string Exception = "into an exception message";
        public const string Response = "to the HTTP response";
        public const string ChatMessage = "into a chat message sent to a language model";
    }

    private sealed class SinkTag
    {
        public SinkTag(string destination, string api)
        {
            Destination = destination;
            Api = api;
        }

        public string Destination { get; }

        public string Api { get; }
    }

    private sealed partial class Rule
    {
        // ---- Sinks ----------------------------------------------------------------------------

        public void FindSinks(IOperation operation, TaintSinkCollector<SinkTag> sinks)
        {
            if (FindChatMessageSinks(operation, sinks))
            {
                return;
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    FindInvocationSinks(invocation, sinks);
                    break;
                case IObjectCreationOperation creation:
                    FindCreationSinks(creation, sinks);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    FindAssignmentSink(assignment, property, sinks);
                    break;
                case IReturnOperation { ReturnedValue: { } returned } ret:
                    FindReturnSink(ret, returned, sinks);
                    break;
            }
        }

        private void FindInvocationSinks(IInvocationOperation invocation, TaintSinkCollector<SinkTag> sinks)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (type is null)
            {
                return;
            }

            if (TypeIdentity.Is(type, _loggerExtensions))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Log, "'" + method.Name + "'"), static name => name is "message" or "args" or "messageFormat");
            }
            else if (TypeIdentity.Is(type, _logger) && method.Name is "Log" or "BeginScope")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Log, "'ILogger." + method.Name + "'"), static name => name == "state");
            }
            else if (TypeIdentity.Is(type, _console) && method.Name is "Write" or "WriteLine")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Console, "'Console." + method.Name + "'"), static _ => true);
            }
            else if (TypeIdentity.Is(type, _debug) && method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print" or "Fail" or "Assert")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Debug, "'Debug." + method.Name + "'"), static name => name is not "category" and not "condition");
            }
            else if (TypeIdentity.Is(type, _trace) && method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "TraceInformation" or "TraceWarning" or "TraceError" or "Fail" or "Assert")
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Trace, "'Trace." + method.Name + "'"), static name => name is not "category" and not "condition");
            }
            else if ((TypeIdentity.Is(type, _responseWriting) && method.Name == "WriteAsync") || (TypeIdentity.Is(type, _responseJson) && method.Name == "WriteAsJsonAsync"))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'HttpResponse." + method.Name + "'"), static name => name is "text" or "value");
            }
            else if (TypeIdentity.Is(type, _results) || TypeIdentity.Is(type, _typedResults))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'" + type.Name + "." + method.Name + "'"), IsResponseBodyParameter);
            }
            else if (_controllerBase is not null && !method.IsStatic && TypeIdentity.IsOrInherits(type, _controllerBase) && method.ContainingAssembly.Equals(_controllerBase.ContainingAssembly, SymbolEqualityComparer.Default))
            {
                AddArguments(invocation, sinks, new SinkTag(Destinations.Response, "'" + method.Name + "'"), IsResponseBodyParameter);
            }
            else if (method.MethodKind == MethodKind.DelegateInvoke && method.Parameters.Length >= 2 && TypeIdentity.Is(method.Parameters[0].Type, _logger))
            {
                // A LoggerMessage.Define delegate: Action<ILogger, T1, …, Exception?>.
                for (var i = 1; i < invocation.Arguments.Length; i++)
                {
                    var argument = invocation.Arguments[i];
                    if (!TypeIdentity.IsOrInherits(argument.Parameter?.Type, _exception))
                    {
                        AddSink(sinks, argument.Value, invocation, new SinkTag(Destinations.Log, "a 'LoggerMessage.Define' delegate"));
                    }
                }
            }
            else if (_loggerMessageAttribute is not null && (method.IsPartialDefinition || method.PartialDefinitionPart is not null) && HasLoggerMessageAttribute(method.PartialDefinitionPart ?? method))
            {
                var tag = new SinkTag(Destinations.Log, "'" + method.Name + "' ([LoggerMessage])");
                foreach (var argument in invocation.Arguments)
                {
                    var parameterType = argument.Parameter?.Type;
                    if (!TypeIdentity.IsOrInherits(parameterType, _logger) && !TypeIdentity.IsOrInherits(parameterType, _exception))
                    {
                        AddSink(sinks, argument.Value, invocation, tag);
                    }
                }
            }
        }

        /// <summary>
        /// Adds a candidate sink unless its value cannot carry a secret: a scalar (<c>int id</c>) or a constant that is not a
        /// credential. A block whose sinks are all such values is then never analysed (most log calls).
        /// </summary>
        private static void AddSink(TaintSinkCollector<SinkTag> sinks, IOperation value, IOperation sink, SinkTag tag)
        {
            var unwrapped = value.WalkDownConversionsAndDelegates();
            if (ScalarTypes.IsScalar(unwrapped.Type))
            {
                return;
            }

            if (unwrapped.ConstantValue.HasValue && !(unwrapped.ConstantValue.Value is string text && SecretScanner.TryFindFirst(text, out _)))
            {
                return;
            }

            sinks.Add(value, sink, tag);
        }

        private bool HasLoggerMessageAttribute(IMethodSymbol method)
        {
            foreach (var attribute in method.GetAttributes())
            {
                if (TypeIdentity.Is(attribute.AttributeClass, _loggerMessageAttribute))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsResponseBodyParameter(string name)
            => name is "value" or "content" or "contents" or "data" or "error" or "text" or "detail" or "title";

        /// <summary>Adds the arguments whose parameter name passes <paramref name="include"/>; a params array's elements are added one by one.</summary>
        private static void AddArguments(IInvocationOperation invocation, TaintSinkCollector<SinkTag> sinks, SinkTag tag, Func<string, bool> include)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter || !include(parameter.Name) || argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { IsImplicit: true, Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        AddSink(sinks, element, invocation, tag);
                    }
                }
                else
                {
                    AddSink(sinks, argument.Value, invocation, tag);
                }
            }
        }

        private void FindCreationSinks(IObjectCreationOperation creation, TaintSinkCollector<SinkTag> sinks)
        {
            var type = creation.Type;
            if (type is null || creation.Arguments.Length == 0)
            {
                return;
            }

            if (TypeIdentity.IsOrInherits(type, _exception))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { Name: "message" } parameter && parameter.Type.SpecialType == SpecialType.System_String && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        AddSink(sinks, argument.Value, creation, new SinkTag(Destinations.Exception, "'new " + type.Name + "'"));
                    }
                }
            }
            else if (TypeIdentity.IsOrInherits(type, _objectResult) || TypeIdentity.IsOrInherits(type, _jsonResult))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { Name: "value" or "error" } && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        AddSink(sinks, argument.Value, creation, new SinkTag(Destinations.Response, "'new " + type.Name + "'"));
                    }
                }
            }
        }

        private void FindAssignmentSink(ISimpleAssignmentOperation assignment, IPropertyReferenceOperation property, TaintSinkCollector<SinkTag> sinks)
        {
            var name = property.Property.Name;
            var type = property.Property.ContainingType;
            if ((name == "Content" && TypeIdentity.IsOrInherits(type, _contentResult))
                || (name == "Value" && (TypeIdentity.IsOrInherits(type, _objectResult) || TypeIdentity.IsOrInherits(type, _jsonResult))))
            {
                AddSink(sinks, assignment.Value, assignment, new SinkTag(Destinations.Response, "'" + type.Name + "." + name + "'"));
            }
        }

        /// <summary>A minimal-API handler lambda or an MVC action returning text: the value is the response body.</summary>
        private void FindReturnSink(IReturnOperation ret, IOperation returned, TaintSinkCollector<SinkTag> sinks)
        {
            if (_endpoints is null || ret.Kind != OperationKind.Return)
            {
                return;
            }

            var value = returned.WalkDownConversionsAndDelegates();
            if (value.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            for (var parent = ret.Parent; parent is not null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation lambda)
                {
                    if (HandlerOf(lambda) is { } map)
                    {
                        AddSink(sinks, value, ret, new SinkTag(Destinations.Response, "the return value of the '" + map + "' handler"));
                    }

                    return;
                }

                if (parent is ILocalFunctionOperation)
                {
                    return;
                }
            }

            if (ret.SemanticModel is not null && FindOwningMethod(ret) is { } method && _endpoints.IsAction(method))
            {
                AddSink(sinks, value, ret, new SinkTag(Destinations.Response, "the return value of action '" + method.Name + "'"));
            }
        }

        private static IMethodSymbol? FindOwningMethod(IReturnOperation ret)
        {
            for (var node = ret.Syntax; node is not null; node = node.Parent)
            {
                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration)
                {
                    return ret.SemanticModel!.GetDeclaredSymbol(declaration) as IMethodSymbol;
                }

                if (node is Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousFunctionExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        private string? HandlerOf(IAnonymousFunctionOperation lambda)
        {
            var current = lambda.WalkUpConversionsAndDelegates().Parent;

            if (current is IArgumentOperation { Parent: IInvocationOperation invocation }
                && _endpoints!.TryGetMinimalEndpoint(invocation, out var endpoint)
                && endpoint.Handler == lambda)
            {
                return invocation.TargetMethod.Name;
            }

            return null;
        }
    }
}

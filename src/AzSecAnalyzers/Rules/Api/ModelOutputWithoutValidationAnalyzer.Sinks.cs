using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC414's sinks: AZSEC410's query text and AZSEC406's outbound URLs (their own finders), plus processes, file
/// paths, raw HTML, type-name deserialization (AZSEC411's judgement of the settings) and types loaded by name.
/// </summary>
public sealed partial class ModelOutputWithoutValidationAnalyzer
{
    private sealed class Sinks
    {
        private static readonly SinkKind ProcessStart = new("'Process.Start'");
        private static readonly SinkKind StartInfo = new("'ProcessStartInfo'");
        private static readonly SinkKind HtmlString = new("raw HTML 'new HtmlString'");
        private static readonly SinkKind HtmlRaw = new("raw HTML 'IHtmlHelper.Raw'");
        private static readonly Func<string, SinkKind> UrlSink = api => new SinkKind(api, isUrl: true);
        private static readonly SinkKind Markup = new("raw HTML 'MarkupString'");
        private static readonly SinkKind TypeGetType = new("the type name of 'Type.GetType'");
        private static readonly SinkKind CreateInstance = new("the type name of 'Activator.CreateInstance'");

        private readonly QueryInjectionAnalyzer.Sinks _queries;
        private readonly UnsafeDeserializationAnalyzer.TypeNameReads? _typeNameReads;
        private readonly INamedTypeSymbol? _process;
        private readonly INamedTypeSymbol? _processStartInfo;
        private readonly INamedTypeSymbol? _file;
        private readonly INamedTypeSymbol? _directory;
        private readonly INamedTypeSymbol? _fileStream;
        private readonly INamedTypeSymbol? _fileInfo;
        private readonly INamedTypeSymbol? _directoryInfo;
        private readonly INamedTypeSymbol? _htmlString;
        private readonly INamedTypeSymbol? _htmlHelper;
        private readonly INamedTypeSymbol? _markupString;
        private readonly INamedTypeSymbol? _type;
        private readonly INamedTypeSymbol? _activator;

        public Sinks(AzSecContext types, AnalyzerOptions options)
        {
            _queries = new QueryInjectionAnalyzer.Sinks(types);
            Urls = ServerSideRequestForgeryAnalyzer.Rule.Create(types, options);
            _typeNameReads = UnsafeDeserializationAnalyzer.TypeNameReads.Create(types);
            _process = types.Get(WellKnownTypeNames.Process);
            _processStartInfo = types.Get(WellKnownTypeNames.ProcessStartInfo);
            _file = types.Get(WellKnownTypeNames.File);
            _directory = types.Get(WellKnownTypeNames.Directory);
            _fileStream = types.Get(WellKnownTypeNames.FileStream);
            _fileInfo = types.Get(WellKnownTypeNames.FileInfo);
            _directoryInfo = types.Get(WellKnownTypeNames.DirectoryInfo);
            _htmlString = types.Get(WellKnownTypeNames.HtmlString);
            _htmlHelper = types.Get(WellKnownTypeNames.HtmlHelper);
            _markupString = types.Get(WellKnownTypeNames.MarkupString);
            _type = types.Get(WellKnownTypeNames.SystemType);
            _activator = types.Get(WellKnownTypeNames.Activator);
        }

        /// <summary>AZSEC406's outbound-URL sinks and host allow-list guards.</summary>
        public ServerSideRequestForgeryAnalyzer.Rule Urls { get; }

        public void Find(IOperation operation, TaintSinkCollector<SinkKind> sinks)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    FindInvocation(invocation, sinks);
                    break;
                case IObjectCreationOperation creation:
                    FindCreation(creation, sinks);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment:
                    if (property.Name is "FileName" or "Arguments" && Is(property.ContainingType, _processStartInfo))
                    {
                        sinks.Add(assignment.Value, assignment, new SinkKind("'ProcessStartInfo." + property.Name + "'"));
                        return;
                    }

                    break;
                case IConversionOperation { OperatorMethod: { } conversion } converted when _markupString is not null && Is(conversion.ContainingType, _markupString):
                    sinks.Add(converted.Operand, converted, Markup);
                    return;
            }

            if (operation is not IConversionOperation)
            {
                if (QueryInjectionAnalyzer.Match(operation, _queries) is { } query)
                {
                    sinks.Add(query.Value, operation, new SinkKind("the query text of '" + query.Api + "'"));
                    return;
                }

                // AZSEC406's finder names the API; its sinks are judged by host, as AZSEC406 judges them.
                Urls.FindSinks(operation, sinks, UrlSink);
            }
        }

        private void FindInvocation(IInvocationOperation invocation, TaintSinkCollector<SinkKind> sinks)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (method.Name == "Start" && method.IsStatic && Is(type, _process))
            {
                AddStrings(invocation, sinks, ProcessStart, static _ => true);
            }
            else if ((Is(type, _file) || Is(type, _directory)) && method.IsStatic)
            {
                AddStrings(invocation, sinks, new SinkKind("the path of '" + type.Name + "." + method.Name + "'"), IsPathParameter);
            }
            else if (method.Name == "Raw" && IsOrImplements(type, _htmlHelper))
            {
                AddStrings(invocation, sinks, HtmlRaw, static _ => true, anyType: true);
            }
            else if (method.Name == "GetType" && method.IsStatic && Is(type, _type))
            {
                AddStrings(invocation, sinks, TypeGetType, static name => name == "typeName");
            }
            else if (method.Name is "CreateInstance" or "CreateInstanceFrom" && Is(type, _activator))
            {
                AddStrings(invocation, sinks, CreateInstance, static name => name is "typeName" or "assemblyName" or "assemblyFile");
            }
            else if (_typeNameReads?.TextOf(invocation, out var handling) is { } text)
            {
                sinks.Add(text, invocation, new SinkKind("'JsonConvert." + method.Name + "' with TypeNameHandling." + handling));
            }
        }

        private void FindCreation(IObjectCreationOperation creation, TaintSinkCollector<SinkKind> sinks)
        {
            var type = creation.Type;
            if (Is(type, _processStartInfo))
            {
                AddStrings(creation, sinks, StartInfo, static name => name is "fileName" or "arguments");
            }
            else if (Is(type, _fileStream) || Is(type, _fileInfo) || Is(type, _directoryInfo))
            {
                AddStrings(creation, sinks, new SinkKind("the path of 'new " + type!.Name + "'"), IsPathParameter);
            }
            else if (Is(type, _htmlString))
            {
                AddStrings(creation, sinks, HtmlString, static _ => true);
            }
            else if (Is(type, _markupString))
            {
                AddStrings(creation, sinks, Markup, static _ => true);
            }
        }

        private static bool IsPathParameter(string name)
            => name == "path" || name.EndsWith("FileName", System.StringComparison.Ordinal) || name.EndsWith("DirName", System.StringComparison.Ordinal);

        private static void AddStrings(IOperation operation, TaintSinkCollector<SinkKind> sinks, SinkKind kind, Func<string, bool> parameterName, bool anyType = false)
        {
            var arguments = operation switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => default,
            };
            if (arguments.IsDefaultOrEmpty)
            {
                return;
            }

            foreach (var argument in arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.DefaultValue
                    && argument.Parameter is { } parameter
                    && (anyType || parameter.Type.SpecialType == SpecialType.System_String)
                    && !argument.Value.ConstantValue.HasValue
                    && parameterName(parameter.Name))
                {
                    sinks.Add(argument.Value, operation, kind);
                }
            }
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected)
            => expected is not null && SymbolEqualityComparer.Default.Equals(type?.OriginalDefinition, expected);

        private static bool IsOrImplements(INamedTypeSymbol? type, INamedTypeSymbol? contract)
        {
            if (type is null || contract is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, contract))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, contract))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

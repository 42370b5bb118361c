using System.Collections.Generic;
using System.Collections.Immutable;
using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Operations;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Symbols;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC405: work a caller can make unbounded. Three shapes: request-size and form limits removed (attributes and
/// server options, no taint needed); a <c>Regex</c> run on request input without a match timeout, or built from a
/// request-supplied pattern; a request-supplied page size reaching <c>Take</c>, Cosmos <c>MaxItemCount</c>,
/// <c>AsPages(pageSizeHint)</c>, Tables <c>maxPerPage</c> or Search <c>Size</c> with no upper bound on the way
/// (<c>Math.Clamp</c>/<c>Math.Min</c>, an upper-bound comparison, <c>[Range]</c> under <c>[ApiController]</c>).
/// The two taint shapes run on the shared engine.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnrestrictedResourceConsumptionAnalyzer : AzSecAnalyzer
{
    /// <summary>Add <c>RegexOptions</c> and <c>TimeSpan.FromSeconds(1)</c> to the static <c>Regex</c> call the diagnostic is in.</summary>
    public const string FixStaticRegex = "StaticRegex";

    /// <summary>Add <c>TimeSpan.FromSeconds(1)</c> to the <c>new Regex(...)</c> at the diagnostic's last additional location.</summary>
    public const string FixRegexCreation = "RegexCreation";

    /// <summary>Wrap the reported value in <c>Math.Clamp(value, 1, max)</c>; the bound is in <see cref="MaxPageSizeProperty"/>.</summary>
    public const string FixClamp = "Clamp";

    public const string MaxPageSizeProperty = "MaxPageSize";

    private const int NonBacktracking = 1024; // RegexOptions.NonBacktracking (.NET 7+)

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC405_UnrestrictedResourceConsumption);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var limits = new Limits(
            types.Get(WellKnownTypeNames.DisableRequestSizeLimitAttribute),
            types.Get(WellKnownTypeNames.RequestSizeLimitAttribute),
            types.Get(WellKnownTypeNames.RequestFormLimitsAttribute),
            types.Get(WellKnownTypeNames.FormOptions),
            types.Get(WellKnownTypeNames.KestrelServerLimits),
            types.Get(WellKnownTypeNames.IISServerOptions),
            types.Get(WellKnownTypeNames.HttpSysOptions),
            types.Get(WellKnownTypeNames.IHttpMaxRequestBodySizeFeature));
        if (limits.HasAttributes)
        {
            context.RegisterOperationAction(limits.AnalyzeAttribute, OperationKind.Attribute);
            context.RegisterOperationAction(limits.AnalyzeLambdaAttributes, OperationKind.AnonymousFunction);
        }

        if (limits.HasOptions)
        {
            context.RegisterOperationAction(limits.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        var request = types.Requests;
        var rule = new TaintRule(
            request,
            types.Get(WellKnownTypeNames.Regex),
            types.Get(WellKnownTypeNames.GeneratedRegexAttribute),
            types.Get(WellKnownTypeNames.Enumerable),
            types.Get(WellKnownTypeNames.Queryable),
            types.Get(WellKnownTypeNames.CosmosQueryRequestOptions),
            types.Get(WellKnownTypeNames.Pageable),
            types.Get(WellKnownTypeNames.AsyncPageable),
            types.Get(WellKnownTypeNames.TableClient),
            types.Get(WellKnownTypeNames.SearchOptions),
            types.Get(WellKnownTypeNames.RangeAttribute),
            context.Options);
        if (!request.HasAny)
        {
            return;
        }

        var spec = new TaintSpec(RuleIds.UnrestrictedResourceConsumption, context.Compilation)
        {
            Source = request.TryGetSource,
            ParameterSource = rule.ParameterSource,
            Sanitizer = rule.Sanitizer,
            Guard = TaintRule.UpperBoundGuard,
        };

        TaintSinks.Register<SinkTag>(context, spec, rule.FindSinks, rule.Report, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
    }

    /// <summary>True for the constants that mean "no limit": <c>int.MaxValue</c>, <c>long.MaxValue</c>.</summary>
    private static bool IsUnboundedConstant(IOperation value, out string text)
    {
        text = string.Empty;
        var constant = value.ConstantValue;
        if (!constant.HasValue)
        {
            return false;
        }

        switch (constant.Value)
        {
            case int i when i == int.MaxValue:
            case long l when l == int.MaxValue:
                text = "int.MaxValue";
                return true;
            case long l when l == long.MaxValue:
                text = "long.MaxValue";
                return true;
            default:
                return false;
        }
    }

    // ---- Request size and form limits ------------------------------------------------------

    private sealed class Limits
    {
        private readonly INamedTypeSymbol? _disableRequestSizeLimit;
        private readonly INamedTypeSymbol? _requestSizeLimit;
        private readonly INamedTypeSymbol? _requestFormLimits;
        private readonly INamedTypeSymbol? _formOptions;
        private readonly INamedTypeSymbol? _kestrelLimits;
        private readonly INamedTypeSymbol? _iisOptions;
        private readonly INamedTypeSymbol? _httpSysOptions;
        private readonly INamedTypeSymbol? _bodySizeFeature;

        public Limits(INamedTypeSymbol? disableRequestSizeLimit, INamedTypeSymbol? requestSizeLimit, INamedTypeSymbol? requestFormLimits, INamedTypeSymbol? formOptions, INamedTypeSymbol? kestrelLimits, INamedTypeSymbol? iisOptions, INamedTypeSymbol? httpSysOptions, INamedTypeSymbol? bodySizeFeature)
        {
            _disableRequestSizeLimit = disableRequestSizeLimit;
            _requestSizeLimit = requestSizeLimit;
            _requestFormLimits = requestFormLimits;
            _formOptions = formOptions;
            _kestrelLimits = kestrelLimits;
            _iisOptions = iisOptions;
            _httpSysOptions = httpSysOptions;
            _bodySizeFeature = bodySizeFeature;
        }

        public bool HasAttributes => _disableRequestSizeLimit is not null || _requestSizeLimit is not null;

        public bool HasOptions => _formOptions is not null || _kestrelLimits is not null || _iisOptions is not null || _httpSysOptions is not null || _bodySizeFeature is not null || _requestFormLimits is not null;

        public void AnalyzeAttribute(OperationAnalysisContext context)
        {
            if (context.Operation is not IAttributeOperation { Operation: IObjectCreationOperation creation } attribute)
            {
                return;
            }

            var type = creation.Type;
            if (TypeIdentity.Is(type, _disableRequestSizeLimit))
            {
                Report(context, attribute.Syntax, "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]");
            }
            else if (TypeIdentity.Is(type, _requestSizeLimit) && creation.Arguments.Length == 1 && IsUnboundedConstant(creation.Arguments[0].Value, out var text))
            {
                Report(context, creation.Arguments[0].Value.Syntax, $"[RequestSizeLimit({text})] sets no real request body size limit", "set the size the endpoint needs");
            }
        }

        /// <summary>Attributes on minimal-API handler lambdas are not reported as attribute operations: read them from the lambda's symbol.</summary>
        public void AnalyzeLambdaAttributes(OperationAnalysisContext context)
        {
            if (context.Operation is not IAnonymousFunctionOperation lambda)
            {
                return;
            }

            foreach (var attribute in lambda.Symbol.GetAttributes())
            {
                if (attribute.ApplicationSyntaxReference is not { } reference)
                {
                    continue;
                }

                if (TypeIdentity.Is(attribute.AttributeClass, _disableRequestSizeLimit))
                {
                    Report(context, reference.GetSyntax(context.CancellationToken), "[DisableRequestSizeLimit] removes the request body size limit", "remove it, or set the size the endpoint needs with [RequestSizeLimit(bytes)]");
                }
                else if (TypeIdentity.Is(attribute.AttributeClass, _requestSizeLimit)
                         && attribute.ConstructorArguments.Length == 1
                         && attribute.ConstructorArguments[0].Value is long limit
                         && limit is int.MaxValue or long.MaxValue
                         && reference.GetSyntax(context.CancellationToken) is AttributeSyntax { ArgumentList.Arguments: { Count: 1 } arguments })
                {
                    Report(context, arguments[0].Expression, $"[RequestSizeLimit({(limit == long.MaxValue ? "long.MaxValue" : "int.MaxValue")})] sets no real request body size limit", "set the size the endpoint needs");
                }
            }
        }

        public void AnalyzeAssignment(OperationAnalysisContext context)
        {
            if (context.Operation is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment)
            {
                return;
            }

            var value = assignment.Value;
            var containing = property.ContainingType;
            if (property.Name == "MaxRequestBodySize")
            {
                if (!(TypeIdentity.Is(containing, _kestrelLimits) || TypeIdentity.Is(containing, _iisOptions) || TypeIdentity.Is(containing, _httpSysOptions)
                      || TypeIdentity.IsOrInherits(containing, _bodySizeFeature)))
                {
                    return;
                }

                var unwrapped = value.WalkDownConversionsAndDelegates();
                if (unwrapped.ConstantValue is { HasValue: true, Value: null })
                {
                    Report(context, value.Syntax, $"'{containing.Name}.MaxRequestBodySize = null' removes the request body size limit", "keep a finite limit (the default is 30,000,000 bytes)");
                }
                else if (IsUnboundedConstant(unwrapped, out var text))
                {
                    Report(context, value.Syntax, $"'{containing.Name}.MaxRequestBodySize = {text}' sets no real request body size limit", "keep a finite limit (the default is 30,000,000 bytes)");
                }

                return;
            }

            if (!(TypeIdentity.Is(containing, _formOptions) || TypeIdentity.Is(containing, _requestFormLimits))
                || property.Name is not ("MultipartBodyLengthLimit" or "ValueLengthLimit" or "MultipartHeadersLengthLimit" or "ValueCountLimit" or "KeyLengthLimit" or "BufferBodyLengthLimit" or "MultipartHeadersCountLimit"))
            {
                return;
            }

            if (IsUnboundedConstant(value.WalkDownConversionsAndDelegates(), out var limit))
            {
                var name = TypeIdentity.Is(containing, _requestFormLimits) ? "RequestFormLimits" : containing.Name;
                Report(context, value.Syntax, $"'{name}.{property.Name} = {limit}' removes the form limit", "keep a finite limit the endpoint needs");
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode node, string what, string fix)
            => context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC405_UnrestrictedResourceConsumption, node.GetLocation(), what, fix));
    }

    // ---- Regex without a timeout and unbounded page sizes (taint engine) ----------------------

    private enum SinkKind
    {
        RegexInput,
        RegexPattern,
        PageSize,
    }

    /// <summary>One sink's data; the two sinks of one Regex call share <see cref="Group"/> so the call reports once.</summary>
    private sealed class SinkTag
    {
        public SinkTag(SinkKind kind, string api, RegexGroup? group, string? fix, SyntaxNode? creation)
        {
            Kind = kind;
            Api = api;
            Group = group;
            Fix = fix;
            Creation = creation;
        }

        public SinkKind Kind { get; }
        public string Api { get; }
        public RegexGroup? Group { get; }
        public string? Fix { get; }
        public SyntaxNode? Creation { get; }
    }

    private sealed class RegexGroup
    {
        public bool Reported { get; set; }
    }

    private sealed class TaintRule
    {
        private readonly RequestSources _request;
        private readonly INamedTypeSymbol? _regex;
        private readonly INamedTypeSymbol? _generatedRegex;
        private readonly INamedTypeSymbol? _enumerable;
        private readonly INamedTypeSymbol? _queryable;
        private readonly INamedTypeSymbol? _queryRequestOptions;
        private readonly INamedTypeSymbol? _pageable;
        private readonly INamedTypeSymbol? _asyncPageable;
        private readonly INamedTypeSymbol? _tableClient;
        private readonly INamedTypeSymbol? _searchOptions;
        private readonly INamedTypeSymbol? _range;
        private readonly AnalyzerOptions _options;

        public TaintRule(RequestSources request, INamedTypeSymbol? regex, INamedTypeSymbol? generatedRegex, INamedTypeSymbol? enumerable, INamedTypeSymbol? queryable, INamedTypeSymbol? queryRequestOptions, INamedTypeSymbol? pageable, INamedTypeSymbol? asyncPageable, INamedTypeSymbol? tableClient, INamedTypeSymbol? searchOptions, INamedTypeSymbol? range, AnalyzerOptions options)
        {
            _request = request;
            _regex = regex;
            _generatedRegex = generatedRegex;
            _enumerable = enumerable;
            _queryable = queryable;
            _queryRequestOptions = queryRequestOptions;
            _pageable = pageable;
            _asyncPageable = asyncPageable;
            _tableClient = tableClient;
            _searchOptions = searchOptions;
            _range = range;
            _options = options;
        }

        // ---- Spec ------------------------------------------------------------------------

        /// <summary>Request-bound parameters, except numbers an <c>[ApiController]</c> validates with <c>[Range]</c> before the action runs.</summary>
        public bool ParameterSource(IParameterSymbol parameter, TaintFunction function, out TaintSource source)
        {
            if (!_request.TryGetParameterSource(parameter, function, out source))
            {
                return false;
            }

            if (HasRangeBound(parameter) && _request.IsApiControllerType(function.Method.ContainingType))
            {
                source = default;
                return false;
            }

            return true;
        }

        /// <summary><c>Regex.Escape</c> makes a pattern literal.</summary>
        public bool Sanitizer(IOperation operation)
            => operation is IInvocationOperation { TargetMethod: { Name: "Escape", IsStatic: true } method } && TypeIdentity.Is(method.ContainingType, _regex);

        /// <summary>
        /// An upper-bound comparison of an integer local, parameter or field (<c>pageSize &gt; 100</c>, <c>100 &lt; pageSize</c>,
        /// <c>pageSize &lt;= max</c>): the value is bounded on the branch where it is not above the other side.
        /// </summary>
        public static bool UpperBoundGuard(IOperation condition, out IOperation guarded, out bool whenTrue)
        {
            guarded = condition;
            whenTrue = false;
            if (condition is not IBinaryOperation binary)
            {
                return false;
            }

            var left = binary.LeftOperand.WalkDownConversionsAndDelegates();
            var right = binary.RightOperand.WalkDownConversionsAndDelegates();
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when IsBoundable(left):
                    guarded = left;
                    whenTrue = false;
                    return true;
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when IsBoundable(left):
                    guarded = left;
                    whenTrue = true;
                    return true;
                case BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual when IsBoundable(right):
                    guarded = right;
                    whenTrue = false;
                    return true;
                case BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual when IsBoundable(right):
                    guarded = right;
                    whenTrue = true;
                    return true;
                default:
                    return false;
            }

            static bool IsBoundable(IOperation operation)
                => operation is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                   && operation.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
        }

        // ---- Sinks -----------------------------------------------------------------------

        public void FindSinks(IOperation operation, TaintSinkCollector<SinkTag> sinks)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    FindInvocationSinks(invocation, sinks);
                    break;
                case IObjectCreationOperation creation when _regex is not null && TypeIdentity.Is(creation.Type, _regex):
                    FindRegexCreationSink(creation, sinks);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment:
                    if ((property.Name == "MaxItemCount" && TypeIdentity.IsOrInherits(property.ContainingType, _queryRequestOptions))
                        || (property.Name == "Size" && TypeIdentity.IsOrInherits(property.ContainingType, _searchOptions)))
                    {
                        AddPageSink(sinks, assignment.Value, assignment, "'" + property.ContainingType.Name + "." + property.Name + "'");
                    }

                    break;
            }
        }

        private void FindInvocationSinks(IInvocationOperation invocation, TaintSinkCollector<SinkTag> sinks)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            if (_regex is not null && TypeIdentity.IsOrInherits(type, _regex))
            {
                FindRegexCallSinks(invocation, method, sinks);
                return;
            }

            string? parameterName = null;
            string? api = null;
            switch (method.Name)
            {
                case "Take" when TypeIdentity.Is(type, _enumerable) || TypeIdentity.Is(type, _queryable):
                    parameterName = "count";
                    api = type.Name + ".Take";
                    break;
                case "AsPages" when TypeIdentity.Is(type.OriginalDefinition, _pageable) || TypeIdentity.Is(type.OriginalDefinition, _asyncPageable):
                    parameterName = "pageSizeHint";
                    api = type.Name + ".AsPages";
                    break;
                case "Query" or "QueryAsync" when TypeIdentity.Is(type, _tableClient):
                    parameterName = "maxPerPage";
                    api = "TableClient." + method.Name;
                    break;
            }

            if (parameterName is null)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == parameterName)
                {
                    if (argument.ArgumentKind == ArgumentKind.Explicit)
                    {
                        AddPageSink(sinks, argument.Value, invocation, "'" + api + "'");
                    }

                    return;
                }
            }
        }

        private static void AddPageSink(TaintSinkCollector<SinkTag> sinks, IOperation value, IOperation sink, string api)
        {
            // An int argument to an int? parameter: clamp (and report) the int itself.
            var reported = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
            if (reported.ConstantValue.HasValue)
            {
                return;
            }

            var fix = reported.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 ? FixClamp : null;
            sinks.Add(reported, sink, new SinkTag(SinkKind.PageSize, api, null, fix, null));
        }

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
                // A timeout does not fix pattern injection (the finding stays): no fix for pattern findings.
                var fix = timed || nonBacktracking ? null : FixStaticRegex;
                if (pattern is not null && pattern.ArgumentKind == ArgumentKind.Explicit && !pattern.Value.ConstantValue.HasValue)
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

        private bool HasRangeBound(ISymbol symbol)
        {
            if (_range is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (TypeIdentity.Is(attribute.AttributeClass, _range) && attribute.ConstructorArguments.Length == 2)
                {
                    return attribute.ConstructorArguments[1].Value switch
                    {
                        int max => max < int.MaxValue,
                        double max => max < int.MaxValue,
                        _ => false,
                    };
                }
            }

            return false;
        }

        // ---- Report ----------------------------------------------------------------------

        public void Report(OperationBlockAnalysisContext context, TaintSink<SinkTag> sink, TaintValue value)
        {
            var tag = sink.Tag;
            var labels = value.Labels;
            if (!labels.HasAny(TaintLabels.Request | TaintLabels.Message))
            {
                return;
            }

            var origin = value.Origin?.Description ?? (labels.HasAny(TaintLabels.Message) ? "a received message" : "request input");
            string what;
            string fixText;
            var properties = ImmutableDictionary<string, string?>.Empty;
            switch (tag.Kind)
            {
                case SinkKind.RegexPattern:
                    if (!labels.IsText() || tag.Group!.Reported)
                    {
                        return;
                    }

                    tag.Group.Reported = true;
                    what = $"{tag.Api} uses a pattern from {origin} (pattern injection)";
                    fixText = "escape it with Regex.Escape, or allow only known patterns, and set a match timeout such as TimeSpan.FromSeconds(1)";
                    break;
                case SinkKind.RegexInput:
                    if (!labels.IsText() || tag.Group!.Reported)
                    {
                        return;
                    }

                    tag.Group.Reported = true;
                    what = $"{tag.Api} runs on {origin} without a match timeout";
                    fixText = "pass a timeout such as TimeSpan.FromSeconds(1), or use RegexOptions.NonBacktracking";
                    break;
                default:
                    if (!labels.IsTainted() || IsRangeBoundMember(context, sink.Value))
                    {
                        return;
                    }

                    var max = AzSecOptionDefinitions.MaxPageSize.Read(_options, sink.Value.Syntax.SyntaxTree, RuleIds.UnrestrictedResourceConsumption);
                    what = $"{tag.Api} receives a page size from {origin} with no upper bound";
                    fixText = $"clamp it, e.g. Math.Clamp(value, 1, {max})";
                    properties = properties.Add(MaxPageSizeProperty, max.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }

            // Additional locations: where the value came from, then the Regex creation the fix edits.
            var additional = new List<Location>(2);
            if (value.Origin is { Location.IsInSource: true } o)
            {
                additional.Add(o.Location);
            }

            if (tag.Fix is { } fix)
            {
                properties = properties.Add(FixContract.FixKind, fix);
                if (tag.Creation is { } creation)
                {
                    additional.Add(creation.GetLocation());
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC405_UnrestrictedResourceConsumption,
                sink.Value.Syntax.GetLocation(),
                additional.Count == 0 ? null : additional,
                properties,
                what,
                fixText));
        }

        /// <summary><c>query.PageSize</c> where <c>PageSize</c> has <c>[Range(1, 100)]</c> and the action's controller is an <c>[ApiController]</c>.</summary>
        private bool IsRangeBoundMember(OperationBlockAnalysisContext context, IOperation value)
            => value.WalkDownConversionsAndDelegates() is IPropertyReferenceOperation { Property: var property }
               && HasRangeBound(property)
               && _request.IsApiControllerType(context.OwningSymbol.ContainingType);
    }
}

using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Taint;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
public sealed partial class UnrestrictedResourceConsumptionAnalyzer : AzSecAnalyzer
{
    /// <summary>Add <c>RegexOptions</c> and <c>TimeSpan.FromSeconds(1)</c> to the static <c>Regex</c> call the diagnostic is in.</summary>
    public const string FixStaticRegex = "StaticRegex";

    /// <summary>Add <c>TimeSpan.FromSeconds(1)</c> to the <c>new Regex(...)</c> at the diagnostic's last additional location.</summary>
    public const string FixRegexCreation = "RegexCreation";

    /// <summary>Wrap the reported value in <c>Math.Clamp(value, 1, max)</c>; the bound is in <see cref="MaxPageSizeProperty"/>.</summary>
    public const string FixClamp = "Clamp";

    public const string MaxPageSizeProperty = "MaxPageSize";

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

    private sealed partial class TaintRule
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

    }
}

using System.Collections.Concurrent;
using AzSecAnalyzers.Infrastructure.AspNetCore;
using AzSecAnalyzers.Infrastructure.Options;
using AzSecAnalyzers.Infrastructure.Taint;

namespace AzSecAnalyzers.Rules.Api;

/// <summary>
/// AZSEC406: request input or a message body reaching the URL of an outbound request (HttpClient, HttpRequestMessage,
/// WebRequest, an Azure SDK client constructed from a Uri) in a way that lets the caller choose the host, with no
/// allow-list check on the way. Built on the taint engine: a request value after a constant <c>https://host/</c> or a
/// relative-path prefix cannot change the host and stays silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
[NoCodeFix("Which hosts are legitimate is the app's own knowledge; no mechanical rewrite can write the allow-list.")]
public sealed class ServerSideRequestForgeryAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC406_ServerSideRequestForgery);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        var request = types.Requests;
        var rule = Rule.Create(types, context.Options);
        if (!request.HasAny || rule.Uri is null)
        {
            return;
        }

        var spec = new TaintSpec(RuleIds.ServerSideRequestForgery, context.Compilation)
        {
            Source = request.TryGetSource,
            ParameterSource = request.TryGetParameterSource,
            Guard = rule.Guard,
            IsPinningPrefix = IsPinningPrefix,
            MembershipSanitizes = true,
        };

        TaintSinks.Register<string>(context, spec, (operation, sinks) => rule.FindSinks(operation, sinks, Rule.ApiName), Rule.Report, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
    }

    /// <summary>
    /// Constant text after which request input cannot change the host: an absolute http(s) URL whose authority is
    /// complete (<c>https://host/</c>, <c>https://host?</c>), or a relative path (<c>/api/</c>, <c>api/items?</c>) that
    /// cannot become a scheme or a network-path reference.
    /// </summary>
    internal static bool IsPinningPrefix(string prefix)
    {
        if (TaintGuards.TryGetPinnedHost(prefix, out _))
        {
            return true;
        }

        if (prefix.Length == 0)
        {
            return false;
        }

        if (prefix[0] is '/' or '\\')
        {
            return prefix.Length > 1 && prefix[1] is not ('/' or '\\');
        }

        var end = prefix.IndexOfAny(PathDelimiters);
        return end > 0 && prefix.IndexOf(':', 0, end) < 0;
    }

    private static readonly char[] PathDelimiters = { '/', '?', '#', '\\' };

    /// <summary>AZSEC406's sinks (outbound URLs) and allow-list guards; AZSEC414 reuses the sinks for model output.</summary>
    internal sealed class Rule
    {
        private readonly INamedTypeSymbol? _httpClient;
        private readonly INamedTypeSymbol? _httpRequestMessage;
        private readonly INamedTypeSymbol? _jsonExtensions;
        private readonly INamedTypeSymbol? _webRequest;
        private readonly AnalyzerOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, ImmutableArray<string>> _allowedHosts = new();

        public Rule(INamedTypeSymbol? httpClient, INamedTypeSymbol? httpRequestMessage, INamedTypeSymbol? jsonExtensions, INamedTypeSymbol? webRequest, INamedTypeSymbol? uri, AnalyzerOptions options)
        {
            _httpClient = httpClient;
            _httpRequestMessage = httpRequestMessage;
            _jsonExtensions = jsonExtensions;
            _webRequest = webRequest;
            Uri = uri;
            _options = options;
        }

        public INamedTypeSymbol? Uri { get; }

        public static Rule Create(AzSecContext types, AnalyzerOptions options) => new(
            types.Get(WellKnownTypeNames.HttpClient),
            types.Get(WellKnownTypeNames.HttpRequestMessage),
            types.Get(WellKnownTypeNames.HttpClientJsonExtensions),
            types.Get(WellKnownTypeNames.WebRequest),
            types.Get(WellKnownTypeNames.Uri),
            options);

        // ---- Sinks ------------------------------------------------------------------------

        public void FindSinks<TTag>(IOperation operation, TaintSinkCollector<TTag> sinks, Func<string, TTag> tagOf)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    FindInvocationSink(invocation, sinks, tagOf);
                    break;
                case IObjectCreationOperation creation:
                    FindCreationSink(creation, sinks, tagOf);
                    break;
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                    if (property.Property.Name == "RequestUri" && TypeIdentity.IsOrInherits(property.Property.ContainingType, _httpRequestMessage))
                    {
                        sinks.Add(assignment.Value, assignment, tagOf("'HttpRequestMessage.RequestUri'"));
                    }
                    else if (property.Property.Name == "BaseAddress" && TypeIdentity.IsOrInherits(property.Property.ContainingType, _httpClient))
                    {
                        sinks.Add(assignment.Value, assignment, tagOf("'HttpClient.BaseAddress'"));
                    }

                    break;
            }
        }

        private void FindInvocationSink<TTag>(IInvocationOperation invocation, TaintSinkCollector<TTag> sinks, Func<string, TTag> tagOf)
        {
            var method = invocation.TargetMethod;
            var type = method.ContainingType;
            string? api = null;
            if (TypeIdentity.IsOrInherits(type, _httpClient) || TypeIdentity.Is(type, _jsonExtensions))
            {
                api = "HttpClient." + method.Name;
            }
            else if (method.Name is "Create" or "CreateHttp" or "CreateDefault" && TypeIdentity.IsOrInherits(type, _webRequest))
            {
                api = "WebRequest." + method.Name;
            }

            if (api is null)
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { Name: "requestUri" or "requestUriString" or "uri" } parameter && IsUrlType(parameter.Type))
                {
                    sinks.Add(argument.Value, invocation, tagOf("'" + api + "'"));
                    return;
                }
            }
        }

        private void FindCreationSink<TTag>(IObjectCreationOperation creation, TaintSinkCollector<TTag> sinks, Func<string, TTag> tagOf)
        {
            if (creation.Constructor is not { Parameters.Length: > 0 } constructor || creation.Arguments.Length == 0)
            {
                return;
            }

            var type = creation.Type as INamedTypeSymbol;
            if (TypeIdentity.Is(type, _httpRequestMessage))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Name == "requestUri" && IsUrlType(argument.Parameter.Type))
                    {
                        sinks.Add(argument.Value, creation, tagOf("'new HttpRequestMessage'"));
                        return;
                    }
                }

                return;
            }

            // An Azure SDK client built from a Uri: BlobClient(Uri), QueueClient(Uri), SecretClient(Uri, …), …
            if (type is { Name: var name } && name.EndsWith("Client", StringComparison.Ordinal)
                && IsAzureNamespace(type.ContainingNamespace)
                && TypeIdentity.Is(constructor.Parameters[0].Type, Uri))
            {
                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter?.Ordinal == 0)
                    {
                        sinks.Add(argument.Value, creation, tagOf("'new " + name + "'"));
                        return;
                    }
                }
            }
        }

        private bool IsUrlType(ITypeSymbol type) => type.SpecialType == SpecialType.System_String || TypeIdentity.Is(type, Uri);

        private static bool IsAzureNamespace(INamespaceSymbol? ns)
        {
            if (ns is null || ns.IsGlobalNamespace)
            {
                return false;
            }

            while (!ns.ContainingNamespace.IsGlobalNamespace)
            {
                ns = ns.ContainingNamespace;
            }

            return ns.Name == "Azure";
        }

        /// <summary>AZSEC406's own tag: the sink API's name as the message shows it.</summary>
        public static readonly Func<string, string> ApiName = api => api;

        public static void Report(OperationBlockAnalysisContext context, TaintSink<string> sink, TaintValue value)
        {
            if (!value.Labels.IsFull() || !value.Labels.HasAny(TaintLabels.Request | TaintLabels.Message))
            {
                return;
            }

            var origin = value.Origin;
            var additional = origin is not null && origin.Location.IsInSource ? new[] { origin.Location } : null;
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.AZSEC406_ServerSideRequestForgery,
                sink.Value.Syntax.GetLocation(),
                additional,
                sink.Tag,
                origin?.Description ?? (value.Labels.HasAny(TaintLabels.Message) ? "a received message" : "request input")));
        }

        // ---- Allow-list checks ------------------------------------------------------------

        public bool Guard(IOperation condition, out IOperation guarded, out bool whenTrue)
        {
            whenTrue = true;
            if (TaintGuards.IsHostComparison(condition, out guarded, out var host, out whenTrue))
            {
                return IsAllowed(condition, host, suffix: condition is IInvocationOperation { TargetMethod.Name: "EndsWith" });
            }

            whenTrue = true;
            if (TaintGuards.IsAbsolutePrefixCheck(condition, out guarded, out host))
            {
                return IsAllowed(condition, host, suffix: false);
            }

            return TaintGuards.IsBaseOfCheck(condition, out guarded);
        }

        /// <summary>Without <c>azsec.ssrf_allowed_hosts</c> any constant host counts; with it, only listed hosts (and <c>*.</c> wildcards) do.</summary>
        private bool IsAllowed(IOperation condition, string host, bool suffix)
        {
            var tree = condition.Syntax.SyntaxTree;
            var allowed = _allowedHosts.GetOrAdd(tree, t => AzSecOptionDefinitions.SsrfAllowedHosts.Read(_options, t, RuleIds.ServerSideRequestForgery));
            return allowed.IsEmpty || HostList.Matches(allowed, host, suffix);
        }
    }

    /// <summary>Matching of hosts against <c>azsec.ssrf_allowed_hosts</c> entries (exact, case-insensitive; <c>*.contoso.com</c> matches any subdomain).</summary>
    internal static class HostList
    {
        public static bool Matches(ImmutableArray<string> entries, string host, bool suffix)
        {
            host = host.Trim().TrimEnd('.');
            foreach (var entry in entries)
            {
                if (entry.StartsWith("*.", StringComparison.Ordinal))
                {
                    var domain = entry.Substring(1);
                    if (suffix
                        ? host.EndsWith(domain.Substring(1), StringComparison.OrdinalIgnoreCase) && ("." + host).EndsWith(domain, StringComparison.OrdinalIgnoreCase)
                        : host.Length > domain.Length && host.EndsWith(domain, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
                else if (!suffix && string.Equals(entry, host, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}

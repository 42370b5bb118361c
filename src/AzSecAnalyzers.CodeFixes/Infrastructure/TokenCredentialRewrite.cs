using AzSecAnalyzers.Infrastructure.Operations;
using AzSecAnalyzers.Rules.Identity;
using Microsoft.CodeAnalysis.Operations;

namespace AzSecAnalyzers.CodeFixes;

/// <summary>
/// The AZSEC201 rewrite of one client construction (or, for a string <c>apiKey</c>, one call) onto its
/// TokenCredential overload: which arguments the new overload takes, written as text with the credential left
/// open, so the fix can bind it speculatively (fully qualified names) before writing it (simple names and using
/// directives).
/// </summary>
internal sealed class TokenCredentialRewrite
{
    private const string UriType = "System.Uri";
    private const string ShareClientOptionsType = "Azure.Storage.Files.Shares.ShareClientOptions";
    private const string ShareTokenIntentType = "Azure.Storage.Files.Shares.Models.ShareTokenIntent";

    private readonly Func<Func<string, string>, string, ImmutableArray<string>> _arguments;

    private TokenCredentialRewrite(ExpressionSyntax call, ArgumentListSyntax argumentList, string callee, string? configurationKey, Func<Func<string, string>, string, ImmutableArray<string>> arguments)
    {
        Call = call;
        ArgumentList = argumentList;
        Callee = callee;
        ConfigurationKey = configurationKey;
        _arguments = arguments;
    }

    private TokenCredentialRewrite(BaseObjectCreationExpressionSyntax creation, IMethodSymbol constructor, string? configurationKey, Func<Func<string, string>, string, ImmutableArray<string>> arguments)
        : this(creation, creation.ArgumentList!, "new " + constructor.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), configurationKey, arguments)
    {
    }

    /// <summary>The construction or invocation whose arguments change.</summary>
    public ExpressionSyntax Call { get; }

    public ArgumentListSyntax ArgumentList { get; }

    /// <summary>What the new argument list is applied to when binding speculatively: <c>new global::T</c> or the invoked expression.</summary>
    public string Callee { get; }

    /// <summary>The configuration key the endpoint is read from, when it is; the action title names it.</summary>
    public string? ConfigurationKey { get; }

    /// <summary>The new arguments, types written by <paramref name="typeName"/> (metadata name → text), with <paramref name="credential"/> as the credential.</summary>
    public ImmutableArray<string> Arguments(Func<string, string> typeName, string credential) => _arguments(typeName, credential);

    public static TokenCredentialRewrite? TryCreate(SemanticModel model, ArgumentSyntax reported, Diagnostic diagnostic, AzSecContext types)
    {
        var properties = diagnostic.Properties;
        if (properties.TryGetValue(FixContract.FixKind, out var apiKey) && apiKey == KeyBasedClientAuthenticationAnalyzer.KindApiKey)
        {
            return ForApiKey(reported, properties);
        }

        if (properties.ContainsKey(KeyBasedClientAuthenticationAnalyzer.RegistrationProperty)
            || !properties.TryGetValue(FixContract.FixKind, out var kind)
            || !properties.TryGetValue(KeyBasedClientAuthenticationAnalyzer.FamilyProperty, out var familyName)
            || !Enum.TryParse<ClientFamily>(familyName, out var family)
            || reported.Parent is not ArgumentListSyntax { Parent: BaseObjectCreationExpressionSyntax creation } argumentList
            || argumentList.Arguments.Any(a => a.NameColon is not null)
            || model.GetOperation(creation) is not IObjectCreationOperation { Constructor: { } constructor } operation)
        {
            return null;
        }

        var arguments = new Dictionary<string, (IArgumentOperation Operation, string Text)>(StringComparer.Ordinal);
        IParameterSymbol? reportedParameter = null;
        foreach (var argument in operation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is null)
            {
                continue;
            }

            var syntax = argument.Syntax.FirstAncestorOrSelf<ArgumentSyntax>();
            if (syntax is null)
            {
                return null;
            }

            arguments[argument.Parameter.Name] = (argument, syntax.Expression.ToString());
            if (syntax == reported)
            {
                reportedParameter = argument.Parameter;
            }
        }

        if (reportedParameter is null)
        {
            return null;
        }

        if (kind is KeyBasedClientAuthenticationAnalyzer.KindKeyCredential or KeyBasedClientAuthenticationAnalyzer.KindAccountKey)
        {
            // Azure Files also needs ShareTokenIntent in options the caller may already pass: not mechanical here.
            if (family == ClientFamily.FileStorage)
            {
                return null;
            }

            // Same arguments, the credential in place of the key.
            return new TokenCredentialRewrite(creation, constructor, null, (_, credential) => constructor.Parameters
                .Where(p => arguments.ContainsKey(p.Name))
                .Select(p => p.Name == reportedParameter.Name ? credential : arguments[p.Name].Text)
                .ToImmutableArray());
        }

        // A connection string: the endpoint comes from the literal (analyzer-derived) or a sibling configuration key.
        Func<Func<string, string>, string>? endpoint = null;
        string? configurationKey = null;
        if (properties.TryGetValue(KeyBasedClientAuthenticationAnalyzer.EndpointProperty, out var literalEndpoint) && literalEndpoint is not null)
        {
            var literal = SymbolDisplay.FormatLiteral(literalEndpoint, quote: true);
            endpoint = _ => literal;
        }
        else if (properties.TryGetValue(KeyBasedClientAuthenticationAnalyzer.ConfigurationKeyProperty, out configurationKey) && configurationKey is not null
                 && ConfigurationReads.Create(types) is { } reads
                 && reads.TryGetRead(arguments[reportedParameter.Name].Operation.Value, out _, out var receiver)
                 && receiver is not null)
        {
            var read = receiver.Syntax.ToString() + "[" + SymbolDisplay.FormatLiteral(configurationKey, quote: true) + "]!";
            endpoint = _ => read;
        }

        if (endpoint is null)
        {
            return null;
        }

        string? Text(string parameter) => arguments.TryGetValue(parameter, out var a) ? a.Text : null;
        var options = constructor.Parameters.FirstOrDefault(p => p.Type.Name.EndsWith("Options", StringComparison.Ordinal) && arguments.ContainsKey(p.Name));
        var optionsText = options is null ? null : Text(options.Name);
        var isLiteral = configurationKey is null;

        Func<Func<string, string>, string, ImmutableArray<string>>? build = family switch
        {
            ClientFamily.BlobStorage => Storage(endpoint, isLiteral, optionsText, "Azure.Storage.Blobs.BlobUriBuilder", ("BlobContainerName", Text("blobContainerName") ?? Text("containerName")), ("BlobName", Text("blobName"))),
            ClientFamily.QueueStorage => Storage(endpoint, isLiteral, optionsText, "Azure.Storage.Queues.QueueUriBuilder", ("QueueName", Text("queueName"))),
            ClientFamily.FileStorage => FileShareOptions(options is null ? null : arguments[options.Name].Operation.Value) is { } shareOptions
                ? Storage(endpoint, isLiteral, null, "Azure.Storage.Files.Shares.ShareUriBuilder", ("ShareName", Text("shareName")), ("DirectoryOrFilePath", Text("directoryPath") ?? Text("filePath")), shareOptions)
                : null,
            ClientFamily.TableStorage => (t, credential) => Args($"new {t(UriType)}({endpoint(t)})", Text("tableName"), credential, optionsText),
            ClientFamily.ServiceBus or ClientFamily.CosmosDb => (t, credential) => Args(endpoint(t), credential, optionsText),
            ClientFamily.AppConfiguration => (t, credential) => Args($"new {t(UriType)}({endpoint(t)})", credential, optionsText),
            ClientFamily.EventHubs => EventHubs(constructor, reportedParameter, arguments.ToDictionary(a => a.Key, a => a.Value.Text), endpoint, properties, optionsText),
            _ => null,
        };

        return build is null ? null : new TokenCredentialRewrite(creation, constructor, configurationKey, build);
    }

    /// <summary>
    /// A string <c>apiKey</c> argument: the same call with the credential in its place (named as the TokenCredential
    /// overload names it when the key was a named argument); validation binds it to that overload.
    /// </summary>
    private static TokenCredentialRewrite? ForApiKey(ArgumentSyntax reported, ImmutableDictionary<string, string?> properties)
    {
        if (!properties.TryGetValue(KeyBasedClientAuthenticationAnalyzer.CredentialParameterProperty, out var parameter)
            || parameter is null
            || reported.Parent is not ArgumentListSyntax list)
        {
            return null;
        }

        var (call, callee) = list.Parent switch
        {
            InvocationExpressionSyntax invocation => ((ExpressionSyntax)invocation, invocation.Expression.ToString()),
            ObjectCreationExpressionSyntax creation => (creation, "new " + creation.Type),
            _ => (null, string.Empty),
        };
        if (call is null)
        {
            return null;
        }

        var texts = list.Arguments.Select(a => a == reported ? null : a.ToString()).ToImmutableArray();
        var name = reported.NameColon is null ? string.Empty : parameter + ": ";
        return new TokenCredentialRewrite(call, list, callee, null, (_, credential) => texts.Select(t => t ?? name + credential).ToImmutableArray());
    }

    private static ImmutableArray<string> Args(params string?[] arguments) => arguments.Where(a => a is not null).Select(a => a!).ToImmutableArray();

    /// <summary>
    /// Storage clients take the resource URI: the service URI, plus container/queue/share and blob/path names,
    /// as one literal when every part is a plain constant, else through the SDK's URI builder (which escapes).
    /// </summary>
    private static Func<Func<string, string>, string, ImmutableArray<string>> Storage(
        Func<Func<string, string>, string> endpoint,
        bool isLiteral,
        string? optionsText,
        string uriBuilderType,
        (string Property, string? Text) first,
        (string Property, string? Text) second = default,
        Func<Func<string, string>, string>? options = null)
    {
        var names = new[] { first, second }.Where(n => n.Text is not null).ToArray();
        return (t, credential) =>
        {
            string uri;
            if (names.Length == 0)
            {
                uri = $"new {t(UriType)}({endpoint(t)})";
            }
            else if (isLiteral && names.All(n => IsPlainLiteral(n.Text!)))
            {
                var service = endpoint(t);
                var path = string.Join("/", names.Select(n => n.Text!.Substring(1, n.Text.Length - 2)));
                uri = $"new {t(UriType)}({service.Substring(0, service.Length - 1)}/{path}\")";
            }
            else
            {
                var members = string.Join(", ", names.Select(n => $"{n.Property} = {n.Text}"));
                uri = $"new {t(uriBuilderType)}(new {t(UriType)}({endpoint(t)})) {{ {members} }}.ToUri()";
            }

            return Args(uri, credential, options is null ? optionsText : options(t));
        };
    }

    /// <summary>A literal such as <c>"receipts"</c> or <c>"2024/01/a.json"</c> that needs no escaping in a URI path.</summary>
    private static bool IsPlainLiteral(string text)
    {
        if (text.Length < 3 || text[0] != '"' || text[text.Length - 1] != '"')
        {
            return false;
        }

        for (var i = 1; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (!(c is >= 'a' and <= 'z' || c is >= 'A' and <= 'Z' || c is >= '0' and <= '9' || c is '-' or '_' or '.' or '/'))
            {
                return false;
            }
        }

        return text[1] != '/' && text[text.Length - 2] != '/';
    }

    /// <summary>
    /// OAuth on Azure Files requires <c>ShareTokenIntent</c>: a new options object when there was none, the member
    /// added to an options object created in place; null (no fix) for options from elsewhere.
    /// </summary>
    private static Func<Func<string, string>, string>? FileShareOptions(IOperation? options)
    {
        const string Intent = "ShareTokenIntent";
        if (options is null)
        {
            return t => $"new {t(ShareClientOptionsType)} {{ {Intent} = {t(ShareTokenIntentType)}.Backup }}";
        }

        if (options.WalkDownConversionsAndDelegates() is not IObjectCreationOperation { Syntax: BaseObjectCreationExpressionSyntax syntax })
        {
            return null;
        }

        var initializer = syntax.Initializer;
        if (initializer is not null && initializer.Expressions.Any(e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: Intent } }))
        {
            var unchanged = syntax.ToString();
            return _ => unchanged;
        }

        var head = syntax is ObjectCreationExpressionSyntax explicitCreation
            ? $"new {explicitCreation.Type}{explicitCreation.ArgumentList}"
            : $"new{syntax.ArgumentList}";
        var existing = initializer is null ? string.Empty : string.Join(", ", initializer.Expressions.Select(e => e.ToString())) + ", ";
        return t => $"{head} {{ {existing}{Intent} = {t(ShareTokenIntentType)}.Backup }}";
    }

    /// <summary>
    /// Event Hubs: the arguments before the connection string stay (consumer group, partition, position, checkpoint
    /// store), then the namespace, the event hub name (given, or the connection string's <c>EntityPath</c>), the credential.
    /// </summary>
    private static Func<Func<string, string>, string, ImmutableArray<string>>? EventHubs(
        IMethodSymbol constructor,
        IParameterSymbol connectionString,
        Dictionary<string, string> arguments,
        Func<Func<string, string>, string> endpoint,
        ImmutableDictionary<string, string?> properties,
        string? optionsText)
    {
        var eventHubName = arguments.TryGetValue("eventHubName", out var given) ? given
            : properties.TryGetValue(KeyBasedClientAuthenticationAnalyzer.EntityPathProperty, out var entityPath) && entityPath is not null
                ? SymbolDisplay.FormatLiteral(entityPath, quote: true)
                : null;
        if (eventHubName is null)
        {
            return null;
        }

        var leading = constructor.Parameters.TakeWhile(p => p.Name != connectionString.Name).Select(p => arguments.TryGetValue(p.Name, out var text) ? text : null).ToArray();
        if (leading.Any(text => text is null))
        {
            return null;
        }

        return (t, credential) => leading.Concat(Args(endpoint(t), eventHubName, credential, optionsText)).Select(a => a!).ToImmutableArray();
    }
}

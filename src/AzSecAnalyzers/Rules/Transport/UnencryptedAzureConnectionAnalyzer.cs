using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Rules.Transport;

/// <summary>
/// AZSEC303: a connection to an Azure service that is not encrypted, or not authenticated by its certificate:
/// <list type="bullet">
/// <item>string literals (and interpolated or concatenated strings) holding an <c>http://</c> URL whose host
/// is an Azure service, or a connection string with <c>DefaultEndpointsProtocol=http</c>, an <c>http://</c>
/// endpoint, SQL <c>Encrypt=False|no|Optional</c> / <c>TrustServerCertificate=True</c> against Azure SQL,
/// or Redis <c>ssl=false</c> / port 6379 on Azure Cache for Redis (see <see cref="PlainTextEndpointText"/>), read in the
/// constant parts of interpolated and concatenated strings too, the other parts standing for any text;</item>
/// <item><c>SqlConnectionStringBuilder.Encrypt = false|Optional</c> and <c>TrustServerCertificate = true</c>;</item>
/// <item><c>SasProtocol.HttpsAndHttp</c> / <c>TableSasProtocol.HttpsAndHttp</c>;</item>
/// <item><c>RequireHttpsMetadata = false</c> on JWT bearer and OpenID Connect options, <c>HttpDocumentRetriever.RequireHttps = false</c>.</item>
/// </list>
/// Comments and XML documentation are trivia, never operations, so they are never inspected.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class UnencryptedAzureConnectionAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property: the text that replaces the fix span (the last additional location).</summary>
    public const string EditTextProperty = "EditText";

    /// <summary>Diagnostic property: the code action's title.</summary>
    public const string FixTitleProperty = "FixTitle";

    /// <summary>Replace a span of a string's text (a scheme, a connection-string value, a port, a removed part).</summary>
    public const string EditText = "Text";

    /// <summary>Replace the reported expression with a <c>true</c>/<c>false</c> literal.</summary>
    public const string EditReplaceWithBoolean = "ReplaceWithBoolean";

    /// <summary>Replace the reported member access's member name (<c>SasProtocol.HttpsAndHttp</c> → <c>SasProtocol.Https</c>).</summary>
    public const string EditReplaceMemberName = "ReplaceMemberName";

    // Literals longer than this are data, not endpoints or connection strings.
    private const int MaxInspectedLength = 16 * 1024;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC303_UnencryptedAzureConnection);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        // Endpoints in string literals matter with or without an Azure SDK (REST calls through HttpClient).
        context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
        context.RegisterOperationAction(AnalyzeInterpolatedString, OperationKind.InterpolatedString);
        context.RegisterOperationAction(AnalyzeConcatenation, OperationKind.Binary);

        var settings = new Settings(types);
        if (!settings.IsEmpty)
        {
            context.RegisterOperationAction(settings.AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        if (!settings.SasHttpsAndHttp.IsEmpty)
        {
            context.RegisterOperationAction(settings.AnalyzeFieldReference, OperationKind.FieldReference);
        }
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue.Value is not string value
            || value.Length < 8
            || value.Length > MaxInspectedLength
            || literal.Syntax is not LiteralExpressionSyntax syntax
            || syntax.ContainsDiagnostics
            || PlainTextEndpointText.Inspect(value) is not { } findings
            || IsAttributeArgument(syntax))
        {
            return;
        }

        var tree = syntax.SyntaxTree;
        foreach (var finding in findings)
        {
            // A finding about the whole value (a URL literal) is reported on the whole literal, quotes included.
            var span = IsWholeValue(finding, value) ? null : StringLiteralText.SourceSpan(syntax.Token, value, finding.Start, finding.Length);
            var edit = finding.EditText is null ? null : StringLiteralText.SourceSpan(syntax.Token, value, finding.EditStart, finding.EditLength);
            Report(
                context,
                span is { } part ? Location.Create(tree, part) : syntax.GetLocation(),
                finding,
                edit is { } editSpan ? Location.Create(tree, editSpan) : null);
        }
    }

    /// <summary>Reports one finding in a string; its fix replaces <paramref name="edit"/> (null: no mechanical fix).</summary>
    private static void Report(OperationAnalysisContext context, Location location, PlainTextFinding finding, Location? edit)
    {
        var fix = finding.EditText is not null && edit is not null;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.AZSEC303_UnencryptedAzureConnection,
            location,
            fix ? new[] { edit! } : null,
            fix ? Edit(EditText, finding.EditText!, finding.FixTitle) : null,
            finding.Problem,
            finding.Fix));
    }

    private static bool IsWholeValue(PlainTextFinding finding, string value)
        => finding.Start + finding.Length == value.Length && string.IsNullOrWhiteSpace(value.Substring(0, finding.Start));

    /// <summary>
    /// Attribute arguments are test data (<c>[InlineData("http://…")]</c>) or metadata, never a connection
    /// being made; real-code scans showed them as the main source of noise.
    /// </summary>
    private static bool IsAttributeArgument(SyntaxNode node) => node.FirstAncestorOrSelf<AttributeSyntax>() is not null;

    internal static ImmutableDictionary<string, string?> Edit(string kind, string text, string title)
        => ImmutableDictionary<string, string?>.Empty
            .Add(FixContract.FixKind, kind)
            .Add(EditTextProperty, text)
            .Add(FixTitleProperty, title);
}

using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Rules.Transport;

/// <summary>
/// AZSEC303: a connection to an Azure service that is not encrypted, or not authenticated by its certificate:
/// <list type="bullet">
/// <item>string literals (and interpolated or concatenated strings) holding an <c>http://</c> URL whose host
/// is an Azure service, or a connection string with <c>DefaultEndpointsProtocol=http</c>, an <c>http://</c>
/// endpoint, SQL <c>Encrypt=False|no|Optional</c> / <c>TrustServerCertificate=True</c> against Azure SQL,
/// or Redis <c>ssl=false</c> / port 6379 on Azure Cache for Redis (see <see cref="PlainTextEndpointText"/>);</item>
/// <item><c>SqlConnectionStringBuilder.Encrypt = false|Optional</c> and <c>TrustServerCertificate = true</c>;</item>
/// <item><c>SasProtocol.HttpsAndHttp</c> / <c>TableSasProtocol.HttpsAndHttp</c>;</item>
/// <item><c>RequireHttpsMetadata = false</c> on JWT bearer and OpenID Connect options, <c>HttpDocumentRetriever.RequireHttps = false</c>.</item>
/// </list>
/// Comments and XML documentation are trivia, never operations, so they are never inspected.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed partial class UnencryptedAzureConnectionAnalyzer : AzSecAnalyzer
{
    /// <summary>Diagnostic property: where the edit starts, relative to the diagnostic span (EditText) or to the literal's value (EditRebuildLiteral).</summary>
    public const string EditOffsetProperty = "EditOffset";

    public const string EditLengthProperty = "EditLength";

    /// <summary>Diagnostic property: the replacement text, literal value, or identifier.</summary>
    public const string EditTextProperty = "EditText";

    /// <summary>Diagnostic property: the code action's title.</summary>
    public const string FixTitleProperty = "FixTitle";

    /// <summary>Replace a span of source text.</summary>
    public const string EditText = "Text";

    /// <summary>Edit the literal's value and write the literal anew (its source has escape sequences).</summary>
    public const string EditRebuildLiteral = "RebuildLiteral";

    /// <summary>Replace the reported expression with a <c>true</c>/<c>false</c> literal.</summary>
    public const string EditReplaceWithBoolean = "ReplaceWithBoolean";

    /// <summary>Replace the reported member access's member name (<c>SasProtocol.HttpsAndHttp</c> → <c>SasProtocol.Https</c>).</summary>
    public const string EditReplaceMemberName = "ReplaceMemberName";

    // What a non-constant part of an interpolated or concatenated string stands for: any text (also shown in messages).
    private const string Hole = "*";

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
        var valueStart = StringLiteralText.ValueStart(syntax.Token, value);
        foreach (var finding in findings)
        {
            Location location;
            ImmutableDictionary<string, string?>? properties = null;
            if (valueStart >= 0)
            {
                // A finding about the whole value (a URL literal) is reported on the whole literal, quotes included.
                var span = finding.Start + finding.Length == value.Length && string.IsNullOrWhiteSpace(value.Substring(0, finding.Start))
                    ? syntax.Span
                    : new TextSpan(valueStart + finding.Start, finding.Length);
                location = Location.Create(tree, span);
                if (finding.EditText is not null)
                {
                    properties = Edit(EditText, valueStart + finding.EditStart - span.Start, finding.EditLength, finding.EditText, finding.FixTitle);
                }
            }
            else
            {
                location = syntax.GetLocation();
                if (finding.EditText is not null)
                {
                    properties = Edit(EditRebuildLiteral, finding.EditStart, finding.EditLength, finding.EditText, finding.FixTitle);
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC303_UnencryptedAzureConnection, location, properties, finding.Problem, finding.Fix));
        }
    }

    /// <summary><c>$"http://{account}.blob.core.windows.net/{container}"</c>: the holes stand in for any text.</summary>
    private static void AnalyzeInterpolatedString(OperationAnalysisContext context)
    {
        var interpolated = (IInterpolatedStringOperation)context.Operation;

        // Most interpolated strings are log messages: build nothing unless a text part starts a URL.
        var mentionsHttp = false;
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text }
                && text.IndexOf("http:", System.StringComparison.OrdinalIgnoreCase) >= 0)
            {
                mentionsHttp = true;
                break;
            }
        }

        if (!mentionsHttp)
        {
            return;
        }

        var skeleton = new StringBuilder();
        foreach (var part in interpolated.Parts)
        {
            skeleton.Append(part switch
            {
                IInterpolatedStringTextOperation text => text.Text.ConstantValue.Value as string,
                IInterpolationOperation { Expression.ConstantValue: { HasValue: true, Value: string constant } } => constant,
                _ => Hole,
            });

            if (skeleton.Length > MaxInspectedLength)
            {
                return;
            }
        }

        var value = skeleton.ToString();
        if (!PlainTextEndpointText.TryInspectUrl(value, 0, out var finding) || IsAttributeArgument(interpolated.Syntax))
        {
            return;
        }

        ImmutableDictionary<string, string?>? properties = null;
        if (finding.EditText is not null
            && interpolated.Syntax is InterpolatedStringExpressionSyntax syntax
            && syntax.Contents.Count > 0
            && syntax.Contents[0] is InterpolatedStringTextSyntax first
            && first.TextToken.Text.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase))
        {
            properties = Edit(EditText, first.TextToken.SpanStart - syntax.SpanStart, 4, finding.EditText, finding.FixTitle);
        }

        context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC303_UnencryptedAzureConnection, interpolated.Syntax.GetLocation(), properties, finding.Problem, finding.Fix));
    }

    /// <summary><c>"http://" + account + ".blob.core.windows.net"</c>, judged once, at the outermost concatenation.</summary>
    private static void AnalyzeConcatenation(OperationAnalysisContext context)
    {
        var binary = (IBinaryOperation)context.Operation;
        if (!IsStringConcatenation(binary) || (binary.Parent is IBinaryOperation parent && IsStringConcatenation(parent)))
        {
            return;
        }

        var operands = new List<IOperation>();
        Flatten(binary, operands);
        if (operands[0] is not ILiteralOperation { ConstantValue.Value: string head, Syntax: LiteralExpressionSyntax headSyntax }
            || PlainTextEndpointText.TryInspectUrl(head, 0, out _))
        {
            // Not a URL prefix, or the first literal is a whole Azure URL that the literal check reports.
            return;
        }

        var skeleton = new StringBuilder();
        foreach (var operand in operands)
        {
            skeleton.Append(operand.ConstantValue is { HasValue: true, Value: string constant } ? constant : Hole);
            if (skeleton.Length > MaxInspectedLength)
            {
                return;
            }
        }

        if (!PlainTextEndpointText.TryInspectUrl(skeleton.ToString(), 0, out var finding) || IsAttributeArgument(binary.Syntax))
        {
            return;
        }

        var headStart = StringLiteralText.ValueStart(headSyntax.Token, head);
        var properties = finding.EditText is not null && headStart >= 0
            ? Edit(EditText, headStart - binary.Syntax.SpanStart, 4, finding.EditText, finding.FixTitle)
            : null;
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.AZSEC303_UnencryptedAzureConnection, binary.Syntax.GetLocation(), properties, finding.Problem, finding.Fix));
    }

    /// <summary>
    /// Attribute arguments are test data (<c>[InlineData("http://…")]</c>) or metadata, never a connection
    /// being made; real-code scans showed them as the main source of noise.
    /// </summary>
    private static bool IsAttributeArgument(SyntaxNode node) => node.FirstAncestorOrSelf<AttributeSyntax>() is not null;

    private static bool IsStringConcatenation(IBinaryOperation binary)
        => binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String;

    /// <summary>The operands of a concatenation, left to right; iterative, as a concatenation may have tens of thousands of terms.</summary>
    private static void Flatten(IOperation root, List<IOperation> operands)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop();
            var walked = operation is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operation;
            if (walked is IBinaryOperation binary && IsStringConcatenation(binary))
            {
                pending.Push(binary.RightOperand);
                pending.Push(binary.LeftOperand);
            }
            else
            {
                operands.Add(walked);
            }
        }
    }

    internal static ImmutableDictionary<string, string?> Edit(string kind, int offset, int length, string text, string title)
        => ImmutableDictionary<string, string?>.Empty
            .Add(FixContract.FixKind, kind)
            .Add(EditOffsetProperty, offset.ToString(CultureInfo.InvariantCulture))
            .Add(EditLengthProperty, length.ToString(CultureInfo.InvariantCulture))
            .Add(EditTextProperty, text)
            .Add(FixTitleProperty, title);
}

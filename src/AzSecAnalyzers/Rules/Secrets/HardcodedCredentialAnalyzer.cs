using System.Globalization;
using System.Text;
using AzSecAnalyzers.Infrastructure.Secrets;

namespace AzSecAnalyzers.Rules.Secrets;

/// <summary>
/// AZSEC101: a string whose content has the shape of an Azure credential (see
/// <see cref="SecretShapes"/>): literals (regular, verbatim, raw, UTF-8), constants, and
/// concatenations and interpolations of constants. A concatenation or interpolation is judged as a
/// whole and reported on the part that carries the secret; non-constant parts count as runtime values,
/// so <c>$"AccountKey={key}"</c> is silent.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardcodedCredentialAnalyzer : AzSecAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.AZSEC101_HardcodedCredential);

    private protected override void OnCompilationStart(CompilationStartAnalysisContext context, AzSecContext types)
    {
        // Shapes need no types: this rule runs in every compilation, tests included (only real-looking values match).
        var once = new ReportOnce();
        context.RegisterOperationAction(c => AnalyzeLiteral(c, once), OperationKind.Literal);
        context.RegisterOperationAction(c => AnalyzeUtf8(c, once), OperationKind.Utf8String);
        context.RegisterOperationAction(c => AnalyzeComposite(c, once), OperationKind.Binary, OperationKind.InterpolatedString);
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context, ReportOnce once)
    {
        var literal = (ILiteralOperation)context.Operation;
        if (literal.ConstantValue is not { HasValue: true, Value: string text } || IsPartOfComposite(literal))
        {
            return;
        }

        Report(context, once, literal, text, literal.Syntax.GetLocation());
    }

    private static void AnalyzeUtf8(OperationAnalysisContext context, ReportOnce once)
    {
        var utf8 = (IUtf8StringOperation)context.Operation;
        Report(context, once, utf8, utf8.Value, utf8.Syntax.GetLocation());
    }

    private static void AnalyzeComposite(OperationAnalysisContext context, ReportOnce once)
    {
        var operation = context.Operation;
        if (!IsStringComposite(operation) || IsPartOfComposite(operation))
        {
            return;
        }

        var segments = new List<Segment>();
        Flatten(operation, segments);
        if (segments.Count == 0)
        {
            return;
        }

        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append(segment.Text ?? SecretValues.RuntimeValueMarker.ToString());
        }

        var text = builder.ToString();
        var targetName = SecretTargets.TargetName(operation, context.ContainingSymbol);
        var reported = new HashSet<IOperation>();
        foreach (var match in SecretScanner.FindAll(text, SecretShapeOptions.For(targetName)))
        {
            var offset = 0;
            foreach (var segment in segments)
            {
                var length = segment.Text?.Length ?? 1;
                if (match.Offset < offset + length)
                {
                    // A constant reference whose own declaration already shows the secret is reported there.
                    var ownLiteral = segment.Node is ILiteralOperation or IInterpolatedStringTextOperation;
                    if (reported.Add(segment.Node) && (ownLiteral || segment.Text is null || !SecretShapeOptions.HasShape(segment.Text, null)))
                    {
                        once.Report(context.ReportDiagnostic, Create(segment.Node.Syntax.GetLocation(), match, targetName));
                    }

                    break;
                }

                offset += length;
            }
        }
    }

    private static void Report(OperationAnalysisContext context, ReportOnce once, IOperation literal, string text, Location location)
    {
        var targetName = SecretTargets.TargetName(literal, context.ContainingSymbol);
        if (SecretScanner.TryFindFirst(text, out var match, SecretShapeOptions.For(targetName)))
        {
            once.Report(context.ReportDiagnostic, Create(location, match, targetName));
        }
    }

    private static Diagnostic Create(Location location, SecretMatch match, string? targetName)
        => Diagnostic.Create(
            Descriptors.AZSEC101_HardcodedCredential,
            location,
            SecretTargets.Properties(SecretTargets.KeyVaultSecretName(targetName, match.KindId), match.KindId),
            match.KindName,
            match.Preview);

    private static bool IsStringComposite(IOperation operation) => operation switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => binary.Type?.SpecialType == SpecialType.System_String,
        IInterpolatedStringOperation => true,
        _ => false,
    };

    /// <summary>True when the operation is a piece of a larger concatenation or interpolation, which is judged as a whole.</summary>
    private static bool IsPartOfComposite(IOperation operation)
    {
        var parent = operation.WalkUpConversions().Parent;

        return parent is IInterpolatedStringTextOperation or IInterpolationOperation || (parent is not null && IsStringComposite(parent));
    }

    /// <summary>
    /// The parts of a concatenation or interpolation, left to right. Iterative: a concatenation of tens of
    /// thousands of terms compiles, and one stack frame per term would overflow the compiler's stack.
    /// </summary>
    private static void Flatten(IOperation root, List<Segment> segments)
    {
        var pending = new Stack<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var operation = pending.Pop().WalkDownConversions();
            switch (operation)
            {
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    pending.Push(binary.RightOperand);
                    pending.Push(binary.LeftOperand);
                    break;
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation text:
                                segments.Add(new Segment(text, ConstantText(text.Text)));
                                break;
                            case IInterpolationOperation hole:
                                segments.Add(new Segment(hole, hole.Alignment is null && hole.FormatString is null ? ConstantText(hole.Expression) : null));
                                break;
                        }
                    }

                    break;
                default:
                    segments.Add(new Segment(operation, ConstantText(operation)));
                    break;
            }
        }
    }

    private static string? ConstantText(IOperation operation)
        => operation.ConstantValue is { HasValue: true } constant
            ? constant.Value is null ? string.Empty : Convert.ToString(constant.Value, CultureInfo.InvariantCulture)
            : null;

    private readonly struct Segment
    {
        public Segment(IOperation node, string? text)
        {
            Node = node;
            Text = text;
        }

        public IOperation Node { get; }

        /// <summary>The constant text, or null for a value only known at run time.</summary>
        public string? Text { get; }
    }
}

using System.Text;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Rules.Transport;

public sealed partial class UnencryptedAzureConnectionAnalyzer
{
    // What a non-constant part of an interpolated or concatenated string stands for: any text (also shown in messages).
    private const string Hole = "*";

    /// <summary>
    /// <c>$"http://{account}.blob.core.windows.net/{container}"</c>,
    /// <c>$"Server=tcp:{server}.database.windows.net;…;Encrypt=False"</c>: the holes stand in for any text.
    /// </summary>
    private static void AnalyzeInterpolatedString(OperationAnalysisContext context)
    {
        var interpolated = (IInterpolatedStringOperation)context.Operation;

        // Most interpolated strings are log messages: build nothing unless a text part could start a finding.
        var relevant = false;
        foreach (var part in interpolated.Parts)
        {
            if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text } && MayHoldFinding(text))
            {
                relevant = true;
                break;
            }
        }

        if (!relevant || IsAttributeArgument(interpolated.Syntax))
        {
            return;
        }

        var skeleton = new Skeleton();
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text, Syntax: InterpolatedStringTextSyntax syntax }:
                    skeleton.Add(text, syntax.TextToken, isLiteral: false, reportedAlone: false);
                    break;
                case IInterpolatedStringTextOperation { Text.ConstantValue.Value: string text }:
                    skeleton.Add(text, token: null, isLiteral: false, reportedAlone: false);
                    break;
                case IInterpolationOperation { Expression.ConstantValue: { HasValue: true, Value: string constant } }:
                    skeleton.Add(constant, token: null, isLiteral: false, reportedAlone: false);
                    break;
                default:
                    skeleton.Add(Hole, token: null, isLiteral: false, reportedAlone: false);
                    break;
            }

            if (skeleton.Length > MaxInspectedLength)
            {
                return;
            }
        }

        ReportSkeleton(context, skeleton, interpolated.Syntax);
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
        var relevant = false;
        foreach (var operand in operands)
        {
            if (operand is ILiteralOperation { ConstantValue.Value: string text } && MayHoldFinding(text))
            {
                relevant = true;
                break;
            }
        }

        if (!relevant || IsAttributeArgument(binary.Syntax))
        {
            return;
        }

        var skeleton = new Skeleton();
        foreach (var operand in operands)
        {
            if (operand is ILiteralOperation { ConstantValue.Value: string literal, Syntax: LiteralExpressionSyntax syntax })
            {
                // A literal with a finding of its own is reported by the literal check: the whole must not repeat it.
                skeleton.Add(literal, syntax.Token, isLiteral: true, reportedAlone: literal.Length >= 8 && PlainTextEndpointText.Inspect(literal) is not null);
            }
            else
            {
                skeleton.Add(operand.ConstantValue is { HasValue: true, Value: string constant } ? constant : Hole, token: null, isLiteral: false, reportedAlone: false);
            }

            if (skeleton.Length > MaxInspectedLength)
            {
                return;
            }
        }

        ReportSkeleton(context, skeleton, binary.Syntax);
    }

    /// <summary>Reports the findings of a whole string: on their own text where it is written out in one piece, else on the whole expression.</summary>
    private static void ReportSkeleton(OperationAnalysisContext context, Skeleton skeleton, SyntaxNode whole)
    {
        var value = skeleton.ToString();
        if (PlainTextEndpointText.Inspect(value) is not { } findings)
        {
            return;
        }

        var tree = whole.SyntaxTree;
        foreach (var finding in findings)
        {
            if (skeleton.IsReportedAlone(finding.Start, finding.Length))
            {
                continue;
            }

            var span = IsWholeValue(finding, value) ? null : skeleton.Map(finding.Start, finding.Length);
            var edit = finding.EditText is null ? null : skeleton.Map(finding.EditStart, finding.EditLength);
            Report(
                context,
                span is { } part ? Location.Create(tree, part) : whole.GetLocation(),
                finding,
                edit is { } editSpan ? Location.Create(tree, editSpan) : null);
        }
    }

    /// <summary>Cheap filter: text that could start a URL, hold a connection-string setting or name a Redis host.</summary>
    private static bool MayHoldFinding(string text)
        => text.IndexOf("http:", System.StringComparison.OrdinalIgnoreCase) >= 0
           || text.IndexOf('=') >= 0
           || text.IndexOf(".redis.", System.StringComparison.OrdinalIgnoreCase) >= 0;

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

    /// <summary>
    /// The text of an interpolated or concatenated string with holes for its non-constant parts, remembering which
    /// source token spelled each constant piece so a finding can be placed on (and a fix can edit) its own text.
    /// </summary>
    private sealed class Skeleton
    {
        private readonly StringBuilder _text = new();
        private readonly List<Piece> _pieces = new();

        public int Length => _text.Length;

        public void Add(string text, SyntaxToken? token, bool isLiteral, bool reportedAlone)
        {
            _pieces.Add(new Piece(_text.Length, text, token, isLiteral, reportedAlone));
            _text.Append(text);
        }

        public override string ToString() => _text.ToString();

        public bool IsReportedAlone(int start, int length)
            => Find(start, length) is { ReportedAlone: true };

        /// <summary>The source span of [start, start + length) when it lies in one piece written out in source; else null.</summary>
        public TextSpan? Map(int start, int length)
        {
            if (Find(start, length) is not { Token: { } token } piece)
            {
                return null;
            }

            var offset = start - piece.Start;
            if (piece.IsLiteral)
            {
                return StringLiteralText.SourceSpan(token, piece.Text, offset, length);
            }

            // An interpolated string's text token spells its value unless it holds escapes ("{{", "\t").
            return token.Text == piece.Text ? new TextSpan(token.SpanStart + offset, length) : null;
        }

        private Piece? Find(int start, int length)
        {
            foreach (var piece in _pieces)
            {
                // An insertion at a boundary between two pieces goes into the one written out in source.
                if (start >= piece.Start && start + length <= piece.Start + piece.Text.Length && (length > 0 || piece.Token is not null))
                {
                    return piece;
                }
            }

            return null;
        }

        private sealed class Piece
        {
            public Piece(int start, string text, SyntaxToken? token, bool isLiteral, bool reportedAlone)
            {
                Start = start;
                Text = text;
                Token = token;
                IsLiteral = isLiteral;
                ReportedAlone = reportedAlone;
            }

            public int Start { get; }

            public string Text { get; }

            public SyntaxToken? Token { get; }

            public bool IsLiteral { get; }

            public bool ReportedAlone { get; }
        }
    }
}

using System.Globalization;
using System.Text;
using AzSecAnalyzers.Infrastructure.Symbols;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>How a query-injection fix treats the values of the query text.</summary>
internal enum QueryHoleStyle
{
    /// <summary>Each value becomes an <c>@name</c> placeholder and a parameter (Cosmos <c>WithParameter</c>, <c>SqlCommand.Parameters</c>).</summary>
    Placeholder,

    /// <summary>The values stay interpolation holes of a string the SDK escapes or parameterizes (<c>CreateQueryFilter</c>, <c>SearchFilter.Create</c>, EF <c>FromSql</c>).</summary>
    KeepHole,
}

/// <summary>
/// Query text written as an interpolated string (or a concatenation of literals and values, read as one)
/// split into literal text and values, and rewritten so no value is spliced into the text: each value
/// either becomes an <c>@name</c> placeholder or stays a hole of a string an SDK helper escapes. The
/// quotes the text put around a string value (<c>'{id}'</c>) are removed. Anything the rewrite cannot
/// keep equivalent (a value inside a quoted pattern like <c>'%{x}%'</c>, a string value outside quotes
/// that is a fragment or identifier, a format clause) makes <see cref="Rewrite"/> answer null.
/// </summary>
internal sealed partial class QueryTemplate
{
    private readonly string _prefix;
    private readonly string _suffix;
    private readonly bool _raw;
    private readonly bool _verbatim;
    private readonly List<Segment> _segments;

    private QueryTemplate(string prefix, string suffix, bool raw, bool verbatim, List<Segment> segments)
    {
        _prefix = prefix;
        _suffix = suffix;
        _raw = raw;
        _verbatim = verbatim;
        _segments = segments;
    }

    /// <summary>The template of <paramref name="expression"/> when it is an interpolated string or a string concatenation; otherwise null.</summary>
    public static QueryTemplate? From(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression switch
        {
            InterpolatedStringExpressionSyntax interpolated => FromInterpolated(interpolated, model, cancellationToken),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression) => FromConcatenation(binary, model, cancellationToken),
            _ => null,
        };
    }

    /// <summary>The rewritten string expression and the parameters (name with <c>@</c>, value) to pass; null when the rewrite cannot stay equivalent.</summary>
    public QueryRewrite? Rewrite(QueryHoleStyle style, bool inlineConstants, bool typedQuotePrefixes, ICollection<string> allowedQuotedTypes)
    {
        var parameters = new List<QueryParameter>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in _segments)
        {
            if (segment.Hole is null)
            {
                CollectExistingParameterNames(segment.Text, used);
            }
        }

        // Work on a mutable copy of the literal parts: quote removal edits the neighbours of a hole.
        var parts = new List<string?>(_segments.Count);
        foreach (var segment in _segments)
        {
            parts.Add(segment.Hole is null ? segment.Text : null);
        }

        var output = new string?[_segments.Count];
        var holesLeft = 0;
        var quotes = 0;
        for (var i = 0; i < _segments.Count; i++)
        {
            var segment = _segments[i];
            if (segment.Hole is not { } hole)
            {
                continue;
            }

            quotes += CountQuotes(PreviousText(parts, i));
            var inQuotes = quotes % 2 == 1;
            if (hole.Constant.HasValue)
            {
                if (inlineConstants)
                {
                    if (Escape(Convert.ToString(hole.Constant.Value, CultureInfo.InvariantCulture) ?? string.Empty) is not { } inlined)
                    {
                        return null;
                    }

                    output[i] = inlined;
                }
                else
                {
                    output[i] = hole.Source;
                    holesLeft++;
                }

                continue;
            }

            if (hole.HasFormatOrAlignment || !RemoveQuotes(parts, i, hole, inQuotes, typedQuotePrefixes, allowedQuotedTypes))
            {
                return null;
            }

            if (inQuotes)
            {
                quotes++; // the closing quote removed from the next part no longer counts there
            }

            if (style == QueryHoleStyle.KeepHole)
            {
                output[i] = hole.Source;
                holesLeft++;
                continue;
            }

            var key = hole.Expression.ToString();
            var existing = parameters.Find(p => p.Key == key && IsSimpleReference(hole.Expression));
            if (existing is not null)
            {
                output[i] = existing.Name;
                continue;
            }

            var name = UniqueName(BaseName(hole.Expression), used);
            parameters.Add(new QueryParameter(name, hole.Expression, key));
            output[i] = name;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _segments.Count; i++)
        {
            builder.Append(parts[i] ?? output[i]);
        }

        var body = builder.ToString();
        string result;
        if (holesLeft == 0)
        {
            var prefix = _prefix.Replace("$", string.Empty);
            result = prefix + (_raw ? body : body.Replace("{{", "{").Replace("}}", "}")) + _suffix;
        }
        else
        {
            result = _prefix + body + _suffix;
        }

        return new QueryRewrite(SyntaxFactory.ParseExpression(result), parameters);
    }

    private static QueryTemplate? FromInterpolated(InterpolatedStringExpressionSyntax interpolated, SemanticModel model, CancellationToken cancellationToken)
    {
        var start = interpolated.StringStartToken;
        var raw = start.IsKind(SyntaxKind.InterpolatedSingleLineRawStringStartToken) || start.IsKind(SyntaxKind.InterpolatedMultiLineRawStringStartToken);
        var verbatim = start.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken);
        var segments = new List<Segment>(interpolated.Contents.Count);
        var expected = new StringBuilder(start.Text);
        foreach (var content in interpolated.Contents)
        {
            switch (content)
            {
                case InterpolatedStringTextSyntax text:
                    segments.Add(new Segment(text.TextToken.Text, null));
                    expected.Append(text.TextToken.Text);
                    break;
                case InterpolationSyntax interpolation:
                    segments.Add(new Segment(string.Empty, HoleOf(interpolation.Expression, interpolation.ToString(), interpolation.AlignmentClause is not null || interpolation.FormatClause is not null, model, cancellationToken)));
                    expected.Append(interpolation.ToString());
                    break;
            }
        }

        expected.Append(interpolated.StringEndToken.Text);

        // Only rewrite what we can reproduce exactly (raw strings keep their indentation in the tokens).
        return expected.ToString() == interpolated.ToString()
            ? new QueryTemplate(start.Text, interpolated.StringEndToken.Text, raw, verbatim, segments)
            : null;
    }

    private static QueryTemplate? FromConcatenation(BinaryExpressionSyntax concatenation, SemanticModel model, CancellationToken cancellationToken)
    {
        if (model.GetTypeInfo(concatenation, cancellationToken).Type?.SpecialType != SpecialType.System_String)
        {
            return null;
        }

        var operands = new List<ExpressionSyntax>();
        if (!Flatten(concatenation, model, operands, cancellationToken))
        {
            return null;
        }

        var segments = new List<Segment>();
        foreach (var operand in operands)
        {
            switch (operand)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    segments.Add(new Segment(EscapeRegular(literal.Token.ValueText), null));
                    break;
                case InterpolatedStringExpressionSyntax nested when nested.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken):
                    foreach (var content in nested.Contents)
                    {
                        if (content is InterpolatedStringTextSyntax text)
                        {
                            segments.Add(new Segment(text.TextToken.Text, null));
                        }
                        else if (content is InterpolationSyntax interpolation)
                        {
                            segments.Add(new Segment(string.Empty, HoleOf(interpolation.Expression, interpolation.ToString(), interpolation.AlignmentClause is not null || interpolation.FormatClause is not null, model, cancellationToken)));
                        }
                    }

                    break;
                case InterpolatedStringExpressionSyntax:
                    return null;
                default:
                    var inner = operand.WithoutTrivia();
                    var source = inner is ConditionalExpressionSyntax or AssignmentExpressionSyntax or LambdaExpressionSyntax
                        ? "{(" + inner + ")}"
                        : "{" + inner + "}";
                    segments.Add(new Segment(string.Empty, HoleOf(inner, source, false, model, cancellationToken, operand)));
                    break;
            }
        }

        return new QueryTemplate("$\"", "\"", raw: false, verbatim: false, segments);
    }

    /// <summary>The operands of a string concatenation, left to right; walked with a stack, as the chain may have thousands of terms.</summary>
    private static bool Flatten(ExpressionSyntax root, SemanticModel model, List<ExpressionSyntax> operands, CancellationToken cancellationToken)
    {
        var pending = new Stack<ExpressionSyntax>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var expression = pending.Pop();
            if (expression is BinaryExpressionSyntax binary
                && binary.IsKind(SyntaxKind.AddExpression)
                && model.GetTypeInfo(binary, cancellationToken).Type?.SpecialType == SpecialType.System_String)
            {
                // Keep left-to-right order; a left operand that is not itself string-typed (1 + 2 + "x") stays one value.
                pending.Push(binary.Right);
                pending.Push(binary.Left);
                continue;
            }

            while (expression is ParenthesizedExpressionSyntax parenthesized
                   && parenthesized.Expression is LiteralExpressionSyntax or InterpolatedStringExpressionSyntax)
            {
                expression = parenthesized.Expression;
            }

            operands.Add(expression);
        }

        return true;
    }

    private static Hole HoleOf(ExpressionSyntax expression, string source, bool formatted, SemanticModel model, CancellationToken cancellationToken, ExpressionSyntax? bound = null)
    {
        bound ??= expression;
        var type = model.GetTypeInfo(bound, cancellationToken).Type;
        var constant = model.GetConstantValue(bound, cancellationToken);
        return new Hole(expression.WithoutTrivia(), source, formatted, type, constant);
    }

    private bool RemoveQuotes(List<string?> parts, int index, Hole hole, bool inQuotes, bool typedQuotePrefixes, ICollection<string> allowedQuotedTypes)
    {
        var type = hole.Type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        var typeName = type is null ? string.Empty : TypeKey(type);
        if (!inQuotes)
        {
            // A value outside quotes must be a number or a bool: a string there is a fragment or a name, which a parameter cannot replace.
            return ScalarTypes.IsNumberOrBool(hole.Type);
        }

        var before = index > 0 ? parts[index - 1] : null;
        var after = index + 1 < parts.Count ? parts[index + 1] : null;
        if (before is null || after is null || !after.StartsWith("'", StringComparison.Ordinal) || !before.EndsWith("'", StringComparison.Ordinal))
        {
            return false;
        }

        var removeBefore = 1;
        if (typedQuotePrefixes && (typeName is "Guid" or "DateTime" or "DateTimeOffset"))
        {
            var prefix = typeName == "Guid" ? "guid'" : "datetime'";
            if (!before.EndsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            removeBefore = prefix.Length;
        }
        else if (!allowedQuotedTypes.Contains(typeName))
        {
            return false;
        }

        if (before.Length >= removeBefore + 1 && before[before.Length - removeBefore - 1] == '\\' && !_verbatim && !_raw)
        {
            return false; // \'…\' : an escaped quote we do not try to reason about
        }

        parts[index - 1] = before.Substring(0, before.Length - removeBefore);
        parts[index + 1] = after.Substring(1);
        return true;
    }

    private static string TypeKey(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_String => "string",
        SpecialType.System_Char => "char",
        SpecialType.System_DateTime => "DateTime",
        _ => type.ContainingNamespace?.ToDisplayString() == "System" ? type.Name : type.ToDisplayString(),
    };

    private sealed class Segment
    {
        public Segment(string text, Hole? hole)
        {
            Text = text;
            Hole = hole;
        }

        public string Text { get; }

        public Hole? Hole { get; }
    }

    private sealed class Hole
    {
        public Hole(ExpressionSyntax expression, string source, bool hasFormatOrAlignment, ITypeSymbol? type, Optional<object?> constant)
        {
            Expression = expression;
            Source = source;
            HasFormatOrAlignment = hasFormatOrAlignment;
            Type = type;
            Constant = constant;
        }

        public ExpressionSyntax Expression { get; }

        public string Source { get; }

        public bool HasFormatOrAlignment { get; }

        public ITypeSymbol? Type { get; }

        public Optional<object?> Constant { get; }
    }
}

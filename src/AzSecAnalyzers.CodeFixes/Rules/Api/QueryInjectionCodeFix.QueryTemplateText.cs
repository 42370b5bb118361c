using System.Globalization;
using System.Text;

namespace AzSecAnalyzers.CodeFixes.Rules.Api;

/// <summary>Text helpers of <see cref="QueryTemplate"/>: quotes, escaping, parameter names.</summary>
internal sealed partial class QueryTemplate
{
    // Characters that cannot be written back verbatim inside the rewritten literal.
    private static readonly char[] UnsafeInLiteral = { '{', '}', '"', '\n', '\r' };

    private static string PreviousText(List<string?> parts, int index)
    {
        var builder = new StringBuilder();
        for (var i = index - 1; i >= 0 && parts[i] is { } text; i--)
        {
            builder.Insert(0, text);
        }

        return builder.ToString();
    }

    private static int CountQuotes(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c == '\'')
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A constant's text written into the literal part of this kind of string, or null when it cannot be written safely.</summary>
    private string? Escape(string value)
    {
        if (_raw)
        {
            return value.IndexOfAny(UnsafeInLiteral) >= 0 ? null : value;
        }

        if (_verbatim)
        {
            return value.Replace("\"", "\"\"").Replace("{", "{{").Replace("}", "}}");
        }

        return EscapeRegular(value);
    }

    /// <summary>Text as the literal part of a regular <c>$"…"</c> string.</summary>
    private static string EscapeRegular(string value)
    {
        var literal = SymbolDisplay.FormatLiteral(value, quote: true);
        return literal.Substring(1, literal.Length - 2).Replace("{", "{{").Replace("}", "}}");
    }

    private static void CollectExistingParameterNames(string text, HashSet<string> used)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@')
            {
                continue;
            }

            var end = i + 1;
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                end++;
            }

            if (end > i + 1)
            {
                used.Add(text.Substring(i, end - i));
            }
        }
    }

    private static bool IsSimpleReference(ExpressionSyntax expression)
    {
        while (expression is MemberAccessExpressionSyntax member)
        {
            expression = member.Expression;
        }

        return expression is IdentifierNameSyntax or ThisExpressionSyntax;
    }

    private static string BaseName(ExpressionSyntax expression)
    {
        // items[0], (string)value: named after what is indexed or cast, unwrapped in a loop.
        while (expression is ElementAccessExpressionSyntax or CastExpressionSyntax)
        {
            expression = expression is ElementAccessExpressionSyntax element ? element.Expression : ((CastExpressionSyntax)expression).Expression;
        }

        var name = expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => StripGet(member.Name.Identifier.ValueText),
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax identifier } => StripGet(identifier.Identifier.ValueText),
            _ => string.Empty,
        };

        var builder = new StringBuilder();
        foreach (var c in name)
        {
            if (c < 128 && (char.IsLetterOrDigit(c) || c == '_'))
            {
                builder.Append(builder.Length == 0 ? char.ToLowerInvariant(c) : c);
            }
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]) || builder[0] == '_')
        {
            builder.Insert(0, 'p');
        }

        return builder.ToString();
    }

    private static string StripGet(string name)
        => name.Length > 3 && name.StartsWith("Get", StringComparison.Ordinal) && char.IsUpper(name[3]) ? name.Substring(3) : name;

    private static string UniqueName(string baseName, HashSet<string> used)
    {
        var name = "@" + baseName;
        for (var suffix = 2; !used.Add(name); suffix++)
        {
            name = "@" + baseName + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}

/// <summary>One value a rewritten query passes as a parameter.</summary>
internal sealed class QueryParameter
{
    public QueryParameter(string name, ExpressionSyntax value, string key)
    {
        Name = name;
        Value = value;
        Key = key;
    }

    /// <summary>The placeholder, with its <c>@</c>.</summary>
    public string Name { get; }

    public ExpressionSyntax Value { get; }

    internal string Key { get; }
}

/// <summary>The result of <see cref="QueryTemplate.Rewrite"/>.</summary>
internal sealed class QueryRewrite
{
    public QueryRewrite(ExpressionSyntax text, IReadOnlyList<QueryParameter> parameters)
    {
        Text = text;
        Parameters = parameters;
    }

    /// <summary>The new query text: a plain string literal, or an interpolated string whose holes are safe.</summary>
    public ExpressionSyntax Text { get; }

    public IReadOnlyList<QueryParameter> Parameters { get; }
}

using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class StringLiteralTextTests
{
    [Theory]
    [InlineData("\"a=b;c=d\"", 1)]
    [InlineData("@\"C:\\data;x=y\"", 2)]
    [InlineData("\"\"\"raw \"quoted\" text\"\"\"", 3)]
    public void LiteralsSpellingTheirValue_MapToTheFirstValueCharacter(string literal, int prefix)
    {
        var token = Literal(literal, out var start);
        Assert.Equal(start + prefix, StringLiteralText.ValueStart(token, (string)token.Value!));
    }

    [Theory]
    [InlineData("\"a\\tb\"")]
    [InlineData("\"a\\\\b\"")]
    [InlineData("@\"say \"\"hi\"\"\"")]
    [InlineData("\"\"\"\n    multi\n    line\n    \"\"\"")]
    public void LiteralsWithEscapesOrLayout_DoNotMap(string literal)
    {
        var token = Literal(literal, out _);
        Assert.Equal(-1, StringLiteralText.ValueStart(token, (string)token.Value!));
    }

    [Theory]
    [InlineData("\"a\\tb;ssl=false\"", "false", 10)]
    [InlineData("\"\\u0041;ssl=false\"", "false", 12)]
    [InlineData("\"\\x41;ssl=false\"", "false", 10)]
    [InlineData("@\"\"\"q\"\";ssl=false\"", "false", 12)]
    [InlineData("\"a;ssl=false\"", "false", 7)]
    public void SourceSpan_ReadsThroughEscapes(string literal, string part, int expectedOffset)
    {
        var token = Literal(literal, out var start);
        var value = (string)token.Value!;
        var span = StringLiteralText.SourceSpan(token, value, value.IndexOf(part, StringComparison.Ordinal), part.Length);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(start + expectedOffset, part.Length), span);
    }

    [Fact]
    public void SourceSpan_SplittingASurrogatePairOrAMultiLineRawLiteral_DoesNotMap()
    {
        var pair = Literal("\"\\U0001F600x\"", out _);
        Assert.Null(StringLiteralText.SourceSpan(pair, (string)pair.Value!, 1, 2));
        var raw = Literal("\"\"\"\n    ssl=false\n    \"\"\"", out _);
        Assert.Null(StringLiteralText.SourceSpan(raw, (string)raw.Value!, 4, 5));
    }

    private static Microsoft.CodeAnalysis.SyntaxToken Literal(string literal, out int start)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { string s = " + literal + "; }", new CSharpParseOptions(LanguageVersion.CSharp12));
        var node = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single();
        start = node.SpanStart;
        return node.Token;
    }
}

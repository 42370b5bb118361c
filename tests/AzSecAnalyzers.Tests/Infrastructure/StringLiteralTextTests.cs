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

    private static Microsoft.CodeAnalysis.SyntaxToken Literal(string literal, out int start)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { string s = " + literal + "; }", new CSharpParseOptions(LanguageVersion.CSharp12));
        var node = tree.GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>().Single();
        start = node.SpanStart;
        return node.Token;
    }
}

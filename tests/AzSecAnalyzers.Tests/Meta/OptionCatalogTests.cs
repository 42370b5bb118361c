using System.Text.RegularExpressions;
using AzSecAnalyzers.Infrastructure.Options;

namespace AzSecAnalyzers.Tests.Meta;

/// <summary>
/// Keeps the option registry and the rule pages in step: a defined option is documented on the page of
/// every rule that reads it, and a page documents no <c>azsec.</c> key the code does not define.
/// </summary>
public class OptionCatalogTests
{
    private static readonly Regex OptionKey = new(@"azsec\.(?:(?<rule>AZSEC\d{3})\.)?(?<key>[a-z][a-z0-9_]*)", RegexOptions.CultureInvariant);

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var option in AzSecOptionDefinitions.All)
        {
            data.Add(option.Key);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void DefinedOption_IsDocumentedOnEachOfItsRulePages(string key)
    {
        var option = Assert.Single(AzSecOptionDefinitions.All, o => o.Key == key);
        Assert.NotEmpty(option.RuleIds);
        Assert.Matches("^[a-z][a-z0-9_]*$", key);
        foreach (var id in option.RuleIds)
        {
            var page = File.ReadAllText(TestPaths.RulePage(id));
            Assert.True(
                page.Contains("azsec." + key, StringComparison.Ordinal) || page.Contains("azsec." + id + "." + key, StringComparison.Ordinal),
                $"docs/rules/{id}.md does not document azsec.{key} (or azsec.{id}.{key})");
        }
    }

    [Fact]
    public void EveryOptionKeyOnARulePage_IsDefinedForThatRule()
    {
        var pages = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "docs", "rules"), "AZSEC*.md");
        Assert.NotEmpty(pages);
        var found = 0;
        foreach (var page in pages)
        {
            var pageId = Path.GetFileNameWithoutExtension(page);
            foreach (Match match in OptionKey.Matches(File.ReadAllText(page)))
            {
                found++;
                var key = match.Groups["key"].Value;
                var option = AzSecOptionDefinitions.All.SingleOrDefault(o => o.Key == key);
                Assert.True(option is not null, $"docs/rules/{pageId}.md documents {match.Value}, which no AzSecOptionDefinitions entry defines");
                Assert.Contains(pageId, option!.RuleIds);
                if (match.Groups["rule"].Success)
                {
                    Assert.Contains(match.Groups["rule"].Value, option.RuleIds);
                }
            }
        }

        // The pages do document options today; a regex that matches nothing would make this test vacuous.
        Assert.True(found > 0);
    }

    [Fact]
    public void Keys_AreUnique()
        => Assert.Equal(AzSecOptionDefinitions.All.Length, AzSecOptionDefinitions.All.Select(o => o.Key).Distinct(StringComparer.Ordinal).Count());
}

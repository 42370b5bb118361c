using System.Text;
using System.Text.RegularExpressions;
using AzSecAnalyzers.Tests.Meta;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>One analysis case: the documents of a project, and its additional (configuration) files.</summary>
public sealed record RobustnessCase(string Name, IReadOnlyList<(string Path, string Text)> Documents, IReadOnlyList<(string Path, string Text)> AdditionalFiles)
{
    public static RobustnessCase Single(string name, string text) => new(name, new[] { (name + ".cs", text) }, Array.Empty<(string, string)>());

    public override string ToString() => Name;
}

/// <summary>
/// The C# the robustness suite starts from: every sample app file and every C# snippet in the rule
/// tests (the raw string literals of tests/…/Rules, markup removed), so each new rule's own test
/// cases are mutated without anyone listing them.
/// </summary>
internal static partial class SeedCorpus
{
    public static IReadOnlyList<(string Name, string Text)> Load()
    {
        var seeds = new List<(string, string)>();
        var samples = Path.Combine(TestPaths.RepositoryRoot, "samples");
        foreach (var file in Directory.GetFiles(samples, "*.cs", SearchOption.AllDirectories).Where(IsSource).OrderBy(f => f, StringComparer.Ordinal))
        {
            seeds.Add((Path.GetRelativePath(TestPaths.RepositoryRoot, file), File.ReadAllText(file)));
        }

        var rules = Path.Combine(TestPaths.RepositoryRoot, "tests", "AzSecAnalyzers.Tests", "Rules");
        foreach (var file in Directory.GetFiles(rules, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var index = 0;
            foreach (Match match in RawString().Matches(File.ReadAllText(file)))
            {
                var snippet = Unindent(match.Groups["body"].Value);
                if (snippet.Contains("class ", StringComparison.Ordinal) || snippet.Contains("using ", StringComparison.Ordinal))
                {
                    seeds.Add(($"{Path.GetFileNameWithoutExtension(file)}#{index++}", Markup().Replace(snippet, string.Empty)));
                }
            }
        }

        return seeds;
    }

    private static bool IsSource(string path)
        => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
           && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>Removes the indentation a raw string literal's closing quotes imply.</summary>
    private static string Unindent(string body)
    {
        var lines = body.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
        var builder = new StringBuilder();
        foreach (var line in lines)
        {
            builder.Append(line.Length >= indent ? line[indent..] : line.TrimStart(' ')).Append('\n');
        }

        return builder.ToString();
    }

    [GeneratedRegex("\"\"\"\\s*\\n(?<body>.*?)\\n\\s*\"\"\"", RegexOptions.Singleline)]
    private static partial Regex RawString();

    // {|#0:  {|AZSEC301:  |}  [|  |]
    [GeneratedRegex(@"\{\|[^:|]*:|\|\}|\[\||\|\]")]
    private static partial Regex Markup();
}

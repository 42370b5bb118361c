using System.Text;
using System.Text.RegularExpressions;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// Small glob matcher for rule ids (<c>AZSEC1*</c>) and relative paths (<c>**/Generated/**</c>):
/// <c>**</c> crosses folders, <c>*</c> and <c>?</c> do not. Case-insensitive.
/// A path pattern without a slash matches a file or folder name at any depth, as in .gitignore.
/// </summary>
internal sealed class Glob
{
    private readonly Regex _regex;

    private Glob(Regex regex) => _regex = regex;

    public static Glob ForRuleId(string pattern) => new(Compile(pattern, pathMode: false));

    public static Glob ForPath(string pattern)
    {
        pattern = pattern.Replace('\\', '/').TrimStart('/');
        if (pattern.StartsWith("./", StringComparison.Ordinal))
        {
            pattern = pattern[2..];
        }

        if (!pattern.Contains('/', StringComparison.Ordinal))
        {
            pattern = "**/" + pattern;
        }

        if (pattern.EndsWith('/'))
        {
            pattern += "**";
        }

        return new(Compile(pattern, pathMode: true));
    }

    public bool IsMatch(string text) => _regex.IsMatch(text);

    /// <summary>True when the relative path or any of its parent folders matches.</summary>
    public bool IsPathOrParentMatch(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (true)
        {
            if (_regex.IsMatch(path))
            {
                return true;
            }

            var slash = path.LastIndexOf('/');
            if (slash <= 0)
            {
                return false;
            }

            path = path[..slash];
        }
    }

    private static Regex Compile(string pattern, bool pathMode)
    {
        var builder = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && pathMode && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slashFollows = i + 2 < pattern.Length && pattern[i + 2] == '/';
                builder.Append(slashFollows ? "(?:.*/)?" : ".*");
                i += slashFollows ? 2 : 1;
            }
            else if (c == '*')
            {
                builder.Append(pathMode ? "[^/]*" : ".*");
            }
            else if (c == '?')
            {
                builder.Append(pathMode ? "[^/]" : ".");
            }
            else
            {
                builder.Append(Regex.Escape(c.ToString()));
            }
        }

        builder.Append('$');
        return new Regex(builder.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}

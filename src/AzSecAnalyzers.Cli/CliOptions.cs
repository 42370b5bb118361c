using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace AzSecAnalyzers.Cli;

internal enum OutputFormat
{
    Text,
    Sarif,
    Json,
}

/// <summary>
/// The parsed command line, read with System.CommandLine (help, <c>@file</c> response files, typo suggestions,
/// <c>--option=value</c> and <c>--option:value</c>). <see cref="Parse"/> never throws: errors come back as <see cref="Error"/>.
/// </summary>
internal sealed class CliOptions
{
    private readonly ParseResult _parsed;

    private CliOptions(ParseResult parsed) => _parsed = parsed;

    public string Target { get; private set; } = ".";

    public OutputFormat Format { get; private set; } = OutputFormat.Text;

    public string? OutputFile { get; private set; }

    /// <summary>The lowest severity that makes the exit code 1; <c>null</c> means findings never fail the run.</summary>
    public Severity? Threshold { get; private set; } = Severity.Warning;

    public List<string> RulePatterns { get; } = new();

    public List<string> ExcludePatterns { get; } = new();

    public bool Fix { get; private set; }

    public string? BaselineFile { get; private set; }

    public bool ShowHelp { get; private set; }

    public bool ShowVersion { get; private set; }

    /// <summary>One line, without the "azsec: " prefix; <c>null</c> when the command line is usable.</summary>
    public string? Error { get; private set; }

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var command = new AzsecCommand();
        var options = new CliOptions(command.Root.Parse(args));
        var parsed = options._parsed;
        options.ShowVersion = parsed.Action is { } version && version == command.Version.Action;

        // Help, and the directives System.CommandLine answers itself ([suggest] for shell completion).
        options.ShowHelp = parsed.Action is { } action && !options.ShowVersion && action is not ParseErrorAction;
        options.Error = FirstError(parsed, command);
        if (options.Error is not null || options.ShowHelp || options.ShowVersion)
        {
            return options; // the values of a command line with errors cannot be read
        }

        options.Target = parsed.GetValue(command.Path) ?? ".";
        options.Format = parsed.GetValue(command.Format);
        options.OutputFile = parsed.GetValue(command.Output);
        options.Threshold = parsed.GetResult(command.Threshold) is null ? Severity.Warning : parsed.GetValue(command.Threshold)?.Severity;
        options.RulePatterns.AddRange(parsed.GetValue(command.Rules) ?? new List<string>());
        options.ExcludePatterns.AddRange(parsed.GetValue(command.Exclude) ?? new List<string>());
        options.Fix = parsed.GetValue(command.Fix);
        options.BaselineFile = parsed.GetValue(command.Baseline);
        return options;
    }

    /// <summary>
    /// System.CommandLine's help for azsec, followed by the sections it has no place for; or what a directive
    /// such as [suggest] answers.
    /// </summary>
    public void WriteHelp(TextWriter output) => _parsed.Invoke(new InvocationConfiguration { Output = output, Error = output });

    /// <summary>
    /// The first problem as one line. An unknown option gets System.CommandLine's "did you mean" candidates; a
    /// second path gets the sentence it always had rather than a list of options that look like a file name.
    /// </summary>
    private static string? FirstError(ParseResult parsed, AzsecCommand command)
    {
        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        var unmatched = parsed.UnmatchedTokens;
        if (unmatched.FirstOrDefault(LooksLikeOption) is { } unknown)
        {
            // "--fromat=json": the option is the part before the value.
            var name = unknown.Split('=', ':')[0];
            var suggestions = TypoCorrections(name == unknown ? parsed : command.Root.Parse(new[] { name }), name);
            var hint = suggestions.Count == 0 ? string.Empty : $" Did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?";
            return $"Unknown option '{name}'.{hint} Run azsec --help for the list.";
        }

        if (unmatched.Count > 0)
        {
            var first = parsed.GetResult(command.Path)?.Tokens is { Count: > 0 } tokens ? tokens[0].Value : null;
            return $"Only one solution, project or folder can be scanned at a time (got '{first}' and '{unmatched[0]}').";
        }

        return parsed.Errors[0].Message;
    }

    private static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    /// <summary>
    /// The candidates System.CommandLine's parse-error action proposes for <paramref name="token"/>. It writes, per
    /// unmatched token, a (localized) message line naming the token, then one candidate alias per line.
    /// </summary>
    private static List<string> TypoCorrections(ParseResult parsed, string token)
    {
        if (parsed.Action is not ParseErrorAction action)
        {
            return new List<string>();
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var output = new StringWriter();
        parsed.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null });
        var aliases = parsed.RootCommandResult.Command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<string>();
        var forToken = false;
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!aliases.Contains(line))
            {
                forToken = line.Contains(token, StringComparison.Ordinal);
            }
            else if (forToken && !candidates.Contains(line, StringComparer.Ordinal))
            {
                candidates.Add(line);
            }
        }

        return candidates;
    }

    /// <summary>The command's shape: every option, its aliases, its help and how its value is read.</summary>
    private sealed class AzsecCommand
    {
        public AzsecCommand()
        {
            Root = new RootCommand("azsec: scan C# code for insecure Azure and ASP.NET Core patterns with the AzSecAnalyzers rules.");
            Root.Arguments.Add(Path);
            foreach (var option in new Option[] { Format, Output, Threshold, Rules, Exclude, Fix, Baseline })
            {
                Root.Options.Add(option);
            }

            Version = Root.Options.OfType<VersionOption>().Single();
            Help = Root.Options.OfType<HelpOption>().Single();
            Help.Action = new HelpWithNotes(Help.Action!);
        }

        public RootCommand Root { get; }

        public VersionOption Version { get; }

        public HelpOption Help { get; }

        public Argument<string?> Path { get; } = new("path")
        {
            Description = "A .sln, .slnx or .csproj file, or a folder. A folder with exactly one solution is scanned "
                + "through it; otherwise every .csproj under it is. Default: the current folder.",
            Arity = ArgumentArity.ZeroOrOne,

            // A token like "--formt" is an unknown option, not a path: left unmatched, it gets typo corrections.
            CustomParser = result =>
            {
                if (result.Tokens.Count > 0 && LooksLikeOption(result.Tokens[0].Value))
                {
                    result.OnlyTake(0);
                    return null;
                }

                return result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            },
        };

        public Option<OutputFormat> Format { get; } = new("--format", "-f")
        {
            Description = "text (default), sarif or json.",
            HelpName = "format",
            CustomParser = result => ValueOf(result).ToLowerInvariant() switch
            {
                "text" => OutputFormat.Text,
                "sarif" => OutputFormat.Sarif,
                "json" => OutputFormat.Json,
                _ => Invalid<OutputFormat>(result, $"Unknown format '{ValueOf(result)}': use text, sarif or json."),
            },
        };

        public Option<string?> Output { get; } = new("--output", "-o")
        {
            Description = "Write the report, in the chosen format, to <file>; the text report still goes to standard output.",
            HelpName = "file",
        };

        public Option<ThresholdLevel?> Threshold { get; } = new("--severity-threshold")
        {
            Description = "error, warning (default), info or none: the exit code is 1 when a finding has this severity "
                + "or a higher one. none never fails on findings.",
            HelpName = "severity",
            CustomParser = result =>
            {
                var level = ValueOf(result);
                if (level.Equals("none", StringComparison.OrdinalIgnoreCase))
                {
                    return new ThresholdLevel(null);
                }

                return SeverityNames.TryParse(level, out var severity)
                    ? new ThresholdLevel(severity)
                    : Invalid<ThresholdLevel?>(result, $"Unknown severity '{level}': use error, warning, info or none.");
            },
        };

        public Option<List<string>> Rules { get; } = new("--rules")
        {
            Description = "Only these rules, e.g. AZSEC1* or AZSEC301,AZSEC5*. Repeatable.",
            HelpName = "patterns",
            CustomParser = SplitLists,
        };

        public Option<List<string>> Exclude { get; } = new("--exclude")
        {
            Description = "Skip files and projects whose path (relative to the scanned folder) matches, e.g. "
                + "\"**/Generated/**\" or \"tests/**\". Repeatable.",
            HelpName = "globs",
            CustomParser = SplitLists,
        };

        public Option<bool> Fix { get; } = new("--fix")
        {
            Description = "Apply every available code fix (Fix All), report what changed, then report what is left. "
                + "Files outside the scanned folder are never written.",
        };

        public Option<string?> Baseline { get; } = new("--baseline")
        {
            Description = "Report only findings that are not in an earlier SARIF report.",
            HelpName = "sarif",
        };

        private static string ValueOf(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;

        private static T Invalid<T>(ArgumentResult result, string message)
        {
            result.AddError(message);
            return default!;
        }

        private static readonly char[] ListSeparators = { ',', ';' };

        /// <summary>"--rules A,B --rules C;D" is four patterns: each occurrence may hold a list.</summary>
        private static List<string> SplitLists(ArgumentResult result)
            => result.Tokens
                .SelectMany(t => t.Value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .ToList();

    }

    /// <summary>A parsed --severity-threshold: "none" is a value, not the absence of one.</summary>
    private sealed record ThresholdLevel(Severity? Severity);

    /// <summary>System.CommandLine's generated help, then what a list of options cannot say.</summary>
    private sealed class HelpWithNotes(CommandLineAction generated) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = generated is SynchronousCommandLineAction help ? help.Invoke(parseResult) : 0;
            parseResult.InvocationConfiguration.Output.WriteLine(Notes);
            return result;
        }
    }

    private const string Notes = """
        Arguments can also come from a response file: azsec @azsec.rsp reads one or more arguments per
        line (# starts a comment), as dotnet and MSBuild do.

        Severities come from the projects' own .editorconfig / .globalconfig files, as in a build;
        findings at hidden severity (and rules turned off) are not reported. Projects must be restored
        (dotnet restore) first.

        Exit codes: 0 no finding at or above the threshold; 1 findings at or above the threshold;
                    2 usage error, or a project that failed to load (reported by name; the others
                    are still scanned). 2 wins over 1.

        Progress: on a terminal, a live display on standard error; when standard error is redirected
        (CI), one line every 15 seconds while loading or analysing takes long (AZSEC_PROGRESS_INTERVAL
        sets the seconds, 0 turns it off). Colours only on a terminal, never with NO_COLOR set; redirected
        output is plain text.

        Examples:
          azsec MyApp.sln
          azsec src --rules AZSEC1*,AZSEC2* --exclude "**/Migrations/**"
          azsec MyApp.sln --format sarif --output azsec.sarif --severity-threshold error
          azsec MyApp.sln --baseline main.sarif
          azsec MyApp.sln --fix
          azsec @ci.rsp
        """;
}

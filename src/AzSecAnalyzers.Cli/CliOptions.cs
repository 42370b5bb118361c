namespace AzSecAnalyzers.Cli;

internal enum OutputFormat
{
    Text,
    Sarif,
    Json,
}

/// <summary>The parsed command line. <see cref="Parse"/> never throws: errors come back as <see cref="Error"/>.</summary>
internal sealed class CliOptions
{
    private static readonly char[] ListSeparators = { ',', ';' };

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

    public string? Error { get; private set; }

    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        string? target = null;
        for (var i = 0; i < args.Count && options.Error is null; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var eq)
            {
                inlineValue = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            string? Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                options.Error = $"Option {arg} needs a value.";
                return null;
            }

            switch (arg)
            {
                case "-h" or "--help" or "-?":
                    options.ShowHelp = true;
                    break;
                case "--version":
                    options.ShowVersion = true;
                    break;
                case "-f" or "--format":
                    if (Value() is { } format)
                    {
                        options.Format = format.ToLowerInvariant() switch
                        {
                            "text" => OutputFormat.Text,
                            "sarif" => OutputFormat.Sarif,
                            "json" => OutputFormat.Json,
                            _ => options.Fail<OutputFormat>($"Unknown format '{format}': use text, sarif or json."),
                        };
                    }

                    break;
                case "-o" or "--output":
                    options.OutputFile = Value();
                    break;
                case "--severity-threshold":
                    if (Value() is { } level)
                    {
                        if (level.Equals("none", StringComparison.OrdinalIgnoreCase))
                        {
                            options.Threshold = null;
                        }
                        else if (SeverityNames.TryParse(level, out var severity))
                        {
                            options.Threshold = severity;
                        }
                        else
                        {
                            options.Error = $"Unknown severity '{level}': use error, warning, info or none.";
                        }
                    }

                    break;
                case "--rules":
                    AddList(options.RulePatterns, Value());
                    break;
                case "--exclude":
                    AddList(options.ExcludePatterns, Value());
                    break;
                case "--fix":
                    options.Fix = true;
                    break;
                case "--baseline":
                    options.BaselineFile = Value();
                    break;
                default:
                    if (arg.StartsWith('-') && arg.Length > 1)
                    {
                        options.Error = $"Unknown option '{arg}'. Run azsec --help for the list.";
                    }
                    else if (target is not null)
                    {
                        options.Error = $"Only one solution, project or folder can be scanned at a time (got '{target}' and '{arg}').";
                    }
                    else
                    {
                        target = arg;
                    }

                    break;
            }
        }

        options.Target = target ?? ".";
        return options;
    }

    private T Fail<T>(string error)
    {
        Error = error;
        return default!;
    }

    private static void AddList(List<string> list, string? value)
    {
        if (value is null)
        {
            return;
        }

        list.AddRange(value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    public const string HelpText = """
        azsec: scan C# code for insecure Azure and ASP.NET Core patterns with the AzSecAnalyzers rules.

        Usage: azsec [<path>] [options]

          <path>                     A .sln, .slnx or .csproj file, or a folder. A folder with exactly one
                                     solution is scanned through it; otherwise every .csproj under it is.
                                     Default: the current folder.

        Options:
          -f, --format <format>      text (default), sarif or json.
          -o, --output <file>        Write the report, in the chosen format, to <file>; the text report
                                     still goes to standard output.
          --severity-threshold <s>   error, warning (default), info or none: the exit code is 1 when a
                                     finding has this severity or a higher one. none never fails on findings.
          --rules <patterns>         Only these rules, e.g. AZSEC1* or AZSEC301,AZSEC5*. Repeatable.
          --exclude <globs>          Skip files and projects whose path (relative to the scanned folder)
                                     matches, e.g. "**/Generated/**" or "tests/**". Repeatable.
          --fix                      Apply every available code fix (Fix All), report what changed, then
                                     report what is left. Files outside the scanned folder are never written.
          --baseline <sarif>         Report only findings that are not in an earlier SARIF report.
          --version                  Print the version.
          -h, --help                 Print this help.

        Severities come from the projects' own .editorconfig / .globalconfig files, as in a build;
        findings at hidden severity (and rules turned off) are not reported. Projects must be restored
        (dotnet restore) first.

        Exit codes: 0 no finding at or above the threshold; 1 findings at or above the threshold;
                    2 usage error, or a project that failed to load (reported by name; the others
                    are still scanned). 2 wins over 1.

        Progress goes to standard error only on a terminal; colours are off when the output is
        redirected or NO_COLOR is set.

        Examples:
          azsec MyApp.sln
          azsec src --rules AZSEC1*,AZSEC2* --exclude "**/Migrations/**"
          azsec MyApp.sln --format sarif --output azsec.sarif --severity-threshold error
          azsec MyApp.sln --baseline main.sarif
          azsec MyApp.sln --fix
        """;
}

using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// Entry point. No MSBuild or workspace type may appear here: MSBuildLocator has to register the SDK's
/// MSBuild before the runtime loads any of them, and the JIT resolves a method's types when compiling it.
/// </summary>
internal static class Program
{
    public const int ExitClean = 0;
    public const int ExitFindings = 1;
    public const int ExitError = 2;

    public static async Task<int> Main(string[] args)
    {
        var options = CliOptions.Parse(args);
        if (options.ShowHelp)
        {
            options.WriteHelp(Console.Out);
            return options.Error is null ? ExitClean : ExitError;
        }

        if (options.ShowVersion)
        {
            Console.Out.WriteLine(ScanReport.ToolVersion);
            return ExitClean;
        }

        if (options.Error is not null)
        {
            Console.Error.WriteLine("azsec: " + options.Error);
            return ExitError;
        }

        try
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("azsec: no .NET SDK with MSBuild was found to load projects with: " + e.Message);
            return ExitError;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        return await RunAsync(options, cancellation.Token).ConfigureAwait(false);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> RunAsync(CliOptions options, CancellationToken cancellationToken)
        => new Scanner(options).RunAsync(cancellationToken);
}

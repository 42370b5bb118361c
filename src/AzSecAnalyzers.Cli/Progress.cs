using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Spectre.Console;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// What the tool is doing, on standard error only. On a terminal, a live Spectre.Console display (spinner, step,
/// a bar when the step is counted, elapsed time) that disappears before the report is written. Redirected (CI),
/// a plain line every <see cref="Interval"/> while the work lasts, so a long project load is not minutes of
/// silence; a short run prints nothing. A text may start with "[i/n] ": that is how a step gives its count.
/// </summary>
internal sealed partial class Progress : IDisposable
{
    /// <summary>Seconds between two lines when redirected; 0 turns them off. For CI logs and for the tests.</summary>
    public const string IntervalVariable = "AZSEC_PROGRESS_INTERVAL";

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);

    private readonly object _gate = new();
    private readonly IAnsiConsole? _live;
    private readonly TextWriter? _lines;
    private readonly HashSet<string> _loading = new(StringComparer.OrdinalIgnoreCase);
    private readonly Stopwatch _elapsed = new();
    private HashSet<string>? _expected;
    private string? _current;
    private string? _text;
    private Timer? _timer;
    private LiveDisplay? _display;

    private Progress(IAnsiConsole? live, TextWriter? lines, TimeSpan interval)
    {
        _live = live;
        _lines = lines;
        Interval = interval;
    }

    public TimeSpan Interval { get; }

    public static Progress ForConsole()
    {
        if (!Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb")
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(Console.Error),
                Interactive = InteractionSupport.Yes,
                ColorSystem = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            return new Progress(console, null, Timeout.InfiniteTimeSpan);
        }

        return ForLines(Console.Error, IntervalFromEnvironment());
    }

    /// <summary>Periodic plain lines on <paramref name="output"/>; none when <paramref name="interval"/> is zero.</summary>
    public static Progress ForLines(TextWriter output, TimeSpan interval) => new(null, interval > TimeSpan.Zero ? output : null, interval);

    private static TimeSpan IntervalFromEnvironment()
        => double.TryParse(Environment.GetEnvironmentVariable(IntervalVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds is >= 0 and <= 86_400
            ? TimeSpan.FromSeconds(seconds)
            : DefaultInterval;

    /// <summary>The projects the load was asked to open, when they are known beforehand (not for a solution).</summary>
    public void ExpectProjects(IEnumerable<string> projectPaths)
    {
        lock (_gate)
        {
            _expected = projectPaths.ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// A project being loaded, at one of its steps: counted once however many steps it reports. A project loaded
    /// only because an expected one references it is named as such and not counted.
    /// </summary>
    public void Loading(string projectPath, string? step = null)
    {
        string text;
        lock (_gate)
        {
            var name = Path.GetFileName(projectPath);
            var detail = step is null ? string.Empty : $" ({step})";
            if (_expected is { } expected && !expected.Contains(projectPath))
            {
                text = $"[{_loading.Count}/{expected.Count}] Loading {_current}: reference {name}{detail}";
            }
            else
            {
                _loading.Add(projectPath);
                _current = name;
                var count = _expected is null ? _loading.Count.ToString(CultureInfo.InvariantCulture) : $"{_loading.Count}/{_expected.Count}";
                text = $"[{count}] Loading {name}{detail}";
            }
        }

        Report(text);
    }

    public void Report(string text)
    {
        lock (_gate)
        {
            _text = text;
            if (_live is not null)
            {
                _display ??= LiveDisplay.Start(_live);
                _display.Show(text, Count(text));
            }
            else if (_lines is not null && _timer is null)
            {
                _elapsed.Start();
                _timer = new Timer(_ => Beat(), null, Interval, Interval);
            }
        }
    }

    /// <summary>Ends the display (the line it drew is removed) before anything else is written.</summary>
    /// <summary>Stops the timer and erases the live display, as <see cref="Clear"/> does.</summary>
    public void Dispose() => Clear();

    public void Clear()
    {
        LiveDisplay? display;
        lock (_gate)
        {
            _text = null;
            _timer?.Dispose();
            _timer = null;
            display = _display;
            _display = null;
        }

        display?.Stop();
    }

    private void Beat()
    {
        lock (_gate)
        {
            if (_text is not null && _lines is not null)
            {
                var elapsed = _elapsed.Elapsed;
                _lines.WriteLine($"azsec: still working after {(int)elapsed.TotalMinutes}m{elapsed.Seconds:00}s: {_text}");
                _lines.Flush();
            }
        }
    }

    private static (int Done, int Total)? Count(string text)
        => CountPrefix().Match(text) is { Success: true } match
            && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            && total > 0
                ? (Math.Max(0, index - 1), total)
                : null;

    [GeneratedRegex(@"^\[(\d+)/(\d+)\] ")]
    private static partial Regex CountPrefix();

    /// <summary>A Spectre progress display running on its own task until <see cref="Stop"/>.</summary>
    private sealed class LiveDisplay
    {
        private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<ProgressTask> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _running = Task.CompletedTask;

        public static LiveDisplay Start(IAnsiConsole console)
        {
            var display = new LiveDisplay();
            display._running = Task.Run(() => console.Progress()
                .AutoClear(true)
                .HideCompleted(false)
                .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    display._started.TrySetResult(context.AddTask("azsec", autoStart: true, maxValue: 1));
                    await display._stop.Task.ConfigureAwait(false);
                }));
            display._running.ContinueWith(t => display._started.TrySetCanceled(), TaskScheduler.Default);
            return display;
        }

        public void Show(string text, (int Done, int Total)? count)
        {
            ProgressTask task;
            try
            {
                if (!_started.Task.Wait(TimeSpan.FromSeconds(5)))
                {
                    return;
                }

                task = _started.Task.Result;
            }
            catch (AggregateException)
            {
                return; // the display could not start: the work goes on without it
            }

            task.Description = Markup.Escape(text);
            task.IsIndeterminate = count is null;
            if (count is { } c)
            {
                task.MaxValue = c.Total;
                task.Value = c.Done;
            }
        }

        public void Stop()
        {
            _stop.TrySetResult();
            try
            {
                _running.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
                // A display that failed to draw is no reason to lose the report.
            }
        }
    }
}

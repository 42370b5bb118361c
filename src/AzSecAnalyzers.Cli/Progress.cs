namespace AzSecAnalyzers.Cli;

/// <summary>A one-line progress indicator on standard error, silent when standard error is not a terminal.</summary>
internal sealed class Progress
{
    private readonly bool _enabled;
    private readonly object _gate = new();
    private int _width;

    public Progress(bool enabled) => _enabled = enabled;

    public static Progress ForConsole() => new(!Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") != "dumb");

    public void Report(string text)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            var max = Math.Max(20, SafeWidth() - 1);
            if (text.Length > max)
            {
                text = text[..(max - 1)] + "…";
            }

            Console.Error.Write("\r" + text.PadRight(_width));
            _width = text.Length;
        }
    }

    public void Clear()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_gate)
        {
            Console.Error.Write("\r" + new string(' ', _width) + "\r");
            _width = 0;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace AzSecAnalyzers.Tests.Packaging;

/// <summary>
/// A minimal Language Server Protocol client over stdio, enough to drive a C# language server the
/// way an editor does: requests, notifications, answers to the server's own requests, and the
/// diagnostics it pushes. The server process is always killed on dispose.
/// </summary>
internal sealed class LspClient : IDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly BlockingCollection<JsonObject> _incoming = new();
    private readonly StringBuilder _stderr = new();
    private readonly Func<JsonObject, JsonNode?> _answerServerRequest;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private int _nextId;

    public LspClient(string workingDirectory, Func<JsonObject, JsonNode?> answerServerRequest, params string[] command)
    {
        _answerServerRequest = answerServerRequest;
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        _process = Process.Start(start)!;
        _input = _process.StandardInput.BaseStream;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_stderr) { _stderr.AppendLine(e.Data); } } };
        _process.BeginErrorReadLine();
        new Thread(ReadLoop) { IsBackground = true, Name = "lsp-reader" }.Start();
    }

    /// <summary>Every <c>textDocument/publishDiagnostics</c> the server pushed, in order.</summary>
    public ConcurrentQueue<JsonObject> PushedDiagnostics { get; } = new();

    public string ServerLog
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        await WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (!_incoming.TryTake(out var message, TimeSpan.FromMilliseconds(200)))
            {
                continue;
            }

            if (message["id"] is { } responseId && message["method"] is null && responseId.GetValue<int>() == id)
            {
                if (message["error"] is { } error)
                {
                    throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
                }

                return message["result"];
            }

            // Anything else read while waiting is dispatched and dropped (stale responses, log messages).
        }

        throw new TimeoutException($"No answer to {method} within {timeout}.\nServer log:\n{ServerLog}");
    }

    public Task NotifyAsync(string method, JsonNode? parameters)
        => WriteAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

    private async Task WriteAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void ReadLoop()
    {
        var output = _process.StandardOutput.BaseStream;
        try
        {
            while (ReadMessage(output) is { } message)
            {
                if (message["method"] is { } method && message["id"] is { } id)
                {
                    // A request from the server (configuration, capability registration, progress): answer it.
                    var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = _answerServerRequest(message) };
                    WriteAsync(answer).GetAwaiter().GetResult();
                }
                else if (message["method"]?.GetValue<string>() == "textDocument/publishDiagnostics")
                {
                    PushedDiagnostics.Enqueue(message["params"]!.AsObject());
                }
                else
                {
                    _incoming.Add(message);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The server went away; pending requests time out with its log.
        }
    }

    private static JsonObject? ReadMessage(Stream stream)
    {
        var length = -1;
        while (ReadHeaderLine(stream) is { } line)
        {
            if (line.Length == 0)
            {
                break;
            }

            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        if (length < 0)
        {
            return null;
        }

        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        return JsonNode.Parse(buffer)!.AsObject();
    }

    private static string? ReadHeaderLine(Stream stream)
    {
        var bytes = new List<byte>();
        while (true)
        {
            var b = stream.ReadByte();
            if (b < 0)
            {
                return null;
            }

            if (b == '\n')
            {
                return Encoding.ASCII.GetString(bytes.ToArray()).TrimEnd('\r');
            }

            bytes.Add((byte)b);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        _incoming.Dispose();
        _writeLock.Dispose();
    }
}

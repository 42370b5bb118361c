using System.Collections.Concurrent;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Infrastructure;

/// <summary>
/// Per-compilation guard against reporting one literal twice: in code that does not bind (an
/// unresolved type in a collection initializer, code being typed) the compiler can hand the same
/// literal to an operation callback more than once. Only reported spans are stored.
/// </summary>
internal sealed class ReportOnce
{
    private readonly ConcurrentDictionary<(SyntaxTree Tree, TextSpan Span), byte> _reported = new();

    public void Report(System.Action<Diagnostic> report, Diagnostic diagnostic)
    {
        var location = diagnostic.Location;
        if (location.SourceTree is null || _reported.TryAdd((location.SourceTree, location.SourceSpan), 0))
        {
            report(diagnostic);
        }
    }
}

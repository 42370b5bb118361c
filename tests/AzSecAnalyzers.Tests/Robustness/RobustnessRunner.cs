using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using AzSecAnalyzers.Tests.Meta;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Tests.Robustness;

/// <summary>What happened to one case: how long it took, what it reported, and every failure.</summary>
/// <remarks><paramref name="ShownTexts"/>: every text a user or a log would see: messages, diagnostic properties, fix titles.</remarks>
public sealed record CaseOutcome(RobustnessCase Case, TimeSpan Elapsed, int Diagnostics, int FixActions, IReadOnlyList<string> Failures, IReadOnlyList<string> ShownTexts);

/// <summary>
/// Runs every analyzer and every code fix of the package over a case, the way an IDE would: the
/// analyzers through <see cref="CompilationWithAnalyzers"/> with an exception hook, then every fix
/// offered for every finding, its actions computed and applied. Any exception is a failure.
/// One workspace project is forked per case, so the (large) reference set is bound only once.
/// </summary>
internal sealed class RobustnessRunner : IDisposable
{
    private readonly AdhocWorkspace _workspace = new();
    private readonly ProjectId _projectId = ProjectId.CreateNewId("Robustness");
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers = PackageCatalog.CreateAnalyzers();
    private readonly ImmutableDictionary<string, ImmutableArray<CodeFixProvider>> _fixesById;

    public RobustnessRunner()
    {
        var fixes = PackageCatalog.CreateCodeFixes();
        _fixesById = fixes
            .SelectMany(fix => fix.FixableDiagnosticIds.Select(id => (id, fix)))
            .GroupBy(pair => pair.id)
            .ToImmutableDictionary(g => g.Key, g => g.Select(p => p.fix).ToImmutableArray());

        _workspace.AddProject(ProjectInfo.Create(
            _projectId,
            VersionStamp.Default,
            "Robustness",
            "Robustness",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: TestSetup.ParseOptions,
            metadataReferences: TestReferences.All));

        // Bind the references once; every forked case compiles incrementally from here.
        _ = _workspace.CurrentSolution.GetProject(_projectId)!.GetCompilationAsync().GetAwaiter().GetResult();
    }

    public async Task<CaseOutcome> RunAsync(RobustnessCase robustnessCase, bool applyFixes, CancellationToken cancellationToken)
    {
        var failures = new List<string>();
        var stopwatch = Stopwatch.StartNew();
        var solution = _workspace.CurrentSolution;
        var documentIds = new List<DocumentId>();
        foreach (var (path, text) in robustnessCase.Documents)
        {
            var id = DocumentId.CreateNewId(_projectId, path);
            solution = solution.AddDocument(id, path, SourceText.From(text), filePath: "/robustness/" + path);
            documentIds.Add(id);
        }

        foreach (var (path, text) in robustnessCase.AdditionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(_projectId, path), path, SourceText.From(text), filePath: "/robustness/" + path);
        }

        var project = solution.GetProject(_projectId)!;
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var exceptions = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: true);

        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await compilation.WithAnalyzers(_analyzers, options).GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException && CompilerAloneThrows(compilation, cancellationToken))
        {
            // The C# compiler itself crashes on this mutated input (e.g. in its nullable analysis): a
            // user's build would stop there too, before any analyzer of ours could run. Not our failure.
            return new CaseOutcome(robustnessCase, stopwatch.Elapsed, 0, 0, failures, Array.Empty<string>());
        }

        failures.AddRange(exceptions);
        failures.AddRange(diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Select(d => d.ToString()));

        var shown = new List<string>();
        foreach (var diagnostic in diagnostics)
        {
            shown.Add($"{diagnostic.Id} message: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
            shown.AddRange(diagnostic.Properties.Select(p => $"{diagnostic.Id} property {p.Key}: {p.Value}"));
        }

        var fixActions = 0;
        if (applyFixes)
        {
            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource && _fixesById.ContainsKey(d.Id)))
            {
                var document = project.GetDocument(diagnostic.Location.SourceTree);
                if (document is null)
                {
                    continue;
                }

                foreach (var fix in _fixesById[diagnostic.Id])
                {
                    try
                    {
                        fixActions += await ApplyFixesAsync(fix, document, diagnostic, shown, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        failures.Add($"{fix.GetType().Name} threw {exception.GetType().Name} on {diagnostic}: {exception.Message}");
                    }
                }
            }
        }

        return new CaseOutcome(robustnessCase, stopwatch.Elapsed, diagnostics.Length, fixActions, failures, shown);
    }

    /// <summary>Whether a fresh copy of the compilation throws while the compiler alone reports its own diagnostics.</summary>
    private static bool CompilerAloneThrows(Compilation compilation, CancellationToken cancellationToken)
    {
        var fresh = compilation.RemoveAllSyntaxTrees().AddSyntaxTrees(compilation.SyntaxTrees);
        try
        {
            _ = fresh.GetDiagnostics(cancellationToken);
            return false;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return true;
        }
    }

    private static async Task<int> ApplyFixesAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic, List<string> shown, CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        await fix.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken)).ConfigureAwait(false);
        foreach (var action in actions.SelectMany(Flatten))
        {
            Assert.False(string.IsNullOrWhiteSpace(action.Title));
            shown.Add($"{diagnostic.Id} fix title: {action.Title}");
            foreach (var operation in await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (operation is ApplyChangesOperation apply)
                {
                    foreach (var changed in apply.ChangedSolution.GetChanges(document.Project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                    {
                        _ = await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        return actions.Count;
    }

    // Roslyn 4.8 keeps CodeAction.NestedCodeActions internal; a fix that groups actions must still have each one applied.
    private static readonly System.Reflection.PropertyInfo? NestedActionsProperty =
        typeof(CodeAction).GetProperty("NestedCodeActions", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public);

    private static IEnumerable<CodeAction> Flatten(CodeAction action)
        => NestedActionsProperty?.GetValue(action) is ImmutableArray<CodeAction> { IsDefaultOrEmpty: false } nested
            ? nested.SelectMany(Flatten)
            : new[] { action };

    public void Dispose() => _workspace.Dispose();
}

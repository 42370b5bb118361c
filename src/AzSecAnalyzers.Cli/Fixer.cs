using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// <c>--fix</c>: applies each code fix with its Fix All provider over the whole solution, one
/// (fixer, equivalence key) group at a time, re-analyzing between groups so every fix sees current
/// code. A change is dropped, and reported, when its file is outside the scanned root once every symbolic link
/// is resolved (linked files, shared sources, links to elsewhere), is read-only or not writable, or cannot be
/// written back in its own encoding (<see cref="FixEncoding"/>). Every check is made before any file is written.
/// </summary>
internal sealed class Fixer
{
    private const int MaxPasses = 20;

    private readonly RuleCatalog _catalog;
    private readonly Analysis _analysis;
    private readonly string _root;
    private readonly Progress _progress;

    public Fixer(RuleCatalog catalog, Analysis analysis, string root, Progress progress)
    {
        _catalog = catalog;
        _analysis = analysis;
        _root = root;
        _progress = progress;
    }

    private Solution? _original;

    public List<string> Skipped { get; } = new();

    /// <summary>The fixed solution and, per changed file, how many findings of each rule were fixed.</summary>
    public async Task<(Solution Solution, List<FixedFile> Files)> FixAsync(Solution solution, IReadOnlyList<ProjectId> projects, CancellationToken cancellationToken)
    {
        // One project per project file: the target frameworks of a multi-targeted project share their sources.
        _original ??= solution;
        var distinct = projects.GroupBy(id => solution.GetProject(id)!.FilePath ?? id.ToString()).Select(g => g.First()).ToList();
        var fixedCounts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var attempted = new HashSet<(string, string?)>();

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var diagnostics = await _analysis.AnalyzeAsync(solution, distinct, cancellationToken).ConfigureAwait(false);
            var group = await NextGroupAsync(solution, diagnostics, attempted, cancellationToken).ConfigureAwait(false);
            if (group is null)
            {
                break;
            }

            var (fixer, key, groupDiagnostics) = group.Value;
            attempted.Add((fixer.GetType().FullName!, key));
            _progress.Report($"Fixing {groupDiagnostics.Length} × {groupDiagnostics[0].Id}");
            var changed = await ApplyAsync(solution, fixer, key, groupDiagnostics, cancellationToken).ConfigureAwait(false);
            if (changed is null)
            {
                continue;
            }

            // A batch can leave findings behind (Fix All drops edits that overlap, such as two fixes adding
            // the same using directives): a fix that made progress may run again on what is left.
            attempted.Remove((fixer.GetType().FullName!, key));

            foreach (var diagnostic in groupDiagnostics)
            {
                var path = Paths.Relative(_root, diagnostic.Location.GetLineSpan().Path);
                if (!changed.Value.ChangedPaths.Contains(path))
                {
                    continue;
                }

                var perRule = fixedCounts.TryGetValue(path, out var existing) ? existing : fixedCounts[path] = new(StringComparer.Ordinal);
                perRule[diagnostic.Id] = perRule.GetValueOrDefault(diagnostic.Id) + 1;
            }

            solution = changed.Value.Solution;
        }

        var files = fixedCounts.OrderBy(f => f.Key, StringComparer.Ordinal)
            .Select(f => new FixedFile(f.Key, f.Value))
            .ToList();
        return (solution, files);
    }

    private async Task<(CodeFixProvider Fixer, string? Key, ImmutableArray<Diagnostic> Diagnostics)?> NextGroupAsync(
        Solution solution, Dictionary<ProjectId, ImmutableArray<Diagnostic>> diagnostics, HashSet<(string, string?)> attempted, CancellationToken cancellationToken)
    {
        foreach (var fixer in _catalog.Fixers)
        {
            var fixable = diagnostics.Values.SelectMany(d => d).Where(d => fixer.FixableDiagnosticIds.Contains(d.Id)).ToList();
            var byKey = new Dictionary<string, List<Diagnostic>>(StringComparer.Ordinal);
            foreach (var diagnostic in fixable)
            {
                if (solution.GetDocument(diagnostic.Location.SourceTree) is not { } document)
                {
                    continue;
                }

                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
                await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                if (actions.FirstOrDefault() is { } first && !attempted.Contains((fixer.GetType().FullName!, first.EquivalenceKey)))
                {
                    var key = first.EquivalenceKey ?? string.Empty;
                    (byKey.TryGetValue(key, out var list) ? list : byKey[key] = new()).Add(diagnostic);
                }
            }

            if (byKey.Count > 0)
            {
                var (key, list) = byKey.OrderBy(k => k.Key, StringComparer.Ordinal).First();
                return (fixer, key.Length == 0 ? null : key, list.ToImmutableArray());
            }
        }

        return null;
    }

    private async Task<(Solution Solution, HashSet<string> ChangedPaths)?> ApplyAsync(
        Solution solution, CodeFixProvider fixer, string? key, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var fixAll = fixer.GetFixAllProvider();
        var document = solution.GetDocument(diagnostics[0].Location.SourceTree);
        if (fixAll is null || document is null)
        {
            Skipped.Add($"{diagnostics[0].Id}: the fix has no Fix All provider");
            return null;
        }

        var context = new FixAllContext(
            document,
            fixer,
            FixAllScope.Solution,
            key,
            diagnostics.Select(d => d.Id).Distinct(),
            new FixedDiagnostics(diagnostics),
            cancellationToken);
        var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
        if (action is null)
        {
            return null;
        }

        var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
        if (operations.OfType<ApplyChangesOperation>().FirstOrDefault() is not { } apply)
        {
            return null;
        }

        var result = apply.ChangedSolution;
        var changedPaths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var projectChanges in result.GetChanges(solution).GetProjectChanges())
        {
            if (projectChanges.GetAddedDocuments().Any() || projectChanges.GetRemovedDocuments().Any())
            {
                Skipped.Add($"{diagnostics[0].Id}: a fix that adds or removes files is not applied from the command line");
                return null;
            }

            foreach (var id in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var path = result.GetDocument(id)!.FilePath;
                if (await RefusalAsync(id, result, cancellationToken).ConfigureAwait(false) is { } refusal)
                {
                    Skipped.Add($"{diagnostics[0].Id}: not writing {refusal}");
                    result = result.WithDocumentText(id, await solution.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false));
                    continue;
                }

                changedPaths.Add(Paths.Relative(_root, path!));
            }
        }

        return changedPaths.Count == 0 ? null : (result, changedPaths);
    }

    /// <summary>Why the fixed document <paramref name="id"/> must not be written ("path: reason"), or <c>null</c>.</summary>
    private async Task<string?> RefusalAsync(DocumentId id, Solution fixedSolution, CancellationToken cancellationToken)
    {
        var path = fixedSolution.GetDocument(id)!.FilePath;
        if (path is null || !Paths.IsUnder(_root, path))
        {
            return $"{path ?? "a document without a file"}, which is outside {_root}";
        }

        var display = Paths.Relative(_root, path);
        if (!Paths.IsReallyUnder(_root, path))
        {
            var target = TryRealPath(path) ?? "a link that cannot be resolved";
            return $"{display}: it is a symbolic link, or inside a linked folder, to {target}, which is outside {_root}";
        }

        if (!File.Exists(path))
        {
            return $"{display}: the file does not exist";
        }

        if (Writability.FileRefusal(path) is { } notWritable)
        {
            return $"{display}: {notWritable}";
        }

        var original = _original?.GetDocument(id);
        if (original is null)
        {
            return $"{display}: it was not part of the loaded projects";
        }

        var (_, encodingRefusal) = await FixEncoding.EncodeAsync(path, original, fixedSolution.GetDocument(id)!, cancellationToken).ConfigureAwait(false);
        return encodingRefusal is null ? null : $"{display}: {encodingRefusal}";
    }

    private static string? TryRealPath(string path)
    {
        try
        {
            return Paths.RealPath(path);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes every file the fixes changed. Each is checked again and encoded first; only then is anything written.
    /// Returns the files written, a line for each file not written, and the solution as it now is on disk.
    /// </summary>
    public async Task<(HashSet<string> Written, List<string> NotWritten, bool WriteFailed, Solution Solution)> WriteAsync(Solution fixedSolution, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var notWritten = new List<string>();
        var result = fixedSolution;
        if (_original is null)
        {
            return (written, notWritten, false, result);
        }

        var plans = new List<(string Path, byte[] Bytes, DocumentId Id)>();
        var seen = new HashSet<string>(Paths.PathComparer);
        foreach (var projectChanges in fixedSolution.GetChanges(_original).GetProjectChanges())
        {
            foreach (var id in projectChanges.GetChangedDocuments(onlyGetDocumentsWithTextChanges: true))
            {
                var path = fixedSolution.GetDocument(id)!.FilePath!;
                var newText = await fixedSolution.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                var oldText = await _original.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
                if (newText.ContentEquals(oldText) || !seen.Add(path))
                {
                    continue; // a change dropped earlier (and reported then), or the same file in another target framework
                }

                var refusal = await RefusalAsync(id, fixedSolution, cancellationToken).ConfigureAwait(false);
                var (bytes, encodingRefusal) = refusal is null
                    ? await FixEncoding.EncodeAsync(path, _original.GetDocument(id)!, fixedSolution.GetDocument(id)!, cancellationToken).ConfigureAwait(false)
                    : (null, null);
                if (refusal is not null || bytes is null)
                {
                    notWritten.Add("not writing " + (refusal ?? $"{Paths.Relative(_root, path)}: {encodingRefusal}"));
                    result = await RevertAsync(result, path, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                plans.Add((path, bytes, id));
            }
        }

        var failed = false;
        foreach (var (path, bytes, _) in plans)
        {
            try
            {
                await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
                written.Add(Paths.Relative(_root, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed = true;
                notWritten.Add($"could not write {Paths.Relative(_root, path)}: {e.Message}");
                result = await RevertAsync(result, path, cancellationToken).ConfigureAwait(false);
            }
        }

        // The targets of a multi-targeted project share the file: all of their documents now hold what was written.
        foreach (var (path, _, id) in plans.Where(p => written.Contains(Paths.Relative(_root, p.Path))))
        {
            var text = await result.GetDocument(id)!.GetTextAsync(cancellationToken).ConfigureAwait(false);
            result = result.WithDocumentText(result.GetDocumentIdsWithFilePath(path), text);
        }

        return (written, notWritten, failed, result);
    }

    private async Task<Solution> RevertAsync(Solution solution, string path, CancellationToken cancellationToken)
    {
        foreach (var id in solution.GetDocumentIdsWithFilePath(path))
        {
            if (_original!.GetDocument(id) is { } original)
            {
                solution = solution.WithDocumentText(id, await original.GetTextAsync(cancellationToken).ConfigureAwait(false));
            }
        }

        return solution;
    }

    private sealed class FixedDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public FixedDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
            return _diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            => Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
        {
            var trees = new HashSet<SyntaxTree>();
            foreach (var document in project.Documents)
            {
                if (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false) is { } tree)
                {
                    trees.Add(tree);
                }
            }

            return _diagnostics.Where(d => d.Location.SourceTree is { } t && trees.Contains(t));
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// Loads the target (solution, project or folder) with MSBuildWorkspace and sorts the projects into
/// loaded and failed, each failure with MSBuild's reason. A failure never stops the others loading.
/// </summary>
internal sealed class ProjectLoader
{
    private static readonly string[] SkippedFolders = { "bin", "obj", "node_modules", ".git", ".vs" };

    private readonly Progress _progress;
    private readonly List<(string Path, string Message)> _failures = new();

    public ProjectLoader(Progress progress) => _progress = progress;

    public sealed record Target(string Root, string? Solution, IReadOnlyList<string> Projects, string Display);

    /// <summary>
    /// Works out what to load; <c>null</c> with <paramref name="error"/> when the path is unusable. Folders that
    /// cannot be read are skipped with a line in <paramref name="warnings"/>.
    /// </summary>
    public static Target? Resolve(string path, IReadOnlyList<Glob> excludes, List<string> warnings, out string? error)
    {
        error = null;
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = Path.GetExtension(full).ToLowerInvariant();
            var root = Path.GetDirectoryName(full)!;
            return extension switch
            {
                ".sln" or ".slnx" => SolutionTarget(root, full, out error),
                ".csproj" when excludes.Any(g => g.IsPathOrParentMatch(Paths.Relative(root, full))) => Fail(AllExcluded(path), out error),
                ".csproj" => new Target(root, null, new[] { full }, Path.GetFileName(full)),
                _ => Fail($"'{path}' is not a .sln, .slnx or .csproj file.", out error),
            };
        }

        if (!Directory.Exists(full))
        {
            return Fail($"'{path}' does not exist.", out error);
        }

        string[] solutions;
        try
        {
            solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read the folder '{path}': {e.Message}", out error);
        }

        if (solutions.Length == 1)
        {
            return SolutionTarget(full, solutions[0], out error);
        }

        var found = FindProjects(full, warnings);
        var projects = found.Where(p => !excludes.Any(g => g.IsPathOrParentMatch(Paths.Relative(full, p)))).OrderBy(p => p, StringComparer.Ordinal).ToList();
        if (projects.Count == 0)
        {
            return Fail(found.Count == 0 ? $"No .sln, .slnx or .csproj found under '{path}'." : AllExcluded(path), out error);
        }

        return new Target(full, null, projects, Path.GetFileName(full.TrimEnd(Path.DirectorySeparatorChar)) + Path.DirectorySeparatorChar);
    }

    /// <summary>The one message for a target whose every project <c>--exclude</c> removes.</summary>
    public static string AllExcluded(string target) => $"nothing to scan: --exclude excludes every project of '{target}'.";

    private static Target? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }

    /// <summary>A solution file, checked first: MSBuild throws on a malformed .slnx instead of reporting it.</summary>
    private static Target? SolutionTarget(string root, string solution, out string? error)
    {
        error = null;
        if (Path.GetExtension(solution).Equals(".slnx", StringComparison.OrdinalIgnoreCase) && SolutionXmlProblem(solution) is { } problem)
        {
            return Fail($"'{Path.GetFileName(solution)}' is not a valid .slnx solution: {problem}", out error);
        }

        return new Target(root, solution, Array.Empty<string>(), Path.GetFileName(solution));
    }

    private static string? SolutionXmlProblem(string solution)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(solution, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
            if (reader.MoveToContent() != System.Xml.XmlNodeType.Element || reader.LocalName != "Solution")
            {
                return "its root element is not <Solution>";
            }

            while (reader.Read())
            {
            }

            return null;
        }
        catch (System.Xml.XmlException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "cannot read it: " + e.Message;
        }
    }

    /// <summary>
    /// Every project file under <paramref name="root"/>, each real file once: folders are walked by their real
    /// path, so a symbolic link back up the tree (a loop) or a second link to one folder is not walked again.
    /// </summary>
    private static List<string> FindProjects(string root, List<string> warnings)
    {
        var projects = new List<string>();
        var seenFolders = new HashSet<string>(Paths.PathComparer);
        var seenProjects = new HashSet<string>(Paths.PathComparer);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            string[] files;
            string[] folders;
            try
            {
                if (!seenFolders.Add(Paths.RealPath(folder)))
                {
                    continue;
                }

                files = Directory.GetFiles(folder, "*.csproj");
                folders = Directory.GetDirectories(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                warnings.Add($"skipped the folder {Paths.Relative(root, folder)}/, which cannot be read: {e.Message}");
                continue;
            }

            foreach (var project in files.Order(StringComparer.Ordinal))
            {
                if (seenProjects.Add(RealPathOrSelf(project)))
                {
                    projects.Add(project);
                }
            }

            foreach (var sub in folders.Where(f => !SkippedFolders.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)).OrderByDescending(f => f, StringComparer.Ordinal))
            {
                pending.Push(sub);
            }
        }

        return projects;
    }

    private static string RealPathOrSelf(string path)
    {
        try
        {
            return Paths.RealPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    public async Task<(MSBuildWorkspace Workspace, List<Project> Loaded, List<ProjectFailure> Failures)> LoadAsync(Target target, CancellationToken cancellationToken)
    {
        var workspace = MSBuildWorkspace.Create();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {

            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (_failures)
                {
                    _failures.Add((_current ?? target.Display, e.Diagnostic.Message));
                }
            }
        });

        var progress = new Progress<ProjectLoadProgress>(p => _progress.Loading(p.FilePath, $"{p.Operation.ToString().ToLowerInvariant()}{(p.TargetFramework is null ? "" : ", " + p.TargetFramework)}"));
        var failures = new List<ProjectFailure>();
        if (target.Solution is not null)
        {
            _progress.Report($"Loading {target.Display}");
            try
            {
                await workspace.OpenSolutionAsync(target.Solution, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or FormatException or ArgumentException or System.Xml.XmlException)
            {
                failures.Add(new ProjectFailure(target.Display, target.Solution, e.Message));
            }
        }
        else
        {
            _progress.ExpectProjects(target.Projects);
            foreach (var path in target.Projects)
            {
                if (workspace.CurrentSolution.Projects.Any(p => Paths.Same(p.FilePath, path)))
                {
                    continue; // already loaded as another project's reference
                }

                _current = path;
                _progress.Loading(path);
                try
                {
                    await workspace.OpenProjectAsync(path, progress, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidOperationException or IOException or InvalidDataException or FormatException or ArgumentException or System.Xml.XmlException)
                {
                    lock (_failures)
                    {
                        _failures.Add((path, e.Message));
                    }
                }
            }

            _current = null;
        }

        // A solution's projects are all targets; for a project file or a folder, referenced projects are
        // loaded (the compilation needs them) but neither analyzed nor failed on.
        var solutionProjects = workspace.CurrentSolution.Projects.Where(p => p.FilePath is not null).ToList();
        var targets = target.Solution is null
            ? target.Projects.ToList()
            : solutionProjects.Select(p => p.FilePath!).Distinct().ToList();
        var allPaths = solutionProjects.Select(p => p.FilePath!).Concat(target.Projects).Distinct().ToList();
        var warnings = new List<ProjectFailure>();
        lock (_failures)
        {
            foreach (var group in _failures.GroupBy(f => Attribute(f.Path, f.Message, allPaths, target.Root), StringComparer.Ordinal))
            {
                var reason = string.Join(Environment.NewLine, group.Select(f => f.Message).Distinct(StringComparer.Ordinal));
                var failure = new ProjectFailure(Path.GetFileNameWithoutExtension(group.Key), group.Key, reason);
                var projects = solutionProjects.Where(p => Paths.Same(p.FilePath, group.Key)).ToList();

                // MSBuild also reports problems that leave a usable project (a restore warning it promoted, for
                // one): a project that loaded with its references is scanned, and the message is a warning.
                var unusable = projects.Count == 0 || projects.Any(p => p.DocumentIds.Count == 0 || p.MetadataReferences.Count < 2);
                var isTarget = targets.Any(t => Paths.Same(t, group.Key)) || !allPaths.Contains(group.Key);
                if (unusable && isTarget)
                {
                    failures.Add(failure);
                }
                else if (isTarget || unusable)
                {
                    // A referenced project that loaded fine is not the user's concern here.
                    warnings.Add(failure);
                }
            }
        }

        Warnings = warnings;
        var failedPaths = failures.Select(f => f.Path).ToList();
        var loaded = solutionProjects
            .Where(p => p.Language == LanguageNames.CSharp
                && targets.Any(t => Paths.Same(t, p.FilePath))
                && !failedPaths.Any(f => Paths.Same(f, p.FilePath)))
            .ToList();
        foreach (var project in loaded.Where(p => !IsRestored(p)).ToList())
        {
            loaded.RemoveAll(p => Paths.Same(p.FilePath, project.FilePath));
            if (!failures.Any(f => Paths.Same(f.Path, project.FilePath)))
            {
                failures.Add(new ProjectFailure(
                    Analysis.ProjectName(project),
                    project.FilePath!,
                    $"error NETSDK1004: the project is not restored (no project.assets.json next to its intermediate output); run `dotnet restore {project.FilePath}` first."));
            }
        }

        foreach (var path in targets.Where(t => !solutionProjects.Any(p => Paths.Same(p.FilePath, t)) && !failures.Any(f => Paths.Same(f.Path, t))))
        {
            failures.Add(new ProjectFailure(Path.GetFileNameWithoutExtension(path), path, "MSBuild did not produce a C# project from it (is it a C# project?)."));
        }

        return (workspace, loaded, failures);
    }

    /// <summary>Problems MSBuild reported for projects that still loaded, or for referenced projects.</summary>
    public IReadOnlyList<ProjectFailure> Warnings { get; private set; } = Array.Empty<ProjectFailure>();

    private string? _current;

    /// <summary>
    /// MSBuild's design-time build tolerates a missing restore without a word, then the project compiles
    /// without its packages: an SDK-style project must have its assets file by its intermediate output.
    /// </summary>
    private static bool IsRestored(Project project)
    {
        if (project.FilePath is null || project.CompilationOutputInfo.AssemblyPath is not { } assembly || !IsSdkStyle(project.FilePath))
        {
            return true;
        }

        // obj/Debug/net10.0/App.dll -> obj/project.assets.json; the artifacts layout nests the same way.
        var folder = Path.GetDirectoryName(assembly);
        for (var level = 0; level < 4 && folder is not null; level++, folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "project.assets.json")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsSdkStyle(string projectFile)
    {
        try
        {
            using var reader = System.Xml.XmlReader.Create(projectFile, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit });
            return reader.MoveToContent() == System.Xml.XmlNodeType.Element && reader.GetAttribute("Sdk") is not null;
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }

    /// <summary>
    /// A failure belongs to the project its message names (a loaded one, or a quoted project file MSBuild could not
    /// find); otherwise to what was being loaded. Relative paths are the solution's, so they are made absolute.
    /// </summary>
    private static string Attribute(string loading, string message, IReadOnlyList<string> projects, string root)
        => projects.Where(p => message.Contains(p, StringComparison.Ordinal)).OrderByDescending(p => p.Length).FirstOrDefault()
            ?? (QuotedProject.Match(message) is { Success: true } quoted ? Path.GetFullPath(quoted.Groups[1].Value, root) : null)
            ?? Path.GetFullPath(loading, root);

    private static readonly System.Text.RegularExpressions.Regex QuotedProject = new(@"'([^'\r\n]+\.(?:cs|vb|fs)proj)'", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}

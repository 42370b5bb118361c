using System.Collections.Immutable;
using System.Xml.Linq;
using AzSecAnalyzers.Benchmarks.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AzSecAnalyzers.Benchmarks.Sources;

/// <summary>One project of a real application: its parsed files and how MSBuild would compile them.</summary>
internal sealed record SourceProject(
    string Name,
    string Directory,
    ImmutableArray<SyntaxTree> Trees,
    OutputKind OutputKind,
    NullableContextOptions Nullable,
    IReadOnlyList<string> ProjectReferences,
    IReadOnlyList<string> PackageReferences,
    int Lines);

/// <summary>
/// <c>--src DIR</c>: the .cs files of an application kept outside the repository, one compilation per
/// <c>.csproj</c> found under DIR (files under the project's folder, minus obj/bin and nested projects,
/// plus its non-glob <c>Compile Include</c> links), in project-reference order, each referencing the
/// compilations of the projects it references that are present. Metadata references: the .NET and ASP.NET
/// Core shared frameworks and the packages this program was restored with, plus any package the project
/// names that the NuGet restore folder already holds (nothing is downloaded). The SDK's implicit global
/// usings (Microsoft.NET.Sdk, .Web, .Worker) and <c>Using Include</c> items are added as a generated file,
/// as MSBuild does. Binding is as complete as those references allow: the compiler error count says how much.
/// </summary>
internal sealed class SourceWorkload
{
    private static readonly string[] BaseUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    private static readonly string[] WorkerUsings =
        ["Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging"];

    private static readonly string[] WebUsings =
        ["System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", .. WorkerUsings];

    // Frameworks a package's lib folder may target, best first for a net10.0 application.
    private static readonly string[] LibFrameworks = ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "netstandard2.1", "netstandard2.0", "netcoreapp3.1"];

    /// <summary>
    /// Libraries the two measured applications use (directly or through a package not served here), put in the
    /// restore folder by this project's PackageDownload items: referenced by every --src compilation, so more binds.
    /// </summary>
    private static readonly string[] ApplicationPackages =
    [
        "FluentValidation", "Npgsql", "Npgsql.EntityFrameworkCore.PostgreSQL", "RabbitMQ.Client", "Microsoft.Extensions.Identity.Core",
        "Microsoft.Extensions.Identity.Stores", "Microsoft.AspNetCore.Identity.EntityFrameworkCore", "StackExchange.Redis",
        "Microsoft.Extensions.Caching.StackExchangeRedis", "Stripe.net", "SendGrid", "OneOf", "Polly.Core",
    ];

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest, DocumentationMode.None);

    private SourceWorkload(string root, ImmutableArray<SourceProject> projects, ImmutableArray<MetadataReference> references, IReadOnlyList<string> packagesFound, IReadOnlyList<string> packagesMissing)
    {
        Root = root;
        Projects = projects;
        References = references;
        PackagesFound = packagesFound;
        PackagesMissing = packagesMissing;
    }

    public string Root { get; }

    public ImmutableArray<SourceProject> Projects { get; }

    public ImmutableArray<MetadataReference> References { get; }

    public IReadOnlyList<string> PackagesFound { get; }

    public IReadOnlyList<string> PackagesMissing { get; }

    public int FileCount => Projects.Sum(p => p.Trees.Length - 1);

    public int LineCount => Projects.Sum(p => p.Lines);

    public static SourceWorkload Load(string root)
    {
        root = Path.GetFullPath(root);
        var projectFiles = Directory.GetFiles(root, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var projectDirs = projectFiles.Select(p => Path.GetDirectoryName(p)!).ToHashSet(StringComparer.Ordinal);
        var projects = new List<SourceProject>();
        var packageIds = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (projectFiles.Count == 0)
        {
            // A plain folder of sources: one Web SDK compilation.
            projects.Add(CreateProject("App", root, root, Sources(root, projectDirs), OutputKind.DynamicallyLinkedLibrary, NullableContextOptions.Enable, [.. BaseUsings, .. WebUsings], [], []));
        }

        foreach (var projectFile in projectFiles)
        {
            var dir = Path.GetDirectoryName(projectFile)!;
            var xml = XDocument.Load(projectFile);
            var elements = xml.Descendants().ToList();
            string? Property(string name) => elements.LastOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            var sdk = xml.Root?.Attribute("Sdk")?.Value ?? string.Empty;
            var implicitUsings = Property("ImplicitUsings") is "enable" or "true" || InheritedProperty(dir, root, "ImplicitUsings") is "enable" or "true";
            var usings = new List<string>();
            if (implicitUsings)
            {
                usings.AddRange(BaseUsings);
                usings.AddRange(sdk.Contains("Web", StringComparison.Ordinal) ? WebUsings : sdk.Contains("Worker", StringComparison.Ordinal) ? WorkerUsings : []);
            }

            usings.AddRange(elements.Where(e => e.Name.LocalName == "Using" && e.Attribute("Include") is not null && e.Attribute("Alias") is null && e.Attribute("Static") is null)
                .Select(e => e.Attribute("Include")!.Value));
            var nullable = (Property("Nullable") ?? InheritedProperty(dir, root, "Nullable")) switch
            {
                "enable" => NullableContextOptions.Enable,
                "annotations" => NullableContextOptions.Annotations,
                "warnings" => NullableContextOptions.Warnings,
                _ => NullableContextOptions.Disable,
            };
            var isExe = sdk.Contains("Web", StringComparison.Ordinal) || sdk.Contains("Worker", StringComparison.Ordinal) || Property("OutputType") is "Exe" or "WinExe";
            var files = Sources(dir, projectDirs);
            files.AddRange(elements.Where(e => e.Name.LocalName == "Compile" && e.Attribute("Include")?.Value is { } include && !include.Contains('*', StringComparison.Ordinal))
                .Select(e => Path.GetFullPath(Path.Combine(dir, e.Attribute("Include")!.Value.Replace('\\', '/'))))
                .Where(File.Exists));
            var references = elements.Where(e => e.Name.LocalName == "ProjectReference" && e.Attribute("Include") is not null)
                .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList();
            var packages = elements.Where(e => e.Name.LocalName == "PackageReference" && e.Attribute("Include") is not null)
                .Select(e => e.Attribute("Include")!.Value).ToList();
            packageIds.UnionWith(packages);
            projects.Add(CreateProject(
                Path.GetFileNameWithoutExtension(projectFile),
                root,
                dir,
                files,
                isExe && HasTopLevelStatements(files) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullable,
                usings,
                references,
                packages));
        }

        packageIds.UnionWith(ApplicationPackages);
        var (packageReferences, found, missing) = PackageAssemblies(packageIds);
        var metadata = Workload.LoadReferences();
        var names = metadata.Select(r => Path.GetFileName(r.Display ?? string.Empty)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = metadata.AddRange(packageReferences.Where(r => !names.Contains(Path.GetFileName(r.Display ?? string.Empty))));
        return new SourceWorkload(root, Order(projects), all, found, missing);
    }

    /// <summary>One compilation per project, referencing the ones created before it (fresh each call, sharing the parsed trees).</summary>
    public List<CSharpCompilation> CreateCompilations(ImmutableDictionary<string, ReportDiagnostic>? diagnosticOptions = null, bool reparse = false)
    {
        var byName = new Dictionary<string, CSharpCompilation>(StringComparer.OrdinalIgnoreCase);
        var result = new List<CSharpCompilation>();
        foreach (var project in Projects)
        {
            var options = Workload.CompilationOptions
                .WithOutputKind(project.OutputKind)
                .WithNullableContextOptions(project.Nullable)
                .WithAllowUnsafe(true);
            if (diagnosticOptions is not null)
            {
                options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItems(diagnosticOptions));
            }

            var trees = reparse
                ? project.Trees.Select(t => CSharpSyntaxTree.ParseText(t.GetText(), ParseOptions, t.FilePath)).ToImmutableArray()
                : project.Trees;
            var references = References.AddRange(project.ProjectReferences
                .Where(byName.ContainsKey)
                .Select(name => (MetadataReference)byName[name].ToMetadataReference()));
            var compilation = CSharpCompilation.Create(project.Name, trees, references, options);
            byName[project.Name] = compilation;
            result.Add(compilation);
        }

        return result;
    }

    private static SourceProject CreateProject(string name, string root, string dir, List<string> files, OutputKind kind, NullableContextOptions nullable, IEnumerable<string> usings, IReadOnlyList<string> references, IReadOnlyList<string> packages)
    {
        var trees = files.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(path => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(path), System.Text.Encoding.UTF8), ParseOptions, Path.GetRelativePath(root, path).Replace('\\', '/')))
            .ToList();
        var lines = trees.Sum(t => t.GetText().Lines.Count);
        var globalUsings = string.Concat(usings.Distinct(StringComparer.Ordinal).Select(u => $"global using global::{u};\n"));
        trees.Add(CSharpSyntaxTree.ParseText(globalUsings, ParseOptions, Path.GetRelativePath(root, Path.Combine(dir, "obj", name + ".GlobalUsings.g.cs")).Replace('\\', '/')));
        return new SourceProject(name, dir, [.. trees], kind, nullable, references, packages, lines);
    }

    private static List<string> Sources(string dir, HashSet<string> projectDirs)
    {
        var separator = Path.DirectorySeparatorChar;
        return Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !path.Contains($"{separator}bin{separator}", StringComparison.Ordinal))
            .Where(path => OwningProject(path, projectDirs) is not { } owner || string.Equals(owner, dir, StringComparison.Ordinal))
            .ToList();
    }

    private static string? OwningProject(string path, HashSet<string> projectDirs)
    {
        for (var dir = Path.GetDirectoryName(path); dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (projectDirs.Contains(dir))
            {
                return dir;
            }
        }

        return null;
    }

    private static bool HasTopLevelStatements(IEnumerable<string> files)
        => files.Any(f => Path.GetFileName(f) == "Program.cs" && CSharpSyntaxTree.ParseText(File.ReadAllText(f), ParseOptions).GetRoot()
            .ChildNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any());

    /// <summary>A property set in a Directory.Build.props between the project and the application root.</summary>
    private static string? InheritedProperty(string dir, string root, string name)
    {
        for (var current = dir; current is not null && current.StartsWith(root, StringComparison.Ordinal); current = Path.GetDirectoryName(current))
        {
            var props = Path.Combine(current, "Directory.Build.props");
            if (File.Exists(props) && XDocument.Load(props).Descendants().LastOrDefault(e => e.Name.LocalName == name) is { } element)
            {
                return element.Value.Trim();
            }
        }

        return null;
    }

    private static ImmutableArray<SourceProject> Order(List<SourceProject> projects)
    {
        var byName = projects.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var ordered = new List<SourceProject>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Visit(SourceProject project)
        {
            if (!seen.Add(project.Name))
            {
                return;
            }

            foreach (var reference in project.ProjectReferences.Where(byName.ContainsKey))
            {
                Visit(byName[reference]);
            }

            ordered.Add(project);
        }

        projects.ForEach(Visit);
        return [.. ordered];
    }

    /// <summary>The lib assemblies of each named package the NuGet restore folder already holds (highest version).</summary>
    private static (List<MetadataReference> References, List<string> Found, List<string> Missing) PackageAssemblies(IEnumerable<string> ids)
    {
        var references = new List<MetadataReference>();
        var found = new List<string>();
        var missing = new List<string>();
        foreach (var id in ids)
        {
            var packageDir = Path.Combine(AnalyzerSets.NuGetPackageRoot, id.ToLowerInvariant());
            var version = Directory.Exists(packageDir)
                ? Directory.GetDirectories(packageDir).OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version()).FirstOrDefault()
                : null;
            var lib = version is null ? null : LibFrameworks.Select(tfm => Path.Combine(version, "lib", tfm)).FirstOrDefault(Directory.Exists);
            if (lib is null)
            {
                missing.Add(id);
                continue;
            }

            found.Add($"{id} {Path.GetFileName(version)}");
            references.AddRange(Directory.GetFiles(lib, "*.dll").Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)));
        }

        return (references, found, missing);
    }
}

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Cli;

/// <summary>
/// The bundled analyzers and code fixes, found by reflection in the AzSecAnalyzers and
/// AzSecAnalyzers.CodeFixes assemblies (never listed by hand: a new rule is picked up as it lands),
/// narrowed to the rules <c>--rules</c> selects.
/// </summary>
internal sealed class RuleCatalog
{
    private RuleCatalog(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers, IReadOnlyList<RuleInfo> rules)
    {
        Analyzers = analyzers;
        Fixers = fixers;
        Rules = rules;
        RuleIds = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableArray<CodeFixProvider> Fixers { get; }

    public IReadOnlyList<RuleInfo> Rules { get; }

    public IReadOnlySet<string> RuleIds { get; }

    public static RuleCatalog Load(IReadOnlyList<string> rulePatterns)
    {
        var globs = rulePatterns.Select(Glob.ForRuleId).ToList();
        bool Selected(string id) => globs.Count == 0 || globs.Any(g => g.IsMatch(id));

        var analyzers = Instantiate<DiagnosticAnalyzer>(typeof(Descriptors).Assembly, t => t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is { } a && a.Languages.Contains(LanguageNames.CSharp))
            .Where(a => a.SupportedDiagnostics.Any(d => Selected(d.Id)))
            .ToImmutableArray();

        var rules = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .Where(d => Selected(d.Id))
            .GroupBy(d => d.Id, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .Select(ToRule)
            .ToList();
        var ids = rules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        var fixers = Instantiate<CodeFixProvider>(typeof(CodeFixes.EquivalenceKeys).Assembly, t => t.GetCustomAttribute<ExportCodeFixProviderAttribute>() is { } a && a.Languages.Contains(LanguageNames.CSharp))
            .Where(f => f.FixableDiagnosticIds.Any(ids.Contains))
            .ToImmutableArray();

        return new RuleCatalog(analyzers, fixers, rules);
    }

    private static IEnumerable<T> Instantiate<T>(Assembly assembly, Func<Type, bool> exported)
        where T : class
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types.Where(t => t is not null).ToArray()!;
        }

        return types
            .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null && exported(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!);
    }

    private static RuleInfo ToRule(DiagnosticDescriptor d) => new(
        d.Id,
        d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
        d.Description.ToString(System.Globalization.CultureInfo.InvariantCulture),
        d.Category,
        Convert(d.DefaultSeverity),
        d.IsEnabledByDefault,
        d.HelpLinkUri,
        d.CustomTags.ToList());

    public static Severity? Convert(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => Severity.Error,
        DiagnosticSeverity.Warning => Severity.Warning,
        DiagnosticSeverity.Info => Severity.Info,
        _ => null,
    };
}

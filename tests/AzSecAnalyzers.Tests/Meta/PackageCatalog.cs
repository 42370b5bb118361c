using System.Collections.Immutable;
using System.Reflection;
using AzSecAnalyzers.CodeFixes;
using AzSecAnalyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AzSecAnalyzers.Tests.Meta;

/// <summary>What the shipped assemblies contain, found by reflection: every descriptor, analyzer and code fix.</summary>
internal static class PackageCatalog
{
    public static Assembly AnalyzerAssembly => typeof(AzSecAnalyzer).Assembly;

    public static Assembly CodeFixAssembly => typeof(EquivalenceKeys).Assembly;

    public static ImmutableArray<DiagnosticDescriptor> Descriptors { get; } = typeof(AzSecAnalyzers.Descriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(DiagnosticDescriptor))
        .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
        .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<Type> AnalyzerTypes { get; } = AnalyzerAssembly.GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<Type> CodeFixTypes { get; } = CodeFixAssembly.GetTypes()
        .Where(type => typeof(CodeFixProvider).IsAssignableFrom(type) && !type.IsAbstract)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
        => AnalyzerTypes.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!).ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CreateCodeFixes()
        => CodeFixTypes.Select(type => (CodeFixProvider)Activator.CreateInstance(type)!).ToImmutableArray();

    /// <summary>Ids some exported code fix can fix.</summary>
    public static ImmutableHashSet<string> FixableIds { get; } = CreateCodeFixes().SelectMany(fix => fix.FixableDiagnosticIds).ToImmutableHashSet();
}

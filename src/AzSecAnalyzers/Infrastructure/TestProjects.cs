namespace AzSecAnalyzers.Infrastructure;

/// <summary>Whether a compilation is a test project (it references xunit, NUnit or MSTest): rules treat such code differently.</summary>
internal static class TestProjects
{
    private static readonly ImmutableArray<string> TestFrameworkAssemblies = ImmutableArray.Create(
        "xunit.core", "xunit.assert", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework");

    public static bool IsTestProject(Compilation compilation)
    {
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            foreach (var name in TestFrameworkAssemblies)
            {
                if (string.Equals(assembly.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}

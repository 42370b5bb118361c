using AzSecAnalyzers.Infrastructure;
using AzSecAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AzSecAnalyzers.Tests.Infrastructure;

public class AzSecContextTests
{
    private static CSharpCompilation Compile(string name, string source, params MetadataReference[] references)
        => CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source) },
            TestReferences.NetCoreOnly.AddRange(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    [Fact]
    public void ReferencedType_IsResolvedOnce_AndCached()
    {
        var types = AzSecContext.For(Compile("App", "class C { }"));
        var first = types.Get("System.Net.Http.HttpClientHandler");
        Assert.NotNull(first);
        Assert.Same(first, types.Get("System.Net.Http.HttpClientHandler"));
        Assert.Same(types, AzSecContext.For(types.Compilation));
    }

    [Fact]
    public void AbsentType_IsNull()
        => Assert.Null(AzSecContext.For(Compile("App", "class C { }")).Get("Azure.Storage.Blobs.BlobServiceClient"));

    [Fact]
    public void TypeDefinedTwiceInReferences_IsAmbiguous_ButTheCompilationsOwnWins()
    {
        const string polyfill = "namespace Contoso { public class Shared { } }";
        var a = Compile("PolyfillA", polyfill).ToMetadataReference();
        var b = Compile("PolyfillB", polyfill).ToMetadataReference();

        Assert.Null(AzSecContext.For(Compile("App", "class C { }", a, b)).Get("Contoso.Shared"));

        var own = AzSecContext.For(Compile("App", polyfill, a, b)).Get("Contoso.Shared");
        Assert.NotNull(own);
        Assert.Equal("App", own!.ContainingAssembly.Name);
    }

    [Fact]
    public void InaccessibleDuplicate_DoesNotMakeTheTypeAmbiguous()
    {
        var visible = Compile("Visible", "namespace Contoso { public class Shared { } }").ToMetadataReference();
        var hidden = Compile("Hidden", "namespace Contoso { internal class Shared { } }").ToMetadataReference();
        var resolved = AzSecContext.For(Compile("App", "class C { }", visible, hidden)).Get("Contoso.Shared");
        Assert.Equal("Visible", resolved?.ContainingAssembly.Name);
    }
}

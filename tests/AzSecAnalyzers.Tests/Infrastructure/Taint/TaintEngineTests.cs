using System.Text;
using AzSecAnalyzers.Infrastructure.Taint;
using static AzSecAnalyzers.Tests.Infrastructure.Taint.TaintHarness;

namespace AzSecAnalyzers.Tests.Infrastructure.Taint;

public class TaintEngineTests
{
    private static async Task<SinkResult> Single(string body, string members = "", bool unknownAsNonConstant = false)
    {
        var results = await RunAsync(Method(body, members), unknownAsNonConstant: unknownAsNonConstant);
        return Assert.Single(results);
    }

    private static void AssertFull(SinkResult result) => Assert.True(result.Labels.Contains("Full", StringComparison.Ordinal), result.ToString() + " skipped=" + AzSecAnalyzers.Infrastructure.Taint.TaintEngine.SkippedFunctions + " analyzed=" + AzSecAnalyzers.Infrastructure.Taint.TaintEngine.AnalyzedFunctions + " " + AzSecAnalyzers.Infrastructure.Taint.TaintEngine.LastSkipReason);

    private static void AssertClean(SinkResult result) => Assert.True(result.Labels == "clean", result.ToString());

    private static void AssertShape(SinkResult result, string shape)
    {
        Assert.Contains(shape, result.Labels, StringComparison.Ordinal);
        foreach (var other in new[] { "Full", "AfterPrefix", "Typed" }.Where(s => s != shape))
        {
            Assert.DoesNotContain(other, result.Labels, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DirectParameter_IsTainted_WithOrigin()
    {
        var result = await Single("Sink(taintedInput);");
        AssertFull(result);
        Assert.Contains("Request", result.Labels, StringComparison.Ordinal);
        Assert.Equal("parameter 'taintedInput'", result.Origin);
    }

    [Fact]
    public async Task SourceCall_ThroughLocals_IsTainted()
    {
        var result = await Single("var a = Source(); var b = a; string c; c = b; Sink(c);");
        AssertFull(result);
        Assert.Equal("Source()", result.Origin);
    }

    [Fact]
    public async Task OtherParameter_AndConstants_AreClean()
    {
        var results = await RunAsync(Method("""Sink(other); Sink("a" + "b"); const string k = "x"; Sink(k + "y"); Sink(number);"""));
        Assert.All(results, AssertClean);
        Assert.Equal(4, results.Count);
    }

    [Fact]
    public async Task Reassignment_KillsTaint()
    {
        var result = await Single("""var a = taintedInput; a = "constant"; Sink(a);""");
        AssertClean(result);
    }

    [Fact]
    public async Task Branches_JoinTaint()
    {
        var result = await Single("""var a = "x"; if (number > 3) { a = taintedInput; } Sink(a);""");
        AssertFull(result);
    }

    [Fact]
    public async Task Branches_BothKill_IsClean()
    {
        var result = await Single("""var a = taintedInput; if (number > 3) { a = "x"; } else { a = "y"; } Sink(a);""");
        AssertClean(result);
    }

    [Fact]
    public async Task Loops_ReachFixpoint()
    {
        var result = await Single("""
            string a = "", b = "", c = "";
            for (var i = 0; i < number; i++) { c = b; b = a; a = taintedInput; }
            Sink(c);
            """);
        AssertFull(result);
    }

    [Fact]
    public async Task WhileLoop_ConcatenationAccumulates()
    {
        var result = await Single("""var s = ""; var i = 0; while (i++ < number) { s += taintedInput; } Sink(s);""");
        AssertFull(result);
    }

    [Fact]
    public async Task ConditionalAndCoalesce_Propagate()
    {
        var results = await RunAsync(Method("""Sink(number > 1 ? taintedInput : "x"); Sink(other ?? taintedInput); Sink(number > 1 ? "a" : "b");"""));
        AssertFull(results[0]);
        AssertFull(results[1]);
        AssertClean(results[2]);
    }

    [Fact]
    public async Task Interpolation_ConcatAndFormat_Propagate()
    {
        var results = await RunAsync(Method("""
            Sink($"a{taintedInput}b");
            Sink("a" + taintedInput);
            Sink(string.Format("x{0}", taintedInput));
            Sink(string.Concat("x", taintedInput));
            Sink(string.Join(",", new[] { taintedInput }));
            Sink(taintedInput.Trim().ToLowerInvariant().Substring(1));
            """));
        Assert.All(results, AssertFull);
        Assert.Equal(6, results.Count);
    }

    [Fact]
    public async Task PinnedPrefix_GivesAfterPrefix()
    {
        var results = await RunAsync(Method("""
            Sink("https://api.contoso.com/items/" + taintedInput);
            Sink($"https://api.contoso.com/items/{taintedInput}?x=1");
            Sink(string.Format("https://api.contoso.com/{0}", taintedInput));
            const string Base = "https://api.contoso.com/";
            var b = Base;
            Sink(b + taintedInput);
            Sink("https://api.contoso.com" + taintedInput);
            Sink("https://" + taintedInput + "/x");
            Sink($"{taintedInput}/items");
            """));
        AssertShape(results[0], "AfterPrefix");
        AssertShape(results[1], "AfterPrefix");
        AssertShape(results[2], "AfterPrefix");
        AssertShape(results[3], "AfterPrefix");
        AssertShape(results[4], "Full");
        AssertShape(results[5], "Full");
        AssertShape(results[6], "Full");
    }

    [Fact]
    public async Task ScalarTypes_AreTyped()
    {
        var results = await RunAsync(Method("""
            var id = int.Parse(taintedInput);
            Sink(id);
            Sink($"https://x/{id}" + id);
            Guid.TryParse(taintedInput, out var g);
            Sink(g);
            Sink("prefix" + g);
            """));
        AssertShape(results[0], "Typed");
        Assert.DoesNotContain("Full", results[1].Labels, StringComparison.Ordinal);
        AssertShape(results[2], "Typed");
        AssertShape(results[3], "Typed");
    }

    [Fact]
    public async Task Sanitizers_Clean()
    {
        var results = await RunAsync(Method("""
            Sink(Clean(taintedInput));
            var n = Math.Clamp(int.Parse(taintedInput), 1, 100);
            Sink(n);
            Sink(Math.Min(int.Parse(taintedInput), 50));
            """));
        Assert.All(results, AssertClean);
    }

    [Fact]
    public async Task AllowListBranch_Sanitizes_OnlyInside()
    {
        var results = await RunAsync(Method("""
            if (Allowed.Contains(taintedInput)) { Sink(taintedInput); }
            Sink(taintedInput);
            if (IsAllowed(taintedInput)) { Sink(taintedInput); } else { Sink(taintedInput); }
            """));
        AssertClean(results[0]);
        AssertFull(results[1]);
        AssertClean(results[2]);
        AssertFull(results[3]);
    }

    [Fact]
    public async Task EarlyReturnGuard_Sanitizes()
    {
        var result = await Single("""if (!Allowed.Contains(taintedInput)) { return; } Sink(taintedInput);""");
        AssertClean(result);
    }

    [Fact]
    public async Task EarlyReturnGuard_WithOtherCondition_DoesNotSanitize()
    {
        var result = await Single("""if (!Allowed.Contains(other)) { return; } Sink(taintedInput);""");
        AssertFull(result);
    }

    [Fact]
    public async Task UriHostComparison_SanitizesUriAndItsText()
    {
        var results = await RunAsync(Method("""
            var uri = new Uri(taintedInput);
            if (uri.Host != "api.contoso.com") { return; }
            Sink(uri);
            Sink(taintedInput);
            """));
        AssertClean(results[0]);
        AssertClean(results[1]);
    }

    [Fact]
    public async Task StringContains_IsNoAllowList()
    {
        var result = await Single("""if (taintedInput.Contains("contoso")) { Sink(taintedInput); }""");
        AssertFull(result);
    }

    [Fact]
    public async Task StringBuilder_TaintsBuilder()
    {
        var results = await RunAsync(Method("""
            var sb = new StringBuilder();
            sb.Append("a").Append(taintedInput);
            Sink(sb.ToString());
            var clean = new StringBuilder("x");
            clean.AppendLine("y");
            Sink(clean.ToString());
            var pinned = new StringBuilder("https://api.contoso.com/");
            pinned.Append(taintedInput);
            Sink(pinned.ToString());
            """));
        AssertFull(results[0]);
        AssertClean(results[1]);
        AssertShape(results[2], "AfterPrefix");
    }

    [Fact]
    public async Task Collections_AddTaintsCollection_AndReadsAreTainted()
    {
        var results = await RunAsync(Method("""
            var list = new List<string>();
            list.Add(taintedInput);
            Sink(list[0]);
            Sink(list.First());
            var map = new Dictionary<string, string>();
            map["k"] = taintedInput;
            map.TryGetValue("k", out var v);
            Sink(v);
            var cleanList = new List<string> { "a" };
            Sink(cleanList[0]);
            """));
        AssertFull(results[0]);
        AssertFull(results[1]);
        AssertFull(results[2]);
        AssertClean(results[3]);
    }

    [Fact]
    public async Task ObjectMembers_PropagateThroughInstance()
    {
        var results = await RunAsync(Method("""
            var dto = new Dto { Url = taintedInput };
            Sink(dto.Url);
            var t = (taintedInput, 1);
            Sink(t.Item1);
            """, "public class Dto { public string Url { get; set; } = \"\"; }"));
        AssertFull(results[0]);
        AssertFull(results[1]);
    }

    [Fact]
    public async Task OwnFields_WrittenAndReadInMethod()
    {
        var results = await RunAsync(Method("""
            Sink(field);
            field = taintedInput;
            Sink(field);
            field = "x";
            Sink(this.field);
            """));
        AssertClean(results[0]);
        AssertFull(results[1]);
        AssertClean(results[2]);
    }

    [Fact]
    public async Task Uri_AndPathCombine_Propagate()
    {
        var results = await RunAsync(Method("""
            Sink(new Uri(taintedInput));
            Sink(new Uri(new Uri("https://api.contoso.com/"), taintedInput));
            Uri.TryCreate(taintedInput, UriKind.Absolute, out var parsed);
            Sink(parsed);
            Sink(System.IO.Path.Combine("/tmp", taintedInput));
            Sink(new Uri("https://api.contoso.com/" + taintedInput));
            """));
        AssertFull(results[0]);
        AssertFull(results[1]);
        AssertFull(results[2]);
        AssertFull(results[3]);
        AssertShape(results[4], "AfterPrefix");
    }

    [Fact]
    public async Task Await_AndTaskFromResult_Propagate()
    {
        var result = await Single("", """
            async Task N(string taintedValue)
            {
                var s = await Task.FromResult(taintedValue);
                Sink(s);
            }
            """);
        AssertFull(result);
    }

    [Fact]
    public async Task HelperSummary_OneLevel()
    {
        var results = await RunAsync(Method("""
            Sink(BuildQuery(taintedInput));
            Sink(BuildQuery("x"));
            Sink(Ignore(taintedInput));
            Sink(Pinned(taintedInput));
            Sink(Validated(taintedInput));
            """, """
            private static string BuildQuery(string name) => "SELECT * FROM T WHERE Name = '" + name + "'";
            private static string Ignore(string name) => "constant";
            private static string Pinned(string path) => "https://api.contoso.com/" + path;
            private static string Validated(string value)
            {
                if (!Allowed.Contains(value)) { throw new ArgumentException(); }
                return value;
            }
            """));
        AssertFull(results[0]);
        AssertClean(results[1]);
        AssertClean(results[2]);
        AssertShape(results[3], "AfterPrefix");
        AssertClean(results[4]);
    }

    [Fact]
    public async Task HelperSummary_TwoLevels_AndOwnSource()
    {
        var results = await RunAsync(Method("""
            Sink(Outer(taintedInput));
            Sink(ReadsSource());
            """, """
            private static string Outer(string a) => Inner(a) + "!";
            private static string Inner(string b) { var sb = new StringBuilder(); sb.Append(b); return sb.ToString(); }
            private static string ReadsSource() => Source().Trim();
            """));
        AssertFull(results[0]);
        AssertFull(results[1]);
        Assert.Equal("Source()", results[1].Origin);
    }

    [Fact]
    public async Task Recursion_Terminates()
    {
        var results = await RunAsync(Method("""
            Sink(Rec(taintedInput, 3));
            Sink(Even(other, 4));
            """, """
            private static string Rec(string s, int n) => n == 0 ? s : Rec(s + "x", n - 1);
            private static string Even(string s, int n) => n == 0 ? s : Odd(s, n - 1);
            private static string Odd(string s, int n) => n == 0 ? s : Even(s, n - 1);
            """));
        AssertFull(results[0]);
        AssertClean(results[1]);
    }

    [Fact]
    public async Task LocalFunctions_AndLambdas()
    {
        var results = await RunAsync(Method("""
            string Wrap(string s) => "<" + s + ">";
            Sink(Wrap(taintedInput));
            Sink(Wrap("x"));
            Func<string, string> f = s => s;
            Sink(f(taintedInput));
            Action<string> a = taintedLambdaParameter => Sink(taintedLambdaParameter);
            """));
        AssertFull(results[0]);
        AssertClean(results[1]);
        AssertFull(results[2]);
        AssertFull(results[3]);
    }

    [Fact]
    public async Task TryCatchFinally_StateReachesHandlers()
    {
        var results = await RunAsync(Method("""
            var a = "x";
            try { a = taintedInput; number.ToString(); }
            catch (Exception) { Sink(a); }
            finally { Sink(a); }
            """));
        AssertFull(results[0]);
        AssertFull(results[1]);
    }

    [Fact]
    public async Task SwitchAndPatterns_Propagate()
    {
        var results = await RunAsync(Method("""
            object o = taintedInput;
            if (o is string s) { Sink(s); }
            var r = number switch { 1 => taintedInput, _ => "x" };
            Sink(r);
            var (x, y) = (taintedInput, "c");
            Sink(x);
            Sink(y);
            """));
        AssertFull(results[0]);
        AssertFull(results[1]);
        AssertFull(results[2]);
        AssertClean(results[3]);
    }

    [Fact]
    public async Task UnknownValue_MakesNonConstantTextTainted_ButTypedHolesStayTyped()
    {
        var results = await RunAsync(Method("""
            Sink("SELECT " + other);
            Sink("SELECT " + number);
            Sink("SELECT " + "x");
            Sink($"SELECT {Environment.MachineName}");
            """), unknownAsNonConstant: true);
        Assert.True(results[0].Labels == "clean" || results[0].Labels.Contains("Full"), results[0].ToString());
        Assert.DoesNotContain("Full", results[1].Labels, StringComparison.Ordinal);
        AssertClean(results[2]);
        AssertFull(results[3]);
        Assert.Contains("NonConstant", results[3].Labels, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeMethod_IsSkippedOrFast_NeverHangs()
    {
        var body = new StringBuilder();
        body.AppendLine("var s = taintedInput; var t = \"\";");
        for (var i = 0; i < 5000; i++)
        {
            body.AppendLine(i % 3 == 0 ? $"if (number > {i}) {{ t = s + \"{i}\"; }}" : $"t = t + \"{i}\";");
        }

        body.AppendLine("Sink(t);");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var results = await RunAsync(Method(body.ToString()));
        watch.Stop();
        Assert.Single(results);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), watch.Elapsed.ToString());
    }

    [Fact]
    public async Task LongConcatenationChain_DoesNotOverflow()
    {
        var chain = string.Join(" + ", Enumerable.Range(0, 3000).Select(i => i % 2 == 0 ? "taintedInput" : $"\"{i}\""));
        var results = await RunAsync(Method($"Sink({chain});"));
        Assert.Single(results);
    }

    [Fact]
    public async Task PartialCode_DoesNotCrash()
    {
        var source = Method("""
            var a = taintedInput +
            Sink(a
            if (Allowed.Contains( { }
            Sink(Undefined(taintedInput));
            """);
        var results = await RunAsync(source, allowErrors: true);
        Assert.NotNull(results);
    }

    [Fact]
    public void PinnedHost_Parsing()
    {
        Assert.True(TaintGuards.TryGetPinnedHost("https://api.contoso.com/", out var host));
        Assert.Equal("api.contoso.com", host);
        Assert.True(TaintGuards.TryGetPinnedHost("http://user@h.example:8080/x?y", out host));
        Assert.Equal("h.example", host);
        Assert.True(TaintGuards.TryGetPinnedHost("https://h.example?q=", out _));
        Assert.False(TaintGuards.TryGetPinnedHost("https://api.contoso.com", out _));
        Assert.False(TaintGuards.TryGetPinnedHost("https://", out _));
        Assert.False(TaintGuards.TryGetPinnedHost("/api/", out _));
        Assert.False(TaintGuards.TryGetPinnedHost("ftp://h/", out _));
    }
}

using AzSecAnalyzers.CodeFixes;
using Microsoft.CodeAnalysis.Testing;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpCodeFixVerifier<
    AzSecAnalyzers.Rules.Api.UnsafeDeserializationAnalyzer,
    AzSecAnalyzers.CodeFixes.Rules.Api.UnsafeDeserializationCodeFix>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class UnsafeDeserializationCodeFixTests
{
    private const string JsonFix = "use TypeNameHandling.None, or set a SerializationBinder that allows only known types";

    private static DiagnosticResult Handling(int location, string value, string owner = "JsonSerializerSettings")
        => Verify.Diagnostic(Descriptors.AZSEC411_UnsafeDeserialization).WithLocation(location)
            .WithArguments($"'TypeNameHandling.{value}' on {owner}", "the serialized data", JsonFix);

    [Fact]
    public Task TypeNameHandlingValues_BecomeNone_FixAll() => Verify.VerifyCodeFixAsync("""
        using Newtonsoft.Json;

        static class Json
        {
            public static JsonSerializerSettings Settings() => new JsonSerializerSettings
            {
                TypeNameHandling = {|#0:TypeNameHandling.All|}, // polymorphic payloads
                Formatting = Formatting.Indented,
            };

            public static JsonSerializer Serializer(JsonSerializerSettings settings)
            {
                settings.TypeNameHandling = {|#1:Newtonsoft.Json.TypeNameHandling.Objects|};
                var handling = TypeNameHandling.Auto;
                var serializer = JsonSerializer.Create(settings);
                serializer.TypeNameHandling = {|#2:handling|};
                return serializer;
            }
        }
        """, new[] { Handling(0, "All"), Handling(1, "Objects"), Handling(2, "Auto", "JsonSerializer") }, """
        using Newtonsoft.Json;

        static class Json
        {
            public static JsonSerializerSettings Settings() => new JsonSerializerSettings
            {
                TypeNameHandling = TypeNameHandling.None, // polymorphic payloads
                Formatting = Formatting.Indented,
            };

            public static JsonSerializer Serializer(JsonSerializerSettings settings)
            {
                settings.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None;
                var handling = TypeNameHandling.Auto;
                var serializer = JsonSerializer.Create(settings);
                serializer.TypeNameHandling = TypeNameHandling.None;
                return serializer;
            }
        }
        """, EquivalenceKeys.UseTypeNameHandlingNone);

    [Fact]
    public Task LocalWithoutUsing_AddsNewtonsoftUsing() => Verify.VerifyCodeFixAsync("""
        using System;

        static class Json
        {
            public static Newtonsoft.Json.JsonSerializerSettings Settings()
            {
                var handling = Newtonsoft.Json.TypeNameHandling.Auto;
                return new Newtonsoft.Json.JsonSerializerSettings { TypeNameHandling = {|#0:handling|} };
            }
        }
        """, Handling(0, "Auto"), """
        using System;
        using Newtonsoft.Json;

        static class Json
        {
            public static Newtonsoft.Json.JsonSerializerSettings Settings()
            {
                var handling = Newtonsoft.Json.TypeNameHandling.Auto;
                return new Newtonsoft.Json.JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            }
        }
        """, EquivalenceKeys.UseTypeNameHandlingNone);

    [Fact]
    public Task Attribute_BecomesNone() => Verify.VerifyCodeFixAsync("""
        using Newtonsoft.Json;

        sealed class Envelope
        {
            [JsonProperty(TypeNameHandling = {|#0:TypeNameHandling.All|})]
            public object? Payload { get; set; }
        }
        """,
        Verify.Diagnostic(Descriptors.AZSEC411_UnsafeDeserialization).WithLocation(0)
            .WithArguments("'TypeNameHandling = TypeNameHandling.All' on [JsonProperty]", "the serialized data", "remove TypeNameHandling or use TypeNameHandling.None"),
        """
        using Newtonsoft.Json;

        sealed class Envelope
        {
            [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
            public object? Payload { get; set; }
        }
        """, EquivalenceKeys.UseTypeNameHandlingNone);

    [Fact]
    public Task Formatter_HasNoFix()
    {
        var source = """
            #pragma warning disable SYSLIB0011
            using System.IO;
            using System.Runtime.Serialization.Formatters.Binary;

            static class Handler
            {
                public static object Read(Stream stream) => new BinaryFormatter().{|#0:Deserialize|}(stream);
            }
            """;
        return Verify.VerifyCodeFixAsync(
            source,
            Verify.Diagnostic(Descriptors.AZSEC411_UnsafeDeserialization).WithLocation(0)
                .WithArguments("BinaryFormatter.Deserialize", "the serialized data", "use System.Text.Json, or DataContractSerializer with known types"),
            source);
    }
}

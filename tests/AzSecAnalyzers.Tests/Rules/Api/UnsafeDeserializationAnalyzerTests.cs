using AzSecAnalyzers.Tests.StandIns;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Verify = AzSecAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AzSecAnalyzers.Rules.Api.UnsafeDeserializationAnalyzer>;

namespace AzSecAnalyzers.Tests.Rules.Api;

public class UnsafeDeserializationAnalyzerTests
{
    private const string Data = "the serialized data";
    private const string JsonFix = "use TypeNameHandling.None, or set a SerializationBinder that allows only known types";
    private const string FormatterFix = "use System.Text.Json, or DataContractSerializer with known types";

    private static DiagnosticResult Expected(int location, string api, string input, string fix)
        => Verify.Diagnostic(Descriptors.AZSEC411_UnsafeDeserialization).WithLocation(location).WithArguments(api, input, fix);

    private static DiagnosticResult Handling(int location, string value, string owner = "JsonSerializerSettings", string input = Data)
        => Expected(location, $"'TypeNameHandling.{value}' on {owner}", input, JsonFix);

    private static Task VerifyWithStandInsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new Verify.Test { TestCode = source };
        test.TestState.Sources.Add(("NetFrameworkSerializers.cs", SourceText.From(DeserializationStandIns.NetFrameworkSerializers)));
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task TypeNameHandling_InitializerAndAssignments_Trigger() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        static class Json
        {
            public static JsonSerializerSettings Settings() => new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.All|} };

            public static JsonSerializer Serializer(JsonSerializerSettings settings)
            {
                settings.TypeNameHandling = {|#1:TypeNameHandling.Objects|};
                var serializer = JsonSerializer.Create(settings);
                serializer.TypeNameHandling = {|#2:Newtonsoft.Json.TypeNameHandling.Auto|};
                return serializer;
            }

            public static JsonSerializerSettings Casted() => new() { TypeNameHandling = {|#3:(TypeNameHandling)2|} };
        }
        """,
        Handling(0, "All"),
        Handling(1, "Objects"),
        Handling(2, "Auto", owner: "JsonSerializer"),
        Handling(3, "Arrays"));

    [Fact]
    public Task TypeNameHandling_ConstantThroughLocal_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        static class Json
        {
            public static object? Read(string json)
            {
                var handling = TypeNameHandling.Auto;
                const TypeNameHandling Constant = TypeNameHandling.All;
                var settings = new JsonSerializerSettings { TypeNameHandling = {|#0:handling|} };
                var other = new JsonSerializerSettings { TypeNameHandling = {|#1:Constant|} };
                return JsonConvert.DeserializeObject(json, settings) ?? JsonConvert.DeserializeObject(json, other);
            }
        }
        """,
        Handling(0, "Auto"),
        Handling(1, "All"));

    [Fact]
    public Task TypeNameHandling_OnServiceBusBody_SaysSo() => Verify.VerifyAnalyzerAsync("""
        using Azure.Messaging.ServiceBus;
        using Newtonsoft.Json;

        record Order(string Id);

        static class Handler
        {
            public static Order? Handle(ServiceBusReceivedMessage message)
                => JsonConvert.DeserializeObject<Order>(message.Body.ToString(), new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.Auto|} });
        }
        """,
        Handling(0, "Auto", input: "the Service Bus message body"));

    [Fact]
    public Task TypeNameHandling_OnEventHubsBodyThroughLocal_SaysSo() => Verify.VerifyAnalyzerAsync("""
        using Azure.Messaging.EventHubs;
        using Newtonsoft.Json;

        static class Handler
        {
            public static object? Handle(EventData eventData)
            {
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = {|#0:TypeNameHandling.Objects|};
                var json = eventData.EventBody.ToString();
                return JsonConvert.DeserializeObject(json, settings);
            }
        }
        """,
        Handling(0, "Objects", input: "the Event Hubs event body"));

    [Fact]
    public Task TypeNameHandling_SerializerCreatedFromSettingsReadingQueueMessage_SaysSo() => Verify.VerifyAnalyzerAsync("""
        using System.IO;
        using Azure.Storage.Queues.Models;
        using Newtonsoft.Json;

        static class Handler
        {
            public static object? Handle(QueueMessage message)
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.All|} };
                var serializer = JsonSerializer.Create(settings);
                using var reader = new JsonTextReader(new StreamReader(message.Body.ToStream()));
                return serializer.Deserialize(reader);
            }

            public static object? Text(QueueMessage message)
            {
                var serializer = new JsonSerializer();
                serializer.TypeNameHandling = {|#1:TypeNameHandling.Auto|};
                return serializer.Deserialize(new StringReader(message.MessageText), typeof(object));
            }
        }
        """,
        Handling(0, "All", input: "the Storage queue message body"),
        Handling(1, "Auto", owner: "JsonSerializer", input: "the Storage queue message body"));

    [Fact]
    public Task TypeNameHandling_WithRestrictiveBinder_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        sealed class KnownTypesBinder : ISerializationBinder
        {
            public Type BindToType(string? assemblyName, string typeName) => typeName == "Order" ? typeof(object) : throw new JsonSerializationException();
            public void BindToName(Type serializedType, out string? assemblyName, out string? typeName) { assemblyName = null; typeName = serializedType.Name; }
        }

        sealed class Holder { public JsonSerializerSettings Settings { get; } = new(); }

        static class Json
        {
            public static JsonSerializerSettings InInitializer() => new JsonSerializerSettings
            {
                TypeNameHandling = TypeNameHandling.Auto,
                SerializationBinder = new KnownTypesBinder(),
            };

            public static JsonSerializerSettings Later()
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Objects };
                settings.SerializationBinder = new KnownTypesBinder();
                return settings;
            }

            public static JsonSerializer Injected(ISerializationBinder binder)
            {
                var serializer = new JsonSerializer();
                serializer.TypeNameHandling = TypeNameHandling.All;
                serializer.SerializationBinder = binder;
                return serializer;
            }

            public static void Nested(Holder holder)
            {
                holder.Settings.TypeNameHandling = TypeNameHandling.All;
                holder.Settings.SerializationBinder = new KnownTypesBinder();
            }
        }
        """);

    [Fact]
    public Task TypeNameHandling_WithDefaultOrNullOrOtherObjectsBinder_Triggers() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Newtonsoft.Json;
        using Newtonsoft.Json.Serialization;

        sealed class KnownTypesBinder : DefaultSerializationBinder { }

        static class Json
        {
            public static JsonSerializerSettings Default() => new JsonSerializerSettings
            {
                TypeNameHandling = {|#0:TypeNameHandling.Auto|},
                SerializationBinder = new DefaultSerializationBinder(),
            };

            public static JsonSerializerSettings Null() => new JsonSerializerSettings
            {
                TypeNameHandling = {|#1:TypeNameHandling.Auto|},
                SerializationBinder = null,
            };

            public static JsonSerializerSettings Other()
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = {|#2:TypeNameHandling.All|} };
                var other = new JsonSerializerSettings { SerializationBinder = new KnownTypesBinder() };
                return settings;
            }
        }
        """,
        Handling(0, "Auto"),
        Handling(1, "Auto"),
        Handling(2, "All"));

    [Fact]
    public Task TypeNameHandling_NoneOrComputedOrUserType_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Newtonsoft.Json;

        sealed class MySettings { public TypeNameHandling TypeNameHandling { get; set; } }

        static class Json
        {
            public static JsonSerializerSettings None() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };

            public static JsonSerializerSettings Configured(string value)
                => new JsonSerializerSettings { TypeNameHandling = Enum.Parse<TypeNameHandling>(value) };

            public static MySettings UserType() => new MySettings { TypeNameHandling = TypeNameHandling.All };

            public static JsonSerializerSettings LocalNone()
            {
                var handling = TypeNameHandling.None;
                return new JsonSerializerSettings { TypeNameHandling = handling };
            }
        }
        """);

    [Fact]
    public Task TypeNameHandling_OnlyForWriting_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        static class Json
        {
            public static string Inline(object value)
                => JsonConvert.SerializeObject(value, Formatting.Indented, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto });

            public static string Local(object value)
            {
                var settings = new JsonSerializerSettings();
                settings.TypeNameHandling = TypeNameHandling.All;
                return JsonConvert.SerializeObject(value, settings);
            }
        }
        """);

    [Fact]
    public Task TypeNameHandling_WrittenAndRead_Triggers() => Verify.VerifyAnalyzerAsync("""
        using Newtonsoft.Json;

        static class Json
        {
            public static T Copy<T>(T value)
            {
                var settings = new JsonSerializerSettings { TypeNameHandling = {|#0:TypeNameHandling.Objects|} };
                return JsonConvert.DeserializeObject<T>(JsonConvert.SerializeObject(value, settings), settings)!;
            }
        }
        """,
        Handling(0, "Objects"));

    [Fact]
    public Task JsonAttributes_Trigger() => Verify.VerifyAnalyzerAsync("""
        using System.Collections.Generic;
        using Newtonsoft.Json;

        [JsonObject(ItemTypeNameHandling = {|#0:TypeNameHandling.Auto|})]
        sealed class Envelope
        {
            [JsonProperty(TypeNameHandling = {|#1:TypeNameHandling.All|})]
            public object? Payload { get; set; }

            [JsonProperty("items", ItemTypeNameHandling = {|#2:TypeNameHandling.Objects|})]
            public List<object> Items { get; set; } = new();

            [JsonProperty(TypeNameHandling = TypeNameHandling.None)]
            public object? Safe { get; set; }
        }
        """,
        Expected(0, "'ItemTypeNameHandling = TypeNameHandling.Auto' on [JsonObject]", Data, "remove ItemTypeNameHandling or use TypeNameHandling.None"),
        Expected(1, "'TypeNameHandling = TypeNameHandling.All' on [JsonProperty]", Data, "remove TypeNameHandling or use TypeNameHandling.None"),
        Expected(2, "'ItemTypeNameHandling = TypeNameHandling.Objects' on [JsonProperty]", Data, "remove ItemTypeNameHandling or use TypeNameHandling.None"));

    [Fact]
    public Task BinaryFormatter_DeserializeCallReportedOnce() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using Azure.Messaging.ServiceBus;

        static class Handler
        {
            public static object Inline(Stream stream) => new BinaryFormatter().{|#0:Deserialize|}(stream);

            public static object Local(ServiceBusReceivedMessage message)
            {
                var formatter = new BinaryFormatter();
                return formatter.{|#1:Deserialize|}(message.Body.ToStream());
            }

            public static object Injected(BinaryFormatter formatter, byte[] bytes)
                => formatter.{|#2:Deserialize|}(new MemoryStream(bytes));
        }
        """,
        Expected(0, "BinaryFormatter.Deserialize", Data, FormatterFix),
        Expected(1, "BinaryFormatter.Deserialize", "the Service Bus message body", FormatterFix),
        Expected(2, "BinaryFormatter.Deserialize", Data, FormatterFix));

    [Fact]
    public Task BinaryFormatter_CreationWithoutVisibleDeserialize_Triggers() => Verify.VerifyAnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.Runtime.Serialization.Formatters.Binary;

        sealed class Cache
        {
            private readonly BinaryFormatter _formatter = {|#0:new BinaryFormatter()|};

            public static BinaryFormatter Create() => {|#1:new()|};
        }
        """,
        Expected(0, "BinaryFormatter", Data, FormatterFix),
        Expected(1, "BinaryFormatter", Data, FormatterFix));

    [Fact]
    public Task NetFrameworkFormatters_Trigger() => VerifyWithStandInsAsync("""
        using System.IO;
        using System.Runtime.Serialization;
        using System.Runtime.Serialization.Formatters.Soap;
        using System.Web.UI;
        using Azure.Storage.Queues.Models;

        static class Legacy
        {
            public static object Ndc(Stream stream) => new NetDataContractSerializer().{|#0:ReadObject|}(stream);

            public static object Soap(Stream stream) => new SoapFormatter().{|#1:Deserialize|}(stream);

            public static object Los(QueueMessage message) => new LosFormatter().{|#2:Deserialize|}(message.MessageText);

            public static ObjectStateFormatter State() => {|#3:new ObjectStateFormatter()|};
        }
        """,
        Expected(0, "NetDataContractSerializer.ReadObject", Data, "use DataContractSerializer with known types, or System.Text.Json"),
        Expected(1, "SoapFormatter.Deserialize", Data, FormatterFix),
        Expected(2, "LosFormatter.Deserialize", "the Storage queue message body", "keep view state MAC validation on and do not deserialize client data with it; store the data server-side or use System.Text.Json"),
        Expected(3, "ObjectStateFormatter", Data, "keep view state MAC validation on and do not deserialize client data with it; store the data server-side or use System.Text.Json"));

    [Fact]
    public Task JavaScriptSerializer_WithSimpleTypeResolver_Triggers_OtherwiseNot() => VerifyWithStandInsAsync("""
        using System;
        using System.Web.Script.Serialization;

        sealed class OnlyOrders : JavaScriptTypeResolver
        {
            public override Type ResolveType(string id) => id == "Order" ? typeof(object) : throw new InvalidOperationException();
            public override string ResolveTypeId(Type type) => type.Name;
        }

        static class Legacy
        {
            public static JavaScriptSerializer Unsafe() => new JavaScriptSerializer({|#0:new SimpleTypeResolver()|});

            public static JavaScriptSerializer Plain() => new JavaScriptSerializer();

            public static JavaScriptSerializer Restricted() => new JavaScriptSerializer(new OnlyOrders());
        }
        """,
        Expected(0, "JavaScriptSerializer with SimpleTypeResolver", Data, "construct JavaScriptSerializer without a type resolver, or move to System.Text.Json"));

    [Fact]
    public Task UserTypesNamedLikeFormatters_DoNotTrigger() => Verify.VerifyAnalyzerAsync("""
        namespace MyApp
        {
            sealed class BinaryFormatter { public object Deserialize(System.IO.Stream s) => new(); }

            static class Use
            {
                public static object Read(System.IO.Stream s) => new BinaryFormatter().Deserialize(s);
            }
        }
        """);

    [Fact]
    public Task GeneratedCode_DoesNotTrigger() => Verify.VerifyAnalyzerAsync("""
        // <auto-generated/>
        using Newtonsoft.Json;

        static class Json
        {
            public static JsonSerializerSettings Settings() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.All };
        }
        """);

    [Fact]
    public async Task PartialCode_DoesNotCrash()
    {
        var test = new Verify.Test
        {
            TestCode = """
                using Newtonsoft.Json;
                using System.Runtime.Serialization.Formatters.Binary;

                static class Json
                {
                    public static object Settings(System.IO.Stream s)
                    {
                        var settings = new JsonSerializerSettings { TypeNameHandling = TypeNameHandling. };
                        settings.TypeNameHandling = ;
                        settings.SerializationBinder = new ;
                        var f = {|#0:new BinaryFormatter(|};
                        return f.Deserialize(
                    }
                }
                """,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        // The broken Deserialize( call binds to nothing, so the creation carries the finding.
        test.ExpectedDiagnostics.Add(Expected(0, "BinaryFormatter", Data, FormatterFix));
        await test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task NoNewtonsoftOrFormatter_NothingRegistered() => new Verify.Test
    {
        TestCode = """
            static class Json
            {
                public static object Read(string s) => System.Text.Json.JsonSerializer.Deserialize<object>(s)!;
            }
            """,
        NetCoreOnly = true,
    }.RunAsync(CancellationToken.None);
}

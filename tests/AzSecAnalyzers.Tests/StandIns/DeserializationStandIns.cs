namespace AzSecAnalyzers.Tests.StandIns;

/// <summary>
/// Minimal stand-ins for .NET Framework-only serializers that no .NET 10 reference and no served
/// package provides (System.Runtime.Serialization's NetDataContractSerializer, SoapFormatter,
/// System.Web's LosFormatter and ObjectStateFormatter, System.Web.Extensions' JavaScriptSerializer):
/// only the public signatures AZSEC411 looks at, copied from the .NET Framework API, in their own
/// namespaces. Added as test sources. BinaryFormatter is not here: the .NET 10 reference has it.
/// </summary>
internal static class DeserializationStandIns
{
    public const string NetFrameworkSerializers = """
        namespace System.Runtime.Serialization
        {
            public sealed class NetDataContractSerializer
            {
                public NetDataContractSerializer() { }
                public object Deserialize(System.IO.Stream stream) => null!;
                public object ReadObject(System.IO.Stream stream) => null!;
                public void Serialize(System.IO.Stream stream, object graph) { }
            }
        }

        namespace System.Runtime.Serialization.Formatters.Soap
        {
            public sealed class SoapFormatter
            {
                public SoapFormatter() { }
                public object Deserialize(System.IO.Stream serializationStream) => null!;
            }
        }

        namespace System.Web.UI
        {
            public sealed class LosFormatter
            {
                public LosFormatter() { }
                public object Deserialize(string input) => null!;
            }

            public sealed class ObjectStateFormatter
            {
                public ObjectStateFormatter() { }
                public object Deserialize(string inputString) => null!;
            }
        }

        namespace System.Web.Script.Serialization
        {
            public abstract class JavaScriptTypeResolver
            {
                public abstract System.Type ResolveType(string id);
                public abstract string ResolveTypeId(System.Type type);
            }

            public class SimpleTypeResolver : JavaScriptTypeResolver
            {
                public SimpleTypeResolver() { }
                public override System.Type ResolveType(string id) => null!;
                public override string ResolveTypeId(System.Type type) => null!;
            }

            public class JavaScriptSerializer
            {
                public JavaScriptSerializer() { }
                public JavaScriptSerializer(JavaScriptTypeResolver resolver) { }
                public T Deserialize<T>(string input) => default!;
            }
        }
        """;
}

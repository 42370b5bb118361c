using Newtonsoft.Json;

namespace InsecureApp;

// "$type" in the payload picks the .NET type to create (AZSEC411).
public static class DeserializationExamples
{
    public static object? ReadEvent(string json)
        => JsonConvert.DeserializeObject(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.Auto });
}

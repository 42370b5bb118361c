using Newtonsoft.Json;

namespace SecureApp;

// The declared type decides what is created; "$type" in the payload is ignored.
public sealed record OrderEvent(string OrderId, string Status);

public static class DeserializationExamples
{
    public static OrderEvent? ReadEvent(string json)
        => JsonConvert.DeserializeObject<OrderEvent>(json, new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None });
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Platform.Grains.Interfaces.Ids;

namespace Platform.Grains.Interfaces.Json;

/// <summary>Writes a typed id as its bare string, so that messages stay readable by devices and scripts.</summary>
public sealed class StringIdJsonConverter<TId> : JsonConverter<TId>
    where TId : struct, IStringId<TId>
{
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? TId.From(reader.GetString()!)
            : throw new JsonException($"{typeof(TId).Name} must be a JSON string.");

    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);

    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TId.From(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.Value);
}

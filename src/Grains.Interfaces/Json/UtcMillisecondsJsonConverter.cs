using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Platform.Grains.Interfaces.Json;

/// <summary>
/// The time format of DeepStream's messages: UTC, ISO-8601, exactly three fractional digits and 'Z'
/// ("2021-07-28T17:53:18.805Z"). Reading accepts any ISO-8601 precision and offset.
/// </summary>
public sealed class UtcMillisecondsJsonConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToWire(DateTimeOffset value) =>
        value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw new JsonException("A time must be an ISO-8601 string such as 2021-07-28T17:53:18.805Z.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ToWire(value));
}

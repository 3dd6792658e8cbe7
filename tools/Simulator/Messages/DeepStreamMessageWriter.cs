using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.Simulator.Model;

namespace Platform.Simulator.Messages;

/// <summary>
/// Writes frames as DeepStream would (see shared/samples/deepstream/events-full.jsonl). Message ids are derived
/// from sensor, time and object, never random, so a scene replayed from the same start yields identical bytes.
/// </summary>
public static class DeepStreamMessageWriter
{
    public static IEnumerable<DeepStreamMessage> Write(SimulatedFrame frame, DeepStreamSchema schema) => schema switch
    {
        DeepStreamSchema.Full => frame.Objects.Select(o => new DeepStreamMessage(frame.SensorId, frame.Timestamp, Full(frame, o))),
        DeepStreamSchema.Minimal => [new DeepStreamMessage(frame.SensorId, frame.Timestamp, Minimal(frame))],
        DeepStreamSchema.Protobuf => [new DeepStreamMessage(frame.SensorId, frame.Timestamp, NvFrameWriter.Write(frame, StableGuid("message", frame.SensorId, Timestamp(frame), "")))],
        _ => throw new ArgumentOutOfRangeException(nameof(schema), schema, null),
    };

    public static IEnumerable<DeepStreamMessage> Write(IEnumerable<SimulatedFrame> frames, DeepStreamSchema schema) =>
        frames.SelectMany(frame => Write(frame, schema));

    private static byte[] Full(SimulatedFrame frame, SimulatedObject o)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("messageid", StableGuid("message", frame.SensorId, Timestamp(frame), o.TrackingId));
            json.WriteString("mdsversion", "1.0");
            json.WriteString("@timestamp", Timestamp(frame));
            json.WriteStartObject("sensor");
            json.WriteString("id", frame.SensorId);
            json.WriteString("type", "Camera");
            json.WriteString("description", "platform-sim");
            json.WriteEndObject();
            json.WriteStartObject("analyticsModule");
            json.WriteString("id", "platform-sim");
            json.WriteString("source", "platform-sim");
            json.WriteString("version", "1.0");
            json.WriteEndObject();
            json.WriteStartObject("object");
            json.WriteString("id", o.TrackingId);
            json.WriteNumber("speed", 0.0);
            json.WriteNumber("direction", 0.0);
            json.WriteNumber("orientation", 0.0);
            json.WriteNumber("confidence", Math.Round(o.Confidence, 3));
            // nvmsgconv names the class by a key holding its attributes: "Person": {}, "Vehicle": {"type": "sedan"}.
            json.WriteStartObject(o.Label);
            json.WriteEndObject();
            json.WriteStartObject("bbox");
            json.WriteNumber("topleftx", Pixel(o.Left));
            json.WriteNumber("toplefty", Pixel(o.Top));
            json.WriteNumber("bottomrightx", Pixel(o.Right));
            json.WriteNumber("bottomrighty", Pixel(o.Bottom));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject("event");
            json.WriteString("id", StableGuid("event", frame.SensorId, Timestamp(frame), o.TrackingId));
            json.WriteString("type", "moving");
            json.WriteEndObject();
            json.WriteString("videoPath", "");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Minimal(SimulatedFrame frame)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", "4.0");
            json.WriteString("id", StableGuid("message", frame.SensorId, Timestamp(frame), ""));
            json.WriteString("@timestamp", Timestamp(frame));
            json.WriteString("sensorId", frame.SensorId);
            json.WriteStartArray("objects");
            foreach (var o in frame.Objects)
            {
                json.WriteStringValue(string.Join('|', o.TrackingId, Number(o.Left), Number(o.Top), Number(o.Right), Number(o.Bottom), o.Label));
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The frame's time as every schema carries it: to the millisecond, as DeepStream prints it.</summary>
    public static DateTimeOffset Milliseconds(SimulatedFrame frame) =>
        new(frame.Timestamp.UtcTicks - (frame.Timestamp.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string Timestamp(SimulatedFrame frame) =>
        frame.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // Two decimals are what DeepStream prints; the rounding is the same for both schemas so they place objects alike.
    private static double Pixel(double value) => SimulatedObject.Pixel(value);

    private static string Number(double value) => Pixel(value).ToString("0.##", CultureInfo.InvariantCulture);

    private static string StableGuid(params string[] parts)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}

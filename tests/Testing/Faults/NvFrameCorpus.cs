using System.Text.Json.Nodes;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Messaging.DeepStream;
using NvObject = Platform.Messaging.DeepStream.Object;
using R = Platform.Testing.Faults.DeepStreamReasons;

namespace Platform.Testing.Faults;

/// <summary>
/// Malformed (and legitimately odd) DeepStream protobuf frames, built from a real full-schema sample moved into an
/// nv.Frame: cut short, wrong wire types, lengths past the end, fields the schema does not have, missing or
/// out-of-range values. Raw fields are written with protobuf's own <see cref="CodedOutputStream"/>, so that what is
/// wrong is exactly what the case says.
/// </summary>
internal sealed class NvFrameCorpus
{
    private readonly Random random;
    private readonly DateTimeOffset now;
    private readonly Frame valid;
    private readonly List<FaultCase> cases = [];

    private NvFrameCorpus(Random random, DateTimeOffset now, string fullSample)
    {
        (this.random, this.now) = (random, now);
        var sample = JsonNode.Parse(fullSample)!;
        var bbox = sample["object"]!["bbox"]!;
        valid = new Frame
        {
            Version = "4.0",
            Id = "1",
            Timestamp = Timestamp.FromDateTimeOffset(now),
            SensorId = sample["sensor"]!["id"]!.GetValue<string>(),
            Objects =
            {
                new NvObject
                {
                    Id = sample["object"]!["id"]!.GetValue<string>(),
                    Type = "Person",
                    Confidence = 0.9f,
                    Bbox = new Bbox
                    {
                        LeftX = bbox["topleftx"]!.GetValue<float>(), TopY = bbox["toplefty"]!.GetValue<float>(),
                        RightX = bbox["bottomrightx"]!.GetValue<float>(), BottomY = bbox["bottomrighty"]!.GetValue<float>(),
                    },
                },
            },
        };
    }

    public static IEnumerable<FaultCase> Generate(Random random, DateTimeOffset now, string fullSample)
    {
        var corpus = new NvFrameCorpus(random, now, fullSample);
        corpus.Accepted();
        corpus.Truncations();
        corpus.WireErrors();
        corpus.Values();
        return corpus.cases;
    }

    private Frame Valid() => valid.Clone();

    private void Add(string name, byte[] payload, string? reason) => cases.Add(new FaultCase($"protobuf: {name}", payload, reason));

    private void Add(string name, Frame frame, string? reason) => Add(name, frame.ToByteArray(), reason);

    private void Accepted()
    {
        Add("a valid frame", Valid(), null);
        var empty = Valid();
        empty.Objects.Clear();
        Add("a frame without objects", empty, null);
        var attributes = Valid();
        attributes.Objects[0].Info.Add("color", "red");
        attributes.Info.Add("source", "vss");
        Add("info maps on the frame and the object", attributes, null);

        // Fields of the full schema the platform does not read, and fields no schema has yet: skipped.
        Add("fields the platform does not read or know", Append(Valid().ToByteArray(), output =>
        {
            output.WriteTag(6, WireFormat.WireType.LengthDelimited); // fov: TypeMetrics
            output.WriteBytes(ByteString.CopyFrom(0x0A, 0x01, 0x50));
            output.WriteTag(99, WireFormat.WireType.Varint);
            output.WriteUInt64(ulong.MaxValue);
            output.WriteTag(100, WireFormat.WireType.Fixed64);
            output.WriteDouble(double.NaN);
            output.WriteTag(5, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ObjectWithEmbedding());
        }), null);
    }

    /// <summary>Cut strictly inside the objects field (the frame's last): never a shorter valid frame.</summary>
    private void Truncations()
    {
        var bytes = Valid().ToByteArray();
        var objectsAt = bytes.Length - Valid().Objects[0].CalculateSize() - 2; // key and one-byte length
        var offsets = new SortedSet<int> { objectsAt + 1, objectsAt + 2, bytes.Length - 1 };
        while (offsets.Count < 6)
        {
            offsets.Add(random.Next(objectsAt + 1, bytes.Length));
        }

        foreach (var offset in offsets)
        {
            Add($"cut at {offset} of {bytes.Length}", bytes[..offset], R.NotProtobuf);
        }
    }

    private void WireErrors()
    {
        var bytes = Valid().ToByteArray();
        Add("sensorId as a varint", Append(bytes, o => { o.WriteTag(4, WireFormat.WireType.Varint); o.WriteUInt64(7); }), R.NotProtobuf);
        Add("objects as a 32-bit value", Append(bytes, o => { o.WriteTag(5, WireFormat.WireType.Fixed32); o.WriteFixed32(7); }), R.NotProtobuf);
        Add("a bbox coordinate as a varint", Append(bytes, o =>
        {
            o.WriteTag(5, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(m => { m.WriteTag(2, WireFormat.WireType.LengthDelimited); m.WriteBytes(Message(b => { b.WriteTag(1, WireFormat.WireType.Varint); b.WriteUInt64(10); })); }));
        }), R.NotProtobuf);
        Add("timestamp seconds as a string", Append(bytes, o =>
        {
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(Message(t => { t.WriteTag(1, WireFormat.WireType.LengthDelimited); t.WriteString("1700000000"); }));
        }), R.NotProtobuf);
        Add("a proto2 group", Append(bytes, o => o.WriteTag(7, WireFormat.WireType.StartGroup)), R.NotProtobuf);
        Add("wire type 7", [.. bytes, 0x0F], R.NotProtobuf);
        Add("field number 0", [.. bytes, 0x02, 0x00], R.NotProtobuf);
        Add("a varint of 11 bytes", [.. bytes, 0x08, .. Enumerable.Repeat((byte)0xFF, 10), 0x01], R.NotProtobuf);
        Add("a length of 2 GiB", [.. bytes, 0x62, 0xFF, 0xFF, 0xFF, 0xFF, 0x07], R.NotProtobuf);
        Add("a sensorId that is not UTF-8", Append([0x0A, 0x01, 0x31], o =>
        {
            o.WriteTag(3, WireFormat.WireType.LengthDelimited);
            o.WriteMessage(Timestamp.FromDateTimeOffset(now));
            o.WriteTag(4, WireFormat.WireType.LengthDelimited);
            o.WriteBytes(ByteString.CopyFrom(0x63, 0xC3, 0x28, 0x6D));
        }), R.NotProtobuf);
        // Auto-detection reads a record that starts with a quote (0x22: a frame whose first field is its sensorId) as JSON.
        Add("a frame that starts with its sensorId", new Frame { SensorId = valid.SensorId }.ToByteArray(), R.NotJson);
        var huge = Valid();
        huge.Info.Add("padding", new string('p', 1024 * 1024));
        Add("a frame over 1 MiB", huge, R.TooLarge);
    }

    private void Values()
    {
        Add("no sensorId", With(f => f.SensorId = ""), R.MissingSensorId);
        Add("a sensorId of 257 characters", With(f => f.SensorId = new string('s', 257)), R.MissingSensorId);
        Add("a sensorId with a control character", With(f => f.SensorId = "cam\u0007"), R.MissingSensorId);
        Add("no timestamp", With(f => f.Timestamp = null), R.BadTimestamp);
        Add("timestamp nanos -1", With(f => f.Timestamp = new Timestamp { Seconds = now.ToUnixTimeSeconds(), Nanos = -1 }), R.BadTimestamp);
        Add("timestamp in the year 33658", With(f => f.Timestamp = new Timestamp { Seconds = 1_000_000_000_000 }), R.BadTimestamp);
        Add("timestamp at the epoch", With(f => f.Timestamp = new Timestamp()), R.TimestampOutOfRange);
        Add("timestamp 8 days old", With(f => f.Timestamp = Timestamp.FromDateTimeOffset(now.AddDays(-8))), R.TimestampOutOfRange);
        Add("timestamp an hour ahead", With(f => f.Timestamp = Timestamp.FromDateTimeOffset(now.AddHours(1))), R.TimestampOutOfRange);
        Add("1001 objects", With(f =>
        {
            for (var i = 1; i <= 1000; i++)
            {
                var copy = f.Objects[0].Clone();
                copy.Id = $"{i}";
                f.Objects.Add(copy);
            }
        }), R.TooManyObjects);
        Add("an object without id", With(f => f.Objects[0].Id = ""), R.MissingObjectId);
        Add("an object without bbox", With(f => f.Objects[0].Bbox = null), R.BadBoundingBox);
        Add("a bbox of zeros", With(f => f.Objects[0].Bbox = new Bbox()), R.BadBoundingBox);
        Add("a NaN bbox", With(f => f.Objects[0].Bbox.LeftX = float.NaN), R.BadBoundingBox);
        Add("an infinite bbox", With(f => f.Objects[0].Bbox.RightX = float.PositiveInfinity), R.BadBoundingBox);
        Add("an inverted bbox", With(f => (f.Objects[0].Bbox.LeftX, f.Objects[0].Bbox.RightX) = (f.Objects[0].Bbox.RightX, f.Objects[0].Bbox.LeftX)), R.BadBoundingBox);
        Add("an object without type", With(f => f.Objects[0].Type = ""), R.BadObject);
        Add("a type of 65 characters", With(f => f.Objects[0].Type = new string('t', 65)), R.BadObject);
        Add("a confidence of -0.1 (tracked, not detected)", With(f => f.Objects[0].Confidence = -0.1f), null);
    }

    private Frame With(Action<Frame> change)
    {
        var frame = Valid();
        change(frame);
        return frame;
    }

    private static ByteString ObjectWithEmbedding()
    {
        var o = new NvObject { Id = "embedded", Type = "Person", Bbox = new Bbox { LeftX = 1, TopY = 1, RightX = 20, BottomY = 40 } };
        return ByteString.CopyFrom(Append(o.ToByteArray(), output =>
        {
            output.WriteTag(6, WireFormat.WireType.LengthDelimited); // embedding: a packed vector of 256 floats
            output.WriteBytes(Message(e =>
            {
                e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                e.WriteLength(256 * 4);
                for (var i = 0; i < 256; i++)
                {
                    e.WriteFloat(i / 256f);
                }
            }));
        }));
    }

    private static ByteString Message(Action<CodedOutputStream> write) => ByteString.CopyFrom(Append([], write));

    private static byte[] Append(byte[] prefix, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        buffer.Write(prefix);
        using (var output = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(output);
        }

        return buffer.ToArray();
    }
}

using System.Globalization;

namespace Platform.Silo.Ingress;

/// <summary>
/// Walks an nv.Frame's protobuf encoding before anything is built from it: every field must be well formed (a key,
/// then a value of its wire type that fits in the record), the fields the platform reads must have the wire type
/// DeepStream's schema gives them (a generated parser would skip a mismatch as an unknown field, and the error
/// would surface as a "missing" field), and the objects must not outnumber the limit (counted before any is
/// allocated). Unknown fields of any valid wire type pass: newer schemas add fields. Allocates nothing unless it
/// refuses: error texts (with the field's path) are built only then.
/// </summary>
internal static class NvFrameWire
{
    private const int Varint = 0, Fixed64 = 1, Length = 2, Fixed32 = 5;

    public static void Check(ReadOnlySpan<byte> frame, int maxObjects)
    {
        var objects = 0;
        var reader = new FieldReader(frame, 0, Scope.Frame, -1);
        while (reader.Next(out var field, out var value, out var valueAt))
        {
            if (field == 3)
            {
                Walk(new FieldReader(value, valueAt, Scope.Timestamp, -1));
            }
            else if (field == 5)
            {
                if (++objects > maxObjects)
                {
                    throw new IngressRejectedException(DeadLetterReason.TooManyObjects, $"more than {maxObjects} objects, the limit");
                }

                var obj = new FieldReader(value, valueAt, Scope.Object, objects - 1);
                while (obj.Next(out var objectField, out var objectValue, out var objectValueAt))
                {
                    if (objectField == 2)
                    {
                        Walk(new FieldReader(objectValue, objectValueAt, Scope.Bbox, objects - 1));
                    }
                }
            }
        }
    }

    private static void Walk(FieldReader reader)
    {
        while (reader.Next(out _, out _, out _))
        {
        }
    }

    private enum Scope
    {
        Frame,
        Timestamp,
        Object,
        Bbox,
    }

    /// <summary>The fields of one message, in order; a length-delimited field the schema knows comes with its bytes.</summary>
    private ref struct FieldReader(ReadOnlySpan<byte> message, int origin, Scope scope, int objectIndex)
    {
        private readonly ReadOnlySpan<byte> message = message;
        private int at;

        public bool Next(out int field, out ReadOnlySpan<byte> value, out int valueAt)
        {
            value = default;
            valueAt = 0;
            field = 0;
            if (at >= message.Length)
            {
                return false;
            }

            var keyAt = at;
            var key = ReadVarint();
            var wireType = (int)(key & 7);
            field = (int)Math.Min(key >> 3, int.MaxValue);
            if (field == 0)
            {
                throw NotProtobuf($"{Path()}field number 0 at byte {origin + keyAt}");
            }

            if (Schema(scope, field) is { } known && known.WireType != wireType)
            {
                throw NotProtobuf($"{Path()}{Name(field)} has wire type {WireTypeName(wireType)} at byte {origin + keyAt}, "
                    + $"DeepStream's schema gives it {WireTypeName(known.WireType)}");
            }

            switch (wireType)
            {
                case Varint:
                    ReadVarint();
                    break;
                case Fixed64:
                    Skip(8, field);
                    break;
                case Fixed32:
                    Skip(4, field);
                    break;
                case Length:
                    var length = ReadVarint();
                    valueAt = origin + at;
                    var start = at;
                    Skip(length, field);
                    value = message[start..at];
                    break;
                default:
                    // 3 and 4 are proto2 groups, which nothing in this schema uses; 6 and 7 do not exist.
                    throw NotProtobuf($"{Path()}field {field} has wire type {wireType} at byte {origin + keyAt}, which this schema never uses");
            }

            return true;
        }

        private ulong ReadVarint()
        {
            ulong value = 0;
            for (var shift = 0; shift < 64; shift += 7)
            {
                if (at >= message.Length)
                {
                    throw NotProtobuf($"{Path()}cut short inside a varint at byte {origin + at}");
                }

                var b = message[at++];
                value |= (ulong)(b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw NotProtobuf($"{Path()}a varint longer than 10 bytes ends at byte {origin + at}");
        }

        private void Skip(ulong length, int field)
        {
            if (length > (ulong)(message.Length - at))
            {
                throw NotProtobuf($"{Path()}{Name(field)}: {length} bytes at byte {origin + at} run past the end of the "
                    + $"{(scope == Scope.Frame ? "record" : "enclosing field")} ({message.Length - at} bytes left): the record is cut short or a length is wrong");
            }

            at += (int)length;
        }

        private readonly string Path() => scope switch
        {
            Scope.Timestamp => "timestamp.",
            Scope.Object => string.Create(CultureInfo.InvariantCulture, $"objects[{objectIndex}]."),
            Scope.Bbox => string.Create(CultureInfo.InvariantCulture, $"objects[{objectIndex}].bbox."),
            _ => "",
        };

        private readonly string Name(int field) => Schema(scope, field) is { } known
            ? string.Create(CultureInfo.InvariantCulture, $"{known.Name} (field {field})")
            : string.Create(CultureInfo.InvariantCulture, $"field {field}");
    }

    // The fields the platform reads, per message, with the wire type DeepStream's schema gives them.
    private static (string Name, int WireType)? Schema(Scope scope, int field) => (scope, field) switch
    {
        (Scope.Frame, 1) => ("version", Length),
        (Scope.Frame, 2) => ("id", Length),
        (Scope.Frame, 3) => ("timestamp", Length),
        (Scope.Frame, 4) => ("sensorId", Length),
        (Scope.Frame, 5) => ("objects", Length),
        (Scope.Frame, 12) => ("info", Length),
        (Scope.Timestamp, 1) => ("seconds", Varint),
        (Scope.Timestamp, 2) => ("nanos", Varint),
        (Scope.Object, 1) => ("id", Length),
        (Scope.Object, 2) => ("bbox", Length),
        (Scope.Object, 3) => ("type", Length),
        (Scope.Object, 4) => ("confidence", Fixed32),
        (Scope.Object, 5) => ("info", Length),
        (Scope.Bbox, 1) => ("leftX", Fixed32),
        (Scope.Bbox, 2) => ("topY", Fixed32),
        (Scope.Bbox, 3) => ("rightX", Fixed32),
        (Scope.Bbox, 4) => ("bottomY", Fixed32),
        _ => null,
    };

    private static string WireTypeName(int wireType) => wireType switch
    {
        Varint => "varint",
        Fixed64 => "64-bit",
        Length => "length-delimited",
        Fixed32 => "32-bit",
        _ => wireType.ToString(CultureInfo.InvariantCulture),
    };

    private static IngressRejectedException NotProtobuf(string detail) => new(DeadLetterReason.NotProtobuf, $"not an nv.Frame: {detail}");
}

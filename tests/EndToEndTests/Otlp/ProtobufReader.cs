namespace Platform.EndToEndTests.Otlp;

/// <summary>
/// Just enough of the protobuf wire format to walk OTLP messages: field numbers, varints and length-delimited
/// fields; everything else is skipped. (The OTLP proto package is not in the package source; spans need five fields.)
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    private readonly ReadOnlySpan<byte> buffer = buffer;
    private int position;

    /// <summary>Moves to the next field; false at the end.</summary>
    public bool Next(out int field, out int wireType)
    {
        if (position >= buffer.Length)
        {
            field = 0;
            wireType = 0;
            return false;
        }

        var tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        return true;
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = checked((int)ReadVarint());
        var bytes = buffer.Slice(position, length);
        position += length;
        return bytes;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: position += 8; break;
            case 2: ReadBytes(); break;
            case 5: position += 4; break;
            default: throw new FormatException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = buffer[position++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint is longer than 64 bits.");
    }
}

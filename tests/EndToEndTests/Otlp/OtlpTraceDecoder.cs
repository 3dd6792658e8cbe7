using System.Text;

namespace Platform.EndToEndTests.Otlp;

/// <summary>
/// Decodes an OTLP ExportTraceServiceRequest (opentelemetry/proto/collector/trace/v1): resource_spans(1) →
/// resource(1).attributes(1) for service.name, scope_spans(2) → spans(2) → trace_id(1), span_id(2),
/// parent_span_id(4), name(5).
/// </summary>
internal static class OtlpTraceDecoder
{
    public static IEnumerable<CollectedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<CollectedSpan>();
        var reader = new ProtobufReader(request);
        while (reader.Next(out var field, out var wire))
        {
            if (field == 1 && wire == 2)
            {
                ReadResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return spans;
    }

    private static void ReadResourceSpans(ReadOnlySpan<byte> message, List<CollectedSpan> spans)
    {
        var service = "";
        var scopes = new List<byte[]>();
        var reader = new ProtobufReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2): service = ServiceName(reader.ReadBytes()) ?? service; break;
                case (2, 2): scopes.Add(reader.ReadBytes().ToArray()); break;
                default: reader.Skip(wire); break;
            }
        }

        foreach (var scope in scopes)
        {
            var scopeReader = new ProtobufReader(scope);
            while (scopeReader.Next(out var field, out var wire))
            {
                if (field == 2 && wire == 2)
                {
                    spans.Add(ReadSpan(scopeReader.ReadBytes(), service));
                }
                else
                {
                    scopeReader.Skip(wire);
                }
            }
        }
    }

    private static CollectedSpan ReadSpan(ReadOnlySpan<byte> message, string service)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var reader = new ProtobufReader(message);
        while (reader.Next(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, 2): traceId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case (2, 2): spanId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case (4, 2): parent = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case (5, 2): name = Encoding.UTF8.GetString(reader.ReadBytes()); break;
                default: reader.Skip(wire); break;
            }
        }

        return new CollectedSpan(service, traceId, spanId, parent, name);
    }

    /// <summary>Resource.attributes are KeyValue{key(1), value(2): AnyValue{string_value(1)}}.</summary>
    private static string? ServiceName(ReadOnlySpan<byte> resource)
    {
        var reader = new ProtobufReader(resource);
        while (reader.Next(out var field, out var wire))
        {
            if (field != 1 || wire != 2)
            {
                reader.Skip(wire);
                continue;
            }

            string? key = null, value = null;
            var attribute = new ProtobufReader(reader.ReadBytes());
            while (attribute.Next(out var f, out var w))
            {
                if (f == 1 && w == 2)
                {
                    key = Encoding.UTF8.GetString(attribute.ReadBytes());
                }
                else if (f == 2 && w == 2)
                {
                    var any = new ProtobufReader(attribute.ReadBytes());
                    while (any.Next(out var af, out var aw))
                    {
                        if (af == 1 && aw == 2) { value = Encoding.UTF8.GetString(any.ReadBytes()); } else { any.Skip(aw); }
                    }
                }
                else
                {
                    attribute.Skip(w);
                }
            }

            if (key == "service.name")
            {
                return value;
            }
        }

        return null;
    }
}

using Google.Protobuf.WellKnownTypes;

namespace Platform.Silo.Ingress;

/// <summary>A protobuf Timestamp as a time, or a BadTimestamp refusal naming the field when it holds none.</summary>
internal static class ProtobufTime
{
    public static DateTimeOffset Read(Timestamp timestamp, string field)
    {
        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw new IngressRejectedException(DeadLetterReason.BadTimestamp,
                $"{field} {timestamp.Seconds} s + {timestamp.Nanos} ns is not a time between years 1 and 9999 with nanos in [0, 999999999]");
        }
    }
}

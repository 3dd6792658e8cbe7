using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Platform.EdgeAgent.Telemetry;

/// <summary>The W3C <c>traceparent</c> Kafka header: read from commands, written on clip messages.</summary>
internal static class TraceParent
{
    public const string HeaderName = "traceparent";

    public static string? FromHeaders(Headers? headers)
    {
        if (headers is null || !headers.TryGetLastBytes(HeaderName, out var bytes))
        {
            return null;
        }

        var value = Encoding.ASCII.GetString(bytes);
        return ActivityContext.TryParse(value, null, out _) ? value : null;
    }

    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, out var context) ? context : default;

    /// <summary>Starts an activity under <paramref name="parent"/>; returns null when nobody listens.</summary>
    public static Activity? Start(string name, ActivityKind kind, string? parent) =>
        EdgeAgentTelemetry.ActivitySource.StartActivity(name, kind, Parse(parent));

    /// <summary>The context to hand on: this activity's if one is recorded, else the one it continued.</summary>
    public static string? Current(Activity? activity, string? parent) =>
        activity is not null && activity.IdFormat == ActivityIdFormat.W3C ? activity.Id : parent;

    public static void AddTo(Headers headers, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (traceParent is not null)
        {
            headers.Add(HeaderName, Encoding.ASCII.GetBytes(traceParent));
        }
    }
}

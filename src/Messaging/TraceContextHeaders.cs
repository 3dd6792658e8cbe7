using System.Diagnostics;
using System.Text;
using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// W3C trace context in Kafka headers (`traceparent`, `tracestate`), so that one trace runs from the device
/// event through ingress, the grain turn and the command to the clip upload, across processes.
/// </summary>
public static class TraceContextHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>The parent context carried by <paramref name="headers"/>, or default when there is none.</summary>
    public static ActivityContext Extract(Headers? headers)
    {
        if (TraceParentOf(headers) is not { } parent)
        {
            return default;
        }

        string? state = headers!.TryGetLastBytes(TraceState, out var stateBytes) ? Encoding.ASCII.GetString(stateBytes) : null;
        return ActivityContext.TryParse(parent, state, out var context) ? context : default;
    }

    /// <summary>The `traceparent` header's text, or null when there is none.</summary>
    public static string? TraceParentOf(Headers? headers) =>
        headers is not null && headers.TryGetLastBytes(TraceParent, out var parent) ? Encoding.ASCII.GetString(parent) : null;

    /// <summary>
    /// Adds <paramref name="activity"/>'s context to <paramref name="headers"/>; when nobody listens (no
    /// activity was created), passes the incoming <paramref name="parent"/> on instead, so that the trace is
    /// not broken by a process that does not record it.
    /// </summary>
    public static Headers Inject(Activity? activity, Headers headers, ActivityContext parent = default)
    {
        if (activity is not null)
        {
            Add(headers, activity.Id!, activity.TraceStateString);
        }
        else if (parent != default)
        {
            Add(headers, $"00-{parent.TraceId}-{parent.SpanId}-{(parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}", parent.TraceState);
        }

        return headers;
    }

    private static void Add(Headers headers, string traceParent, string? traceState)
    {
        headers.Add(TraceParent, Encoding.ASCII.GetBytes(traceParent));
        if (!string.IsNullOrEmpty(traceState))
        {
            headers.Add(TraceState, Encoding.ASCII.GetBytes(traceState));
        }
    }
}

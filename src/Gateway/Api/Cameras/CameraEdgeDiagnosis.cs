using System.Globalization;
using Platform.Gateway.Api.Agents;
using Platform.Grains.Interfaces.Edge;

namespace Platform.Gateway.Api.Cameras;

/// <summary>
/// Says whether a camera records and, when not, the first reason on the way from the API to the picture: no agent,
/// an agent never seen or gone quiet, a configuration not yet applied, a camera the agent does not report, or the
/// problem its recorder has. Pure, for unit tests.
/// </summary>
public static class CameraEdgeDiagnosis
{
    /// <param name="agentId">The camera's agent (desired); null when no agent is named.</param>
    /// <param name="desiredVersion">The agent's configuration version; null without an agent.</param>
    /// <param name="report">The newest heartbeat of the camera's agent, or of any agent that reports the camera when none is named.</param>
    public static CameraEdgeState Diagnose(
        string cameraId, string? agentId, bool continuous, long? desiredVersion, string? reportedBy, EdgeAgentReport? report, DateTimeOffset now)
    {
        var online = AgentPresence.IsOnline(report, now);
        var camera = report?.Cameras.FirstOrDefault(c => c.CameraId.Value == cameraId);
        var (state, reason) = Explain(agentId, desiredVersion, reportedBy, report, camera, online, now);
        return new CameraEdgeState(cameraId, agentId, continuous, desiredVersion, online, report?.ReportedAt, report?.ConfigVersion,
            reportedBy, camera, state, reason);
    }

    private static (string State, string Reason) Explain(
        string? agentId, long? desiredVersion, string? reportedBy, EdgeAgentReport? report, EdgeCameraStatus? camera, bool online, DateTimeOffset now)
    {
        if (agentId is null && camera is null)
        {
            return (CameraEdgeStates.NoAgent, "No edge agent records this camera: set agentId to a registered agent of its site.");
        }

        var agent = agentId ?? reportedBy;
        if (report is null)
        {
            return (CameraEdgeStates.AgentNeverSeen,
                $"Edge agent '{agent}' has never sent a heartbeat: is it running, with EdgeAgent:AgentId '{agent}' and the broker's address?");
        }

        if (!online)
        {
            return (CameraEdgeStates.AgentOffline,
                $"Edge agent '{agent}' last reported {Ago(now - report.ReceivedAt)} ago; changes reach it when it is back.");
        }

        if (agentId is not null && desiredVersion is { } desired && (report.ConfigVersion is null || report.ConfigVersion < desired))
        {
            return (CameraEdgeStates.Pending, report switch
            {
                { ConfigError: { } error } => $"Edge agent '{agent}' could not apply its configuration: {error}",
                { ConfigVersion: null } => $"Edge agent '{agent}' runs without cloud configuration: give it EdgeAgent:ConfigKey (from its registration).",
                _ => $"Edge agent '{agent}' runs configuration version {report.ConfigVersion}; version {desired} is on its way.",
            });
        }

        if (camera is null)
        {
            return (CameraEdgeStates.NotReported, $"Edge agent '{agent}' does not report this camera.");
        }

        if (camera.Problem is { } problem)
        {
            return (CameraEdgeStates.NotRecording, Problem(problem, camera.LastError));
        }

        if (!camera.Connected)
        {
            return (CameraEdgeStates.Connecting, camera.LastError is { } error
                ? $"The recorder is reconnecting: {error}"
                : "The recorder is starting; the first segment closes within a few seconds.");
        }

        var source = camera.Source == EdgeCameraStatus.LocalSource && agentId is null ? $" (from edge agent '{agent}''s own configuration)" : "";
        return (CameraEdgeStates.Recording, camera.Continuous
            ? $"Recording continuously{source}; every segment is uploaded as it closes."
            : $"Recording into the agent's cache{source}; clips leave the site on events.");
    }

    private static string Problem(string problem, string? lastError)
    {
        var text = EdgeProblemText.Describe(problem, lastError);
        // The agent's last error adds what ffmpeg said, unless the sentence already carries it.
        return lastError is null || text.Contains(lastError, StringComparison.Ordinal) || problem == EdgeCameraProblems.OverriddenLocally
            ? text
            : $"{text} ({lastError})";
    }

    private static string Ago(TimeSpan span) => span.TotalMinutes >= 2
        ? $"{Math.Floor(span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min"
        : $"{Math.Floor(span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}

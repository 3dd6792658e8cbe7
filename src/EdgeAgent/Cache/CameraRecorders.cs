using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Telemetry;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Cache;

/// <summary>One <see cref="CameraRecorder"/> per configured camera, run for the host's lifetime.</summary>
internal sealed class CameraRecorders : BackgroundService
{
    private readonly Dictionary<CameraId, CameraRecorder> recorders;
    private readonly SessionBook sessions;

    public CameraRecorders(IOptions<EdgeAgentOptions> options, SessionBook sessions, TimeProvider time,
        EdgeAgentTelemetry telemetry, ILoggerFactory loggers)
    {
        this.sessions = sessions;
        var agent = options.Value;
        var logger = loggers.CreateLogger<CameraRecorder>();
        recorders = agent.Cameras.ToDictionary(
            c => CameraId.From(c.Id),
            c => new CameraRecorder(c, agent, time, telemetry, logger, sessions.EarliestStart));
    }

    public IReadOnlyCollection<CameraRecorder> All => recorders.Values;

    public CameraRecorder Get(CameraId camera) =>
        recorders.TryGetValue(camera, out var recorder) ? recorder : throw new KeyNotFoundException($"No camera '{camera}'.");

    public IReadOnlyList<EdgeCameraStatus> Status() =>
        [.. recorders.Values.Select(r => r.Status(sessions.IsRecording(r.Id)))];

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(recorders.Values.Select(r => Task.Run(() => r.RunAsync(stoppingToken), CancellationToken.None)));
}

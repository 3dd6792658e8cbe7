using System.Text.Json;
using Microsoft.Extensions.Logging;
using Platform.EdgeAgent.Configuration;
using Platform.EdgeAgent.Json;
using Platform.Grains.Interfaces.Edge;
using Platform.Grains.Interfaces.Ids;

namespace Platform.EdgeAgent.Commands;

/// <summary>
/// The thread-safe owner of <see cref="RecordingSessions"/>: serializes calls, saves the state to the spool
/// directory after every change (open sessions survive an agent restart; their clip ids are deterministic, so
/// a repeated cut is harmless) and wakes the clip scheduler.
/// </summary>
internal sealed partial class SessionBook
{
    public const string StateFileName = "sessions.json";

    private readonly RecordingSessions sessions;
    private readonly string statePath;
    private readonly ILogger<SessionBook> logger;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim changed = new(0);

    public SessionBook(RecordingSessions sessions, string spoolDirectory, ILogger<SessionBook> logger)
    {
        this.sessions = sessions;
        this.logger = logger;
        Directory.CreateDirectory(spoolDirectory);
        statePath = Path.Combine(spoolDirectory, StateFileName);
        Load();
    }

    public CommandOutcome Apply(SmartRecordCommand command, CameraOptions camera, string? traceParent)
    {
        CommandOutcome outcome;
        lock (gate)
        {
            outcome = sessions.Apply(command, camera, traceParent);
            if (outcome.Kind is not (CommandOutcomeKind.Duplicate or CommandOutcomeKind.Rejected))
            {
                Save();
            }
        }

        Signal();
        return outcome;
    }

    public IReadOnlyList<DueClip> TakeDue()
    {
        lock (gate)
        {
            return sessions.TakeDue();
        }
    }

    public void Complete(string sessionKey)
    {
        lock (gate)
        {
            sessions.Complete(sessionKey);
            Save();
        }
    }

    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (gate)
            {
                return sessions.NextDueAt;
            }
        }
    }

    public DateTimeOffset? EarliestStart(CameraId camera)
    {
        lock (gate)
        {
            return sessions.EarliestStart(camera);
        }
    }

    public bool IsRecording(CameraId camera)
    {
        lock (gate)
        {
            return sessions.IsRecording(camera);
        }
    }

    /// <summary>Waits until a command changed something or <paramref name="timeout"/> passed.</summary>
    public async Task WaitForChangeAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        await changed.WaitAsync(timeout, cancellationToken);
    }

    private void Signal()
    {
        if (changed.CurrentCount == 0)
        {
            changed.Release();
        }
    }

    private void Load()
    {
        if (!File.Exists(statePath))
        {
            return;
        }

        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllBytes(statePath), EdgeAgentJsonContext.Default.RecordingSessionsState);
            if (state is not null)
            {
                sessions.Restore(state);
                LogRestored(logger, state.Sessions.Count, statePath);
            }
        }
        catch (JsonException e)
        {
            // A damaged state file must not keep the agent down: the sessions in it are lost, and said so.
            LogStateUnreadable(logger, statePath, e);
        }
    }

    private void Save()
    {
        var temporary = statePath + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(sessions.Snapshot(), EdgeAgentJsonContext.Default.RecordingSessionsState));
        File.Move(temporary, statePath, overwrite: true);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Restored {Count} open recording session(s) from {Path}")]
    private static partial void LogRestored(ILogger logger, int count, string path);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "The session state {Path} is unreadable; its open sessions are lost")]
    private static partial void LogStateUnreadable(ILogger logger, string path, Exception exception);
}

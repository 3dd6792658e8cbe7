namespace Platform.EdgeAgent.Commands;

internal enum CommandOutcomeKind
{
    /// <summary>A new session (a new clip) was opened.</summary>
    Started,

    /// <summary>An open session got a later end (or an earlier start): still one clip.</summary>
    Extended,

    /// <summary>An open session now ends now (or was cancelled before it began).</summary>
    Stopped,

    /// <summary>Seen before (same commandId, or same content without one): nothing changed.</summary>
    Duplicate,

    /// <summary>Valid but changes nothing: a stop with no open session, an extension already covered.</summary>
    Ignored,

    /// <summary>A bad command: see <see cref="CommandOutcome.Reason"/>.</summary>
    Rejected,
}

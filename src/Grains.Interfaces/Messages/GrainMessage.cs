using Orleans;

namespace Platform.Grains.Interfaces.Messages;

/// <summary>
/// What a grain receives: a device record, clip or heartbeat on its stream, or a request from another grain or the
/// gateway (a grain call). Orleans serializes it; it never travels as JSON.
/// </summary>
[GenerateSerializer]
[Immutable]
public abstract record GrainMessage;

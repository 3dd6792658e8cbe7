namespace Platform.Testing.Faults;

/// <summary>
/// One generated input of a fault corpus: its bytes, and what the platform must make of it — the name of the
/// reason it is refused with, or null when it is legitimately accepted (an unknown field, a duplicate an ignored
/// schema part carries, …).
/// </summary>
public sealed record FaultCase(string Name, byte[] Payload, string? ExpectedReason)
{
    public bool Accepted => ExpectedReason is null;

    public override string ToString() => $"{Name} ({Payload.Length} bytes) -> {ExpectedReason ?? "accepted"}";
}

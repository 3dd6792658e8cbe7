using Platform.Grains.Interfaces.Messages;

namespace Platform.Silo.Ingress;

/// <summary>What ingress makes of one external record: envelopes for grains, or a rejection for the dead-letter topic.</summary>
public sealed record IngressOutput(IReadOnlyList<GrainEnvelope> Envelopes, IngressRejection? Rejection)
{
    public static IngressOutput Accepted(params GrainEnvelope[] envelopes) => new(envelopes, null);

    public static IngressOutput Refused(DeadLetterReason reason, string detail) => new([], new IngressRejection(reason, detail));
}

using Microsoft.Extensions.Time.Testing;
using Platform.Silo.Ingress;
using Platform.Testing.Faults;

namespace Platform.UnitTests.Faults;

/// <summary>The generated bad DeepStream corpus through the parser alone: no exception, and the documented reason for each.</summary>
[Trait("Category", LongFaults.Category)]
public sealed class DeepStreamCorpusParserTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private readonly DeepStreamParser parser = new(new IngressLimits(), new FakeTimeProvider(Now));

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, LongFaults.Pick(2, 25))];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_generated_message_is_refused_with_its_reason_or_accepted_as_documented(int seed)
    {
        var corpus = DeepStreamCorpus.Generate(seed, Now, truncationsPerSample: LongFaults.Pick(8, 40));
        var wrong = new List<string>();

        foreach (var fault in corpus)
        {
            var accepted = parser.TryParse(fault.Payload, out var detection, out var rejection);
            var outcome = accepted ? null : rejection!.Reason.ToString();
            if (outcome != fault.ExpectedReason)
            {
                wrong.Add($"{fault}: got {outcome ?? "accepted"} ({rejection?.Detail})");
            }

            Assert.True(accepted ? detection is not null : rejection!.Detail.Length > 0, fault.Name);
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {corpus.Count} cases differ:\n{string.Join('\n', wrong)}");
        Assert.True(corpus.Count(c => !c.Accepted) >= 200, $"only {corpus.Count(c => !c.Accepted)} refused cases");
    }

    [Fact]
    public void The_corpus_is_deterministic_for_a_seed_and_differs_between_seeds()
    {
        var first = DeepStreamCorpus.Generate(7, Now);
        var again = DeepStreamCorpus.Generate(7, Now);
        var other = DeepStreamCorpus.Generate(8, Now);

        Assert.Equal(first.Select(c => (c.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Payload)))),
            again.Select(c => (c.Name, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(c.Payload)))));
        Assert.NotEqual(first.Select(c => c.Name), other.Select(c => c.Name));
    }

    [Fact]
    public void The_corpus_covers_every_refusal_reason_of_a_DeepStream_topic()
    {
        var corpus = DeepStreamCorpus.Generate(1, Now);

        Assert.Equal(DeepStreamReasons.All.Order(), corpus.Where(c => !c.Accepted).Select(c => c.ExpectedReason!).Distinct().Order());
        DeadLetterReason[] otherTopics = [DeadLetterReason.BadEdgeMessage, DeadLetterReason.BadAnalyticsEvent];
        Assert.Equal(Enum.GetNames<DeadLetterReason>().Where(r => !otherTopics.Select(o => o.ToString()).Contains(r)).Order(), DeepStreamReasons.All.Order());
    }

    [Fact]
    public void Messages_that_are_large_once_parsed_pass_the_parser()
    {
        // IngressCorpusTests sends them through a silo: their sensor grain applies them like any other.
        foreach (var fault in DeepStreamCorpus.LargeAccepted(Now))
        {
            Assert.True(fault.Payload.Length <= new IngressLimits().MaxPayloadBytes, fault.Name);
            Assert.True(parser.TryParse(fault.Payload, out _, out var rejection), $"{fault.Name}: {rejection?.Reason}");
        }
    }
}

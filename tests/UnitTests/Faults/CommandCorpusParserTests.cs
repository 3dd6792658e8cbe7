using Microsoft.Extensions.Time.Testing;
using Platform.EdgeAgent.Commands;
using Platform.EdgeAgent.Configuration;
using Platform.Testing.Faults;

namespace Platform.UnitTests.Faults;

/// <summary>
/// The generated bad Smart Video Record commands through what the agent's consumer does with a record (parse, find
/// the camera, apply to the sessions): no exception, nothing opened, and the documented reason for each.
/// </summary>
[Trait("Category", LongFaults.Category)]
public sealed class CommandCorpusParserTests
{
    private const string SensorId = "DS_FAULT_CAM";
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 26, 53, TimeSpan.Zero);

    private static readonly CameraOptions Camera = new() { Id = "fault-cam", Source = "rtsp://127.0.0.1/cam", SensorIds = { SensorId }, CacheSeconds = 30 };

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, LongFaults.Pick(3, 50))];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_generated_command_is_refused_with_its_reason_and_opens_nothing(int seed)
    {
        var corpus = CommandCorpus.Generate(seed, Now, SensorId, randomWindows: LongFaults.Pick(40, 400));
        var sessions = new RecordingSessions(new FakeTimeProvider(Now), new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        var cameras = new CameraDirectory([Camera]);
        var wrong = new List<string>();

        foreach (var fault in corpus)
        {
            var reason = Judge(fault.Payload, cameras, sessions);
            if (reason != fault.ExpectedReason)
            {
                wrong.Add($"{fault}: got {reason ?? "applied"}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {corpus.Count} cases differ:\n{string.Join('\n', wrong)}");
        Assert.Empty(sessions.Open);
        Assert.True(corpus.Count >= 150, $"only {corpus.Count} cases");
    }

    [Fact]
    public void The_corpus_covers_every_reason_a_command_can_be_refused_for()
    {
        var corpus = CommandCorpus.Generate(1, Now, SensorId);

        Assert.Equal(Enum.GetNames<BadCommandReason>().Order(), CommandCorpus.Reasons.Order());
        Assert.Equal(CommandCorpus.Reasons.Order(), corpus.Select(c => c.ExpectedReason!).Distinct().Order());
        Assert.All(Enum.GetValues<BadCommandReason>(), r => Assert.NotEqual("other", BadCommandReasons.Tag(r)));
    }

    [Fact]
    public void A_stop_recording_with_an_absurd_end_is_handled_without_an_exception()
    {
        var sessions = new RecordingSessions(new FakeTimeProvider(Now), new RecordingPolicy(TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        var corpus = new CommandCorpus(1, Now, SensorId);
        var open = CommandParser.Parse(System.Text.Encoding.UTF8.GetBytes(corpus.Valid().ToJsonString())).Command!;
        Assert.Equal(CommandOutcomeKind.Started, sessions.Apply(open, Camera).Kind);
        var stop = CommandParser.Parse(System.Text.Encoding.UTF8.GetBytes(
            corpus.Valid("stop-recording", DateTimeOffset.MaxValue.AddDays(-1), DateTimeOffset.MaxValue).ToJsonString())).Command!;

        var outcome = sessions.Apply(stop, Camera);

        Assert.Equal(CommandOutcomeKind.Stopped, outcome.Kind);
        Assert.Equal(Now, Assert.Single(sessions.Open).End);
    }

    private static string? Judge(byte[] payload, CameraDirectory cameras, RecordingSessions sessions)
    {
        var parsed = CommandParser.Parse(payload);
        if (parsed.Command is null)
        {
            Assert.False(string.IsNullOrEmpty(parsed.Detail));
            return parsed.Reason!.Value.ToString();
        }

        if (cameras.Resolve(parsed.Command) is not { } camera)
        {
            return nameof(BadCommandReason.UnknownCamera);
        }

        var outcome = sessions.Apply(parsed.Command, camera);
        return outcome.Kind == CommandOutcomeKind.Rejected ? outcome.Reason!.Value.ToString() : null;
    }
}

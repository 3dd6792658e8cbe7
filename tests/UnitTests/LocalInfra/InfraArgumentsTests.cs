using Platform.Infra;

namespace Platform.UnitTests.LocalInfra;

public sealed class InfraArgumentsTests
{
    [Fact]
    public void Extra_topics_are_named_with_their_partition_counts()
    {
        Assert.True(InfraArguments.TryParse(["--env-file", "x.env", "--topic", "bench-a:32", "--topic", "bench-b:4", "--cameras", "none"],
            out var arguments, out var error), error);

        Assert.Equal(new Dictionary<string, int> { ["bench-a"] = 32, ["bench-b"] = 4 }, arguments.Options.ExtraTopics);
        Assert.Empty(arguments.Options.Cameras);
    }

    [Theory]
    [InlineData("bench")]
    [InlineData("bench:0")]
    [InlineData(":3")]
    [InlineData("bench:many")]
    public void A_topic_without_a_name_and_a_positive_count_is_refused_with_what_was_given(string topic)
    {
        Assert.False(InfraArguments.TryParse(["--env-file", "x.env", "--topic", topic], out _, out var error));

        Assert.Contains($"'{topic}'", error, StringComparison.Ordinal);
    }
}

using System.Text;
using Platform.Streaming.Kafka;

namespace Platform.UnitTests.Streaming;

public sealed class KafkaPartitionerTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)] // the CRC-32/IEEE check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_matches_the_ieee_reference_values(string input, uint expected) =>
        Assert.Equal(expected, KafkaPartitioner.Crc32(Encoding.UTF8.GetBytes(input)));

    [Fact]
    public void Partition_is_the_crc_modulo_the_partition_count()
    {
        Assert.Equal((int)(0xCBF43926u % 32), KafkaPartitioner.PartitionFor("123456789", 32));
        Assert.Equal(0, KafkaPartitioner.PartitionFor("anything", 1));
    }

    [Fact]
    public void Partition_count_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KafkaPartitioner.PartitionFor("k", 0));
}

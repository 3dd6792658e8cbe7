using System.Text;
using Platform.Messaging;

namespace Platform.UnitTests.Messaging;

public sealed class GrainPartitionerTests
{
    [Theory]
    [InlineData("", 0x00000000u)]
    [InlineData("123456789", 0xCBF43926u)] // the CRC-32/IEEE check value
    [InlineData("The quick brown fox jumps over the lazy dog", 0x414FA339u)]
    public void Crc32_matches_the_ieee_reference_values(string input, uint expected) =>
        Assert.Equal(expected, GrainPartitioner.Crc32(Encoding.UTF8.GetBytes(input)));

    [Fact]
    public void Partition_is_the_crc_modulo_the_partition_count()
    {
        Assert.Equal((int)(0xCBF43926u % 32), GrainPartitioner.PartitionFor("123456789", 32));
        Assert.Equal(0, GrainPartitioner.PartitionFor("anything", 1));
    }

    [Fact]
    public void Partition_count_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GrainPartitioner.PartitionFor("k", 0));
}

using System.Text;

namespace Platform.Messaging;

/// <summary>
/// The one partitioner of every producer to the grain topics: librdkafka's `consistent_random`, which is
/// CRC-32 (IEEE) of the key bytes modulo the partition count. It is librdkafka's default, so DeepStream's
/// Kafka adapter (keyed by sensor.id), kcat and Confluent.Kafka agree with it; a grain topic written by a
/// device can then be read directly (no re-key hop). Java clients default to murmur2: configure them.
/// The silo uses <see cref="PartitionFor"/> to tell whether two grains share a partition.
/// </summary>
public static class GrainPartitioner
{
    private static readonly uint[] Table = BuildTable();

    public static int PartitionFor(string key, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        return (int)(Crc32(Encoding.UTF8.GetBytes(key)) % (uint)partitionCount);
    }

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}

using System.Text;

namespace Platform.Streaming.Kafka;

/// <summary>
/// librdkafka's default partitioner, `consistent_random`: CRC-32 (IEEE) of the key bytes modulo the partition
/// count. DeepStream's Kafka adapter, kcat and Confluent.Kafka producers all use it, so it tells which queue a
/// device keying its records by sensor id writes a stream to. (Java clients default to murmur2.)
/// </summary>
public static class KafkaPartitioner
{
    private static readonly uint[] Table = BuildTable();

    public static int PartitionFor(string key, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(key);
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

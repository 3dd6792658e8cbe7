using System.Text;

namespace Platform.Messaging;

/// <summary>
/// librdkafka's `consistent_random` partitioner, which the platform's producers use: CRC-32 (IEEE) of the key bytes
/// modulo the partition count. It is librdkafka's default, so DeepStream's Kafka adapter (keyed by sensor.id), kcat,
/// Confluent.Kafka and the simulator put one sensor's detections in one partition of `deepstream-events`, hence in one
/// Orleans stream queue, in order. Java clients default to murmur2: configure them. <see cref="PartitionFor"/> says
/// which partition (queue) a key lands in, for tests and tools.
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

using System.Globalization;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Messaging.DeepStream;
using NvObject = Platform.Messaging.DeepStream.Object;

namespace Platform.SiloBench;

/// <summary>One frame of <c>objects</c> people as DeepStream would send it, in either payload, with the same values.</summary>
internal static class BenchPayloads
{
    public delegate byte[] Writer(DateTimeOffset at, string sensor, int objects, int seed);

    public static byte[] Json(DateTimeOffset at, string sensor, int objects, int seed)
    {
        var timestamp = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var list = string.Join(',', Enumerable.Range(0, objects).Select(o =>
            string.Create(CultureInfo.InvariantCulture, $"\"{(seed + o) % 7}|{100 + ((seed + o) % 50)}|200|{180 + ((seed + o) % 50)}|400|Person\"")));
        return Encoding.UTF8.GetBytes($$"""{"version":"4.0","@timestamp":"{{timestamp}}","sensorId":"{{sensor}}","objects":[{{list}}]}""");
    }

    public static byte[] Protobuf(DateTimeOffset at, string sensor, int objects, int seed)
    {
        var frame = new Frame { Version = "4.0", Timestamp = Timestamp.FromDateTimeOffset(at), SensorId = sensor };
        for (var o = 0; o < objects; o++)
        {
            frame.Objects.Add(new NvObject
            {
                Id = ((seed + o) % 7).ToString(CultureInfo.InvariantCulture),
                Type = "Person",
                Bbox = new Bbox { LeftX = 100 + ((seed + o) % 50), TopY = 200, RightX = 180 + ((seed + o) % 50), BottomY = 400 },
            });
        }

        return frame.ToByteArray();
    }
}

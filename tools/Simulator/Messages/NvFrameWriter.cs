using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Platform.Messaging.DeepStream;
using Platform.Simulator.Model;
using NvObject = Platform.Messaging.DeepStream.Object;

namespace Platform.Simulator.Messages;

/// <summary>
/// Writes a frame as DeepStream's protobuf payload: one nv.Frame with every object, the fields in the order and
/// with the values the JSON schemas carry (the time to the millisecond, boxes to the hundredth of a pixel), so a
/// scene gives the platform the same detections in all three payloads.
/// </summary>
public static class NvFrameWriter
{
    public static byte[] Write(SimulatedFrame frame, string frameId)
    {
        var message = new Frame
        {
            Version = "4.0",
            Id = frameId,
            Timestamp = Timestamp.FromDateTimeOffset(DeepStreamMessageWriter.Milliseconds(frame)),
            SensorId = frame.SensorId,
        };
        foreach (var o in frame.Objects)
        {
            message.Objects.Add(new NvObject
            {
                Id = o.TrackingId,
                Type = o.Label,
                Confidence = (float)Math.Round(o.Confidence, 3),
                Bbox = new Bbox
                {
                    LeftX = (float)SimulatedObject.Pixel(o.Left),
                    TopY = (float)SimulatedObject.Pixel(o.Top),
                    RightX = (float)SimulatedObject.Pixel(o.Right),
                    BottomY = (float)SimulatedObject.Pixel(o.Bottom),
                },
            });
        }

        return message.ToByteArray();
    }
}

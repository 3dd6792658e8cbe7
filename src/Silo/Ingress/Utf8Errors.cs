using System.Buffers;
using System.Globalization;
using System.Text;

namespace Platform.Silo.Ingress;

/// <summary>Says where a payload stops being UTF-8, so that a dead letter's reason points at the bytes to look at.</summary>
public static class Utf8Errors
{
    /// <summary>"bytes 0xC328 at offset 17 are not UTF-8" for the first invalid sequence (call it only on invalid input).</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed);
            if (status != OperationStatus.Done)
            {
                // Show the bytes the decoder gave up on plus the next one: enough to recognise Latin-1 or UTF-16.
                var shown = Convert.ToHexString(bytes.Slice(offset, Math.Min(bytes.Length - offset, Math.Max(consumed, 1) + 1)));
                return status == OperationStatus.NeedMoreData
                    ? string.Create(CultureInfo.InvariantCulture, $"the message ends inside a UTF-8 sequence: bytes 0x{shown} at offset {offset}")
                    : string.Create(CultureInfo.InvariantCulture, $"bytes 0x{shown} at offset {offset} are not UTF-8");
            }

            offset += consumed;
        }

        return "the message is UTF-8";
    }
}

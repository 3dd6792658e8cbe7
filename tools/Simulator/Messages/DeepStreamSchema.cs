namespace Platform.Simulator.Messages;

/// <summary>
/// The payloads of DeepStream's nvmsgconv: JSON full (one object per message), JSON minimal (all objects of a frame)
/// and protobuf (one nv.Frame per frame: payload-type 2 with msg2p-newapi, as VSS's perception services send).
/// </summary>
public enum DeepStreamSchema
{
    Full,
    Minimal,
    Protobuf,
}

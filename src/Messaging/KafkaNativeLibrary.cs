using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace Platform.Messaging;

/// <summary>
/// Points Confluent.Kafka 1.9.3 at the OS librdkafka. The client asks the loader for "librdkafka" and
/// "libdl", but Debian ships only the versioned sonames (librdkafka.so.1, libdl.so.2) unless the -dev
/// packages are installed; this resolver maps the names so that only the runtime packages are needed.
/// </summary>
public static class KafkaNativeLibrary
{
    public const string LibrdkafkaSoname = "librdkafka.so.1";

    private static readonly Lock Gate = new();
    private static bool registered;

    /// <summary>Registers the resolver once per process; call before the first producer or consumer is built.</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (registered)
            {
                return;
            }

            NativeLibrary.SetDllImportResolver(typeof(Library).Assembly, Resolve);
            registered = true;
        }
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath) => name switch
    {
        "libdl" => NativeLibrary.Load("libdl.so.2"),
        "librdkafka" => NativeLibrary.Load(LibrdkafkaSoname),
        _ => IntPtr.Zero,
    };
}

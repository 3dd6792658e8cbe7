using System.Runtime.InteropServices;

namespace Platform.Messaging;

/// <summary>
/// The librdkafka of the librdkafka.redist package, for code that calls librdkafka itself (the embedded development
/// broker drives its mock-cluster API). Confluent.Kafka loads the redist's library on its own; this picks the same
/// build the same way: the default Linux build, or, where that cannot load (Debian 12 lacks its libsasl2.so.3), the
/// redist's CentOS 8 build.
/// </summary>
public static class KafkaNativeLibrary
{
    /// <summary>The library name that P/Invoke declarations use; an assembly maps it with <see cref="Resolve"/>.</summary>
    public const string Name = "librdkafka";

    private static readonly string[] Builds = ["librdkafka.so", "centos8-librdkafka.so"];
    private static readonly Lazy<IntPtr> Handle = new(Load);

    /// <summary>A DllImport resolver: <see cref="Name"/> → the redist's library; anything else → the default lookup.</summary>
    public static IntPtr Resolve(string libraryName, System.Reflection.Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == Name ? Handle.Value : IntPtr.Zero;

    private static IntPtr Load()
    {
        var architecture = RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var directory = Path.Combine(AppContext.BaseDirectory, "runtimes", architecture, "native");
        foreach (var build in Builds)
        {
            if (NativeLibrary.TryLoad(Path.Combine(directory, build), out var handle))
            {
                return handle;
            }
        }

        throw new DllNotFoundException($"None of librdkafka.redist's builds ({string.Join(", ", Builds)}) loads from {directory}.");
    }
}

using System.Text.Json;
using Platform.Grains.Json;
using Platform.Grains.Sensors;
using Xunit.Abstractions;
using static Platform.UnitTests.Grains.GrainTestData;

namespace Platform.UnitTests.Grains.Sensors;

/// <summary>
/// How much an idle sensor costs: the serialized state row and the bytes allocated to hold 10,000 idle grains
/// (allocations on this thread, so other tests running in parallel do not disturb the number; an upper bound
/// on what stays live, since it includes short-lived temporaries).
/// </summary>
public sealed class SensorGrainFootprintTests(ITestOutputHelper output)
{
    private const int Count = 10_000;

    [Fact]
    public void Idle_sensor_grain_is_small_in_storage_and_in_memory()
    {
        var config = SensorWith(RuleWith(new Platform.Grains.Interfaces.Rules.ObjectInZoneCondition { ZoneId = "dock" }));
        var options = new SensorGrainOptions();

        // An idle sensor that has seen traffic: every object left, the timer ran.
        var warm = new SensorHarness(config, options);
        warm.Detect(T0, At("a", 200, 200));
        warm.FireTimer();
        var row = JsonSerializer.SerializeToUtf8Bytes(warm.Grain.State, GrainStateJsonContext.Default.SensorState);

        var grains = new SensorLogic[Count];
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            grains[i] = new SensorLogic(config, new SensorState { Watermark = T0, LastDetectionAt = T0 }, options);
        }

        var sharedConfig = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Count; i++)
        {
            // Each sensor with its own configuration objects, as when every grain loads its own row.
            var own = config with { SensorId = Platform.Grains.Interfaces.Ids.SensorId.From($"s-{i}"), Zones = [Dock with { }], Lines = [Gate with { }] };
            grains[i] = new SensorLogic(own, new SensorState { Watermark = T0, LastDetectionAt = T0 }, options);
        }

        var ownConfig = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;

        before = GC.GetAllocatedBytesForCurrentThread();
        var states = new SensorState[Count];
        for (var i = 0; i < Count; i++)
        {
            states[i] = new SensorState { Watermark = T0, LastDetectionAt = T0 };
        }

        var stateOnly = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)Count;

        // What stays live (temporaries collected); exact only when this test runs alone, so it is reported, not asserted.
        grains = new SensorLogic[Count];
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Count; i++)
        {
            grains[i] = new SensorLogic(config, new SensorState { Watermark = T0, LastDetectionAt = T0 }, options);
        }

        var retained = (GC.GetTotalMemory(forceFullCollection: true) - heapBefore) / (double)Count;
        GC.KeepAlive(grains);
        GC.KeepAlive(states);

        output.WriteLine($"idle state row: {row.Length} bytes JSON: {System.Text.Encoding.UTF8.GetString(row)}");
        output.WriteLine($"idle SensorState in memory: {stateOnly:F0} bytes");
        output.WriteLine($"idle SensorLogic, shared SensorConfig (1 zone, 1 line, 1 rule): {sharedConfig:F0} bytes");
        output.WriteLine($"idle SensorLogic, own SensorConfig copy: {ownConfig:F0} bytes");
        output.WriteLine($"idle SensorLogic, shared SensorConfig, retained after a full GC: {retained:F0} bytes");

        Assert.True(row.Length < 128, $"row is {row.Length} bytes");
        Assert.True(stateOnly < 128, $"state is {stateOnly} bytes");
        Assert.True(sharedConfig < 2048, $"grain is {sharedConfig} bytes");
    }
}

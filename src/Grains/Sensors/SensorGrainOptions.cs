namespace Platform.Grains.Sensors;

/// <summary>Tuning of sensor grains (configuration section "Grains:Sensor").</summary>
public sealed record SensorGrainOptions
{
    /// <summary>An object not detected for this long (event time; processing time when the sensor falls silent) has left. Default 10 s.</summary>
    public TimeSpan ObjectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long after a minute ends (plus <see cref="ObjectTimeout"/>, since a timed-out exit is counted at the
    /// object's last sighting) its counters stay open for slightly out-of-order events. Default 30 s.
    /// </summary>
    public TimeSpan CountLateness { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ObjectTimeout <= TimeSpan.Zero)
        {
            problems.Add("ObjectTimeout must be positive.");
        }

        if (CountLateness < TimeSpan.Zero)
        {
            problems.Add("CountLateness must not be negative.");
        }

        return problems;
    }
}

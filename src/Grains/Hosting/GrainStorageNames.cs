namespace Platform.Grains.Hosting;

/// <summary>The grain storage the grains' state is written to: the silo registers a provider under this name.</summary>
public static class GrainStorageNames
{
    public const string Grains = "grains";
}

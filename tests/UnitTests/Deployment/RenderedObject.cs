namespace Platform.UnitTests.Deployment;

/// <summary>One Kubernetes object that `helm template` rendered.</summary>
internal sealed record RenderedObject(string Kind, string Name, YamlNode Root)
{
    public YamlNode Spec => Root["spec"];

    /// <summary>The pod template of a workload (Deployment, DaemonSet).</summary>
    public YamlNode PodTemplate => Spec["template"];

    public IReadOnlyDictionary<string, string> PodLabels => PodTemplate["metadata"]["labels"].Strings;

    public YamlNode Container => Assert.Single(PodTemplate["spec"]["containers"].Items);

    /// <summary>The container's port called <paramref name="name"/> (a probe's or Service's named target), as a number.</summary>
    public int ContainerPort(string name) =>
        Assert.Single(Container["ports"].Items, p => p["name"].Value as string == name)["containerPort"].Int;

    public override string ToString() => $"{Kind}/{Name}";
}

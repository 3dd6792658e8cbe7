namespace Platform.IntegrationTests.Installation;

/// <summary>One line of scripts/install/requirements.txt: a <paramref name="Kind"/> of thing, its name, and the package that brings it.</summary>
internal sealed record Requirement(string Kind, string Name, string Package)
{
    public override string ToString() => $"{Kind} {Name} ({Package})";
}

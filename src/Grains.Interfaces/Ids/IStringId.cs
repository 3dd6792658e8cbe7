namespace Platform.Grains.Interfaces.Ids;

/// <summary>A typed identifier that is a plain string on the wire and in the database.</summary>
public interface IStringId<TSelf>
    where TSelf : struct, IStringId<TSelf>
{
    string Value { get; }

    static abstract TSelf From(string value);
}

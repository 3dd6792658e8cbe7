namespace Platform.Testing.Faults;

/// <summary>
/// The names of the silo's dead-letter reasons (Platform.Silo.Ingress.DeadLetterReason) as the `reason` header
/// carries them. Kept as strings so the corpus needs no reference to the silo; a unit test checks each against the enum.
/// </summary>
public static class DeepStreamReasons
{
    public const string TooLarge = nameof(TooLarge);
    public const string NotJson = nameof(NotJson);
    public const string NotProtobuf = nameof(NotProtobuf);
    public const string NotUtf8 = nameof(NotUtf8);
    public const string NotAnObject = nameof(NotAnObject);
    public const string TooDeep = nameof(TooDeep);
    public const string DuplicateProperty = nameof(DuplicateProperty);
    public const string UnknownSchema = nameof(UnknownSchema);
    public const string WrongType = nameof(WrongType);
    public const string MissingSensorId = nameof(MissingSensorId);
    public const string MissingObjectId = nameof(MissingObjectId);
    public const string BadTimestamp = nameof(BadTimestamp);
    public const string TimestampOutOfRange = nameof(TimestampOutOfRange);
    public const string BadBoundingBox = nameof(BadBoundingBox);
    public const string BadObject = nameof(BadObject);
    public const string TooManyObjects = nameof(TooManyObjects);

    public static IReadOnlyList<string> All { get; } =
    [
        TooLarge, NotJson, NotProtobuf, NotUtf8, NotAnObject, TooDeep, DuplicateProperty, UnknownSchema, WrongType, MissingSensorId, MissingObjectId,
        BadTimestamp, TimestampOutOfRange, BadBoundingBox, BadObject, TooManyObjects,
    ];
}

namespace Platform.Gateway.Api.Rules;

/// <summary>
/// Section "Rules": the object classes a rule may name. A class no detector reports can never match, so a typo
/// ("Persn") would make a rule that silently never fires; the gateway refuses it instead. The silo's own validator
/// keeps classes free text, so rules already stored keep working when this list changes.
/// </summary>
public sealed class RuleVocabularyOptions
{
    public const string Section = "Rules";

    /// <summary>
    /// What DeepStream's shipped models report: nvmsgconv's object types in the full schema ("Person", "Vehicle",
    /// "Face", "Bag", "Bicycle", "RoadSign" as the object's key) and the labels of the sample primary detector in the
    /// minimal schema ("Car", "Bicycle", "Person", "Roadsign"; PeopleNet's "person", "bag", "face"). Rules compare
    /// classes case-insensitively, so one spelling per class is enough.
    /// </summary>
    public static IReadOnlyList<string> DeepStreamClasses { get; } = ["Person", "Vehicle", "Car", "Bicycle", "RoadSign", "Face", "Bag"];

    /// <summary>
    /// Null (unset): <see cref="DeepStreamClasses"/>. Set (Rules:KnownClasses:0, …): exactly these, for a deployment
    /// whose models have other labels; list the shipped ones too if those models still run. An array default would
    /// be appended to, not replaced, by the configuration binder, hence null.
    /// </summary>
    public string[]? KnownClasses { get; set; }

    public IReadOnlyList<string> Classes => KnownClasses is { Length: > 0 } configured ? configured : DeepStreamClasses;

    public bool IsKnown(string className) => Classes.Contains(className.Trim(), StringComparer.OrdinalIgnoreCase);
}

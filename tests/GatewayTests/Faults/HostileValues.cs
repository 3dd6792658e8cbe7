using System.Text.Json.Nodes;
using Platform.Testing.Faults;

namespace Platform.GatewayTests.Faults;

/// <summary>Values an attacker or a broken client sends: for parameters (text) and for JSON body fields (any JSON).</summary>
internal static class HostileValues
{
    private static readonly string[] QuickText =
    [
        "", " ", new string('a', 10_000), "カメラ🎥\u202Eevil", "../", "../../etc/passwd", "%2e%2e%2f", "..%2F..%2F", "'; DROP TABLE clips;--",
        "' OR '1'='1", "<script>alert(1)</script>", "99999999999999999999999999", "-1", "-9223372036854775809", "1e309", "NaN",
        "null", "true", "not-a-date", "9999-99-99T99:99:99Z", "0001-01-01T00:00:00Z", "\0", "a\0b", "{}", "[]",
    ];

    private static readonly string[] LongText =
    [
        new string('a', 100_000), "${jndi:ldap://x/a}", "\r\nX-Injected: 1", "%00", "%", "%zz", "\\..\\..\\windows", "*", "_", "%' OR 1=1 --",
        "1; SELECT pg_sleep(10)", "0", "2147483648", "-2147483649", "0x7fffffff", "1.5", "Infinity", "-0", "2026-02-30T00:00:00Z",
        "2026-03-04T12:00:00+99:00", "\uFEFF", "\uD800", "\u0085", "é\u0301", "🎥🎥🎥", "../../../../../../../../proc/self/environ",
    ];

    public static IReadOnlyList<string> Text => LongFaults.Enabled ? [.. QuickText, .. LongText] : QuickText;

    /// <summary>JSON values for a body field: the texts as strings, plus numbers, wrong types and deep nesting.</summary>
    public static IEnumerable<(string Name, string Json)> Json()
    {
        foreach (var text in Text)
        {
            yield return ($"\"{Shorten(text)}\"", JsonValue.Create(text).ToJsonString());
        }

        foreach (var literal in new[] { "0", "-1", "-9223372036854775809", "99999999999999999999999999999", "1e308", "-1e308", "1.5", "true", "false", "null", "[]", "{}", "[null]", "{\"a\":[1,{\"b\":null}]}" })
        {
            yield return (literal, literal);
        }

        var depth = LongFaults.Pick(200, 5_000);
        yield return ($"nested {depth}", new string('[', depth) + new string(']', depth));
    }

    public static string Shorten(string text)
    {
        var shown = text.Length > 20 ? $"{text[..20]}…({text.Length})" : text;
        return string.Concat(shown.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString()));
    }
}

using System.Text;
using Platform.Grains.Interfaces.Rules;

namespace Platform.Grains.Rules;

/// <summary>Fills "{placeholder}" fields of an alert message template (see <see cref="AlertPlaceholders"/>); unknown ones stay as written.</summary>
public static class AlertTemplate
{
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);

        var result = new StringBuilder(template.Length + 32);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }

            result.Append(template, position, open - position);
            var name = template.Substring(open + 1, close - open - 1);
            if (values.TryGetValue(name, out var value))
            {
                result.Append(value);
            }
            else
            {
                result.Append(template, open, close - open + 1);
            }

            position = close + 1;
        }

        return result.ToString();
    }

    /// <summary>The placeholder names a template uses, in order of appearance.</summary>
    public static IEnumerable<string> Placeholders(string template)
    {
        ArgumentNullException.ThrowIfNull(template);

        var position = 0;
        while (true)
        {
            var open = template.IndexOf('{', position);
            var close = open < 0 ? -1 : template.IndexOf('}', open + 1);
            if (close < 0)
            {
                yield break;
            }

            yield return template.Substring(open + 1, close - open - 1);
            position = close + 1;
        }
    }
}

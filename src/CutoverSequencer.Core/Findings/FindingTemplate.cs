using System.Collections;
using System.Globalization;
using System.Text;
using Humanizer;

namespace CutoverSequencer.Core.Findings;

/// <summary>
/// Renders a message template: <c>{name}</c> or <c>{name:format}</c> takes the named argument
/// (formatted with the invariant culture; the format <c>bytes</c> spells a byte count, <c>hours</c> a
/// duration given in hours, a list is
/// joined with ", "); <c>[...]</c> is rendered only when every argument inside it is non-null.
/// </summary>
public static class FindingTemplate
{
    public static string Render(string template, IReadOnlyList<FindingArgument> arguments)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(arguments);
        var output = new StringBuilder(template.Length + 64);
        var position = 0;
        while (position < template.Length)
        {
            if (template[position] == '[')
            {
                var end = template.IndexOf(']', position);
                if (end < 0)
                {
                    throw new FormatException($"unclosed '[' in \"{template}\"");
                }
                var part = new StringBuilder();
                if (Append(template[(position + 1)..end], arguments, part, optional: true))
                {
                    output.Append(part);
                }
                position = end + 1;
                continue;
            }
            var next = template.IndexOf('[', position);
            var stop = next < 0 ? template.Length : next;
            Append(template[position..stop], arguments, output, optional: false);
            position = stop;
        }
        return output.ToString();
    }

    /// <summary>The argument names a template uses.</summary>
    public static IEnumerable<string> Names(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var position = 0;
        while ((position = template.IndexOf('{', position)) >= 0)
        {
            var end = template.IndexOf('}', position);
            var inner = template[(position + 1)..end];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            yield return colon < 0 ? inner : inner[..colon];
            position = end + 1;
        }
    }

    /// <returns>false when <paramref name="optional"/> and an argument is null.</returns>
    private static bool Append(string text, IReadOnlyList<FindingArgument> arguments, StringBuilder output,
        bool optional)
    {
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            if (open < 0)
            {
                output.Append(text, position, text.Length - position);
                break;
            }
            output.Append(text, position, open - position);
            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                throw new FormatException($"unclosed '{{' in \"{text}\"");
            }
            var inner = text[(open + 1)..close];
            var colon = inner.IndexOf(':', StringComparison.Ordinal);
            var (name, format) = colon < 0 ? (inner, null) : (inner[..colon], inner[(colon + 1)..]);
            var value = Find(arguments, name);
            if (value is null && optional)
            {
                return false;
            }
            output.Append(Format(value, format));
            position = close + 1;
        }
        return true;
    }

    private static object? Find(IReadOnlyList<FindingArgument> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (string.Equals(argument.Name, name, StringComparison.Ordinal))
            {
                return argument.Value;
            }
        }
        throw new ArgumentException($"the template needs the argument '{name}'", nameof(arguments));
    }

    private static string Format(object? value, string? format) => value switch
    {
        null => "",
        string text => text,
        long bytes when format == "bytes" => bytes.Bytes().Humanize("0.#", CultureInfo.InvariantCulture),
        double hours when format == "hours" => TimeSpan.FromHours(Math.Min(hours, TimeSpan.MaxValue.TotalHours / 2))
            .Humanize(2, CultureInfo.InvariantCulture, maxUnit: TimeUnit.Year),
        IFormattable formattable => formattable.ToString(format, CultureInfo.InvariantCulture),
        IEnumerable list => string.Join(", ", list.Cast<object?>().Select(v => Format(v, format))),
        _ => value.ToString() ?? "",
    };
}

using System.Text;
using System.Text.RegularExpressions;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Core.Analysis;

/// <summary>A BEFORE INSERT row trigger that fills a key column from a sequence (seed 7.4).</summary>
public sealed record TriggerKeyPattern(
    SourceTrigger Trigger,
    string Column,
    SourceSequence Sequence,
    string Variant);

/// <summary>
/// Recognises the sequence-in-trigger pattern in PL/SQL text: <c>SELECT s.NEXTVAL INTO :NEW.id FROM
/// DUAL</c>, <c>:NEW.id := s.NEXTVAL</c>, NVL/COALESCE guards, IF and WHEN guards, REFERENCING
/// aliases, schema-qualified and quoted names, the BEFORE EACH ROW section of compound triggers.
/// Comments and string literals are removed first, so commented-out old forms do not count. AFTER
/// triggers, assignments that are not to the new row, SYS_GUID defaults and names that are not known
/// sequences (and, when DBA_DEPENDENCIES was read, not among the trigger's dependencies) are not the pattern.
/// </summary>
public static partial class TriggerAnalyzer
{
    private const string Name = @"(?:""[^""]+""|[A-Za-z][A-Za-z0-9_$#]*)";
    private const string Qualified = $@"(?<seq>{Name}(?:\s*\.\s*{Name})?)";
    private const string NextVal = @"\s*\.\s*NEXTVAL\b";

    public static IReadOnlyList<TriggerKeyPattern> Analyze(IReadOnlyList<SourceTrigger> triggers, IReadOnlyList<SourceSequence> sequences)
    {
        ArgumentNullException.ThrowIfNull(triggers);
        ArgumentNullException.ThrowIfNull(sequences);
        var result = new List<TriggerKeyPattern>();
        foreach (var trigger in triggers)
        {
            if (!trigger.TriggeringEvent.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var type = trigger.TriggerType.ToUpperInvariant();
            var code = StripCommentsAndStrings(trigger.Text);
            string? rowSection = type switch
            {
                "BEFORE EACH ROW" => code,
                "COMPOUND" => BeforeEachRowSection(code),
                _ => null,
            };
            if (rowSection is null)
            {
                continue;
            }
            var alias = NewAlias(trigger.ReferencingNames) ?? NewAlias(code) ?? "NEW";
            foreach (var (column, sequenceText, variant) in Assignments(rowSection, alias))
            {
                var sequence = Resolve(sequenceText, trigger.Owner, sequences);
                // DBA_DEPENDENCIES is the compiler's own link: when read, the sequence must be in it.
                var linked = trigger.ReferencedSequences is null || (sequence is not null && trigger.ReferencedSequences.Contains(sequence.FullName));
                if (sequence is not null && linked && !result.Any(r => r.Trigger == trigger && r.Column == column))
                {
                    result.Add(new TriggerKeyPattern(trigger, column, sequence, variant));
                }
            }
        }
        return result;
    }

    private static IEnumerable<(string Column, string Sequence, string Variant)> Assignments(string code, string alias)
    {
        var target = $@":\s*{Regex.Escape(alias)}\s*\.\s*(?<col>{Name})";
        var patterns = new (string Variant, Regex Pattern)[]
        {
            ("SELECT ... NEXTVAL INTO :NEW", new Regex($@"\bSELECT\s+{Qualified}{NextVal}\s+INTO\s+{target}\s+FROM\s+(?:SYS\s*\.\s*)?DUAL\b", Options)),
            ("SELECT NVL/COALESCE(...) INTO :NEW", new Regex($@"\bSELECT\s+(?:NVL|COALESCE)\s*\(\s*:\s*{Regex.Escape(alias)}\s*\.\s*{Name}\s*,\s*{Qualified}{NextVal}\s*\)\s+INTO\s+{target}\s+FROM\s+(?:SYS\s*\.\s*)?DUAL\b", Options)),
            (":NEW := NEXTVAL", new Regex($@"{target}\s*:=\s*{Qualified}{NextVal}", Options)),
            (":NEW := NVL/COALESCE(:NEW, NEXTVAL)", new Regex($@"{target}\s*:=\s*(?:NVL|COALESCE)\s*\(\s*:\s*{Regex.Escape(alias)}\s*\.\s*{Name}\s*,\s*{Qualified}{NextVal}\s*\)", Options)),
        };
        foreach (var (variant, pattern) in patterns)
        {
            foreach (Match match in pattern.Matches(code))
            {
                yield return (OracleName(match.Groups["col"].Value), match.Groups["seq"].Value, variant);
            }
        }
    }

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline;

    /// <summary>An identifier as Oracle stores it: unquoted folds to upper case, quoted is exact.</summary>
    internal static string OracleName(string text)
    {
        text = text.Trim();
        return text.Length > 1 && text[0] == '"' ? text[1..^1] : text.ToUpperInvariant();
    }

    /// <summary>The sequence a name refers to: OWNER.NAME, or NAME in the trigger owner's schema first.</summary>
    private static SourceSequence? Resolve(string text, string triggerOwner, IReadOnlyList<SourceSequence> sequences)
    {
        var parts = SplitDotted(text);
        if (parts.Count == 2)
        {
            return sequences.FirstOrDefault(s => s.Owner == parts[0] && s.Name == parts[1]);
        }
        return sequences.FirstOrDefault(s => s.Owner == triggerOwner && s.Name == parts[0])
            ?? (sequences.Count(s => s.Name == parts[0]) == 1 ? sequences.First(s => s.Name == parts[0]) : null);
    }

    private static List<string> SplitDotted(string text) =>
        [.. QualifiedParts().Matches(text).Select(m => OracleName(m.Value))];

    [GeneratedRegex(@"""[^""]+""|[A-Za-z][A-Za-z0-9_$#]*")]
    private static partial Regex QualifiedParts();

    private static string? NewAlias(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        var match = ReferencingNew().Match(text);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\bREFERENCING\b[^;]*?\bNEW\s+AS\s+([A-Za-z][A-Za-z0-9_$#]*)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReferencingNew();

    /// <summary>The BEFORE EACH ROW timing point of a compound trigger.</summary>
    private static string? BeforeEachRowSection(string code)
    {
        var match = CompoundBeforeRow().Match(code);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\bBEFORE\s+EACH\s+ROW\s+IS\b(.*?)\bEND\s+BEFORE\s+EACH\s+ROW\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CompoundBeforeRow();

    /// <summary>PL/SQL without -- and /* */ comments and with string literals emptied.</summary>
    internal static string StripCommentsAndStrings(string text)
    {
        var sb = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '-' && i + 1 < text.Length && text[i + 1] == '-')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < text.Length && text[i + 1] == '*')
            {
                var end = text.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? text.Length : end + 2;
                sb.Append(' ');
            }
            else if (c == '\'')
            {
                i++;
                while (i < text.Length && !(text[i] == '\'' && (i + 1 >= text.Length || text[i + 1] != '\'')))
                {
                    i += text[i] == '\'' ? 2 : 1;
                }
                i++;
                sb.Append("''");
            }
            else if (c == '"')
            {
                var end = text.IndexOf('"', i + 1);
                end = end < 0 ? text.Length - 1 : end;
                sb.Append(text, i, end - i + 1);
                i = end + 1;
            }
            else
            {
                sb.Append(c);
                i++;
            }
        }
        return sb.ToString();
    }
}

using CutoverSequencer.Core.Analysis;
using CutoverSequencer.Core.Model;

namespace CutoverSequencer.Tests;

/// <summary>
/// The stored-code corpus under Data/routines. Leading "-- key: value" lines give the unit's type (DBA_SOURCE
/// TYPE), the DBA_DEPENDENCIES sequences (depends, comma-separated; absent means not read) and what analysis
/// must find: "expect: TABLE.COLUMN &lt;- OWNER.SEQUENCE (confidence)" per key (OWNER.TABLE.COLUMN outside the
/// unit's schema, TABLE#N for the Nth value of an INSERT without a column list). The rest is the text.
/// </summary>
public sealed record RoutineCorpus(string File, SourceRoutine Routine, IReadOnlyList<string> Expected)
{
    public static IEnumerable<string> Files(string prefix) => CorpusFile.Files("routines", prefix);

    public static RoutineCorpus Load(string file)
    {
        var corpus = CorpusFile.Load("routines", file);
        var (text, name) = (corpus.Text, corpus.Name);
        List<string> All(string key) => corpus.All(key);
        var routine = new SourceRoutine("FINANCE", name, All("type").FirstOrDefault() ?? "PROCEDURE", text, file)
        {
            ReferencedSequences = All("depends").FirstOrDefault()?.Split(',', StringSplitOptions.TrimEntries),
        };
        return new RoutineCorpus(file, routine, All("expect"));
    }

    /// <summary>A usage as the corpus spells it.</summary>
    public static string Describe(RoutineKeyUsage usage)
    {
        var table = usage.TableOwner == usage.Routine.Owner ? usage.Table : $"{usage.TableOwner}.{usage.Table}";
        var key = usage.Column is null ? $"{table}#{usage.Position}" : $"{table}.{usage.Column}";
        return $"{key} <- {usage.Sequence.FullName} ({usage.Confidence.ToString().ToLowerInvariant()})";
    }
}

using System.Globalization;
using System.Numerics;
using Npgsql;

namespace CutoverSequencer.IntegrationTests.Invariants;

internal readonly record struct SequenceState(BigInteger LastValue, bool IsCalled)
{
    public BigInteger Next(long increment) => IsCalled ? LastValue + increment : LastValue;

    public override string ToString() => $"last_value {Scenario.Num(LastValue)}, is_called {IsCalled}";
}

/// <summary>The highest and lowest key of a table, read by the oracle's own query.</summary>
internal readonly record struct KeyRange(BigInteger? Max, BigInteger? Min, bool HasNaN);

/// <summary>Everything the oracle read from the database at one moment.</summary>
internal sealed class Reading
{
    public Dictionary<SequenceSpec, SequenceState> Sequences { get; } = [];

    public Dictionary<TableSpec, KeyRange> Keys { get; } = [];
}

/// <summary>What the oracle expects of one sequence, computed from the generator's knowledge alone.</summary>
internal sealed record Expectation(SequenceSpec Sequence, bool InScope, long Margin, BigInteger? Reference, BigInteger NextBefore, BigInteger Anchor, BigInteger MinimalNext, string? BlockCause);

/// <summary>
/// The independent oracle: it never calls product code. It knows which tables each sequence feeds
/// (by construction, cross-checked with pg_depend), reads sequences and keys with its own SQL, and
/// decides what must hold after a run.
/// </summary>
internal static class InvariantOracle
{
    public static BigInteger TypeMax(string type) => type switch
    {
        "smallint" => short.MaxValue,
        "integer" => int.MaxValue,
        "bigint" => long.MaxValue,
        _ => BigInteger.Pow(10, 40),
    };

    public static BigInteger TypeMin(string type) => -TypeMax(type) - (type == "numeric" ? 0 : 1);

    /// <summary>Sequences the run is responsible for: listed, mapped by source analysis, or discovered.</summary>
    public static bool InScope(Scenario scenario, SequenceSpec sequence) =>
        sequence.SequenceOnlyEntry
        || sequence.Link == SourceLink.ByIdentityColumn
        || sequence.Tables.Any(t => t.Configured || (scenario.Discover && scenario.DiscoveredSchemas.Contains(t.Schema)));

    /// <summary>The largest margin over every entry (configured, discovered, mapped) that names the sequence.</summary>
    public static long Margin(Scenario scenario, SequenceSpec sequence)
    {
        var margins = new List<long>();
        foreach (var table in sequence.Tables)
        {
            if (table.Configured)
            {
                margins.Add(table.EntryMargin ?? scenario.GlobalMargin);
            }
            else if ((scenario.Discover && scenario.DiscoveredSchemas.Contains(table.Schema)) || sequence.Link == SourceLink.ByIdentityColumn)
            {
                margins.Add(scenario.GlobalMargin);
            }
        }
        if (sequence.SequenceOnlyEntry)
        {
            margins.Add(sequence.SequenceOnlyMargin ?? scenario.GlobalMargin);
        }
        return margins.Count == 0 ? scenario.GlobalMargin : margins.Max();
    }

    /// <summary>MAX(source, every key of every table the sequence feeds) (MIN when descending), or null when there is neither.</summary>
    public static BigInteger? Reference(SequenceSpec sequence, Reading reading)
    {
        BigInteger? reference = sequence.SourceValue;
        foreach (var table in sequence.Tables)
        {
            var keys = reading.Keys[table];
            var edge = sequence.Descending ? keys.Min : keys.Max;
            if (edge is { } e)
            {
                reference = reference is { } r ? (sequence.Descending ? BigInteger.Min(r, e) : BigInteger.Max(r, e)) : e;
            }
        }
        return reference;
    }

    /// <summary>
    /// HILO_KEYS' evidence rule (docs/findings.md): an ascending sequence with a source value of at least 1,000
    /// whose highest key is within 5% of k × that value, k the nearest common block size.
    /// </summary>
    private static long? HiloFactor(SequenceSpec sequence, Reading reading)
    {
        long[] sizes = [10, 16, 20, 25, 32, 50, 64, 100, 128, 200, 250, 256, 500, 512, 1000, 1024, 32768];
        var max = sequence.Tables.Select(t => reading.Keys[t].Max).Where(m => m is not null).Max();
        if (sequence.Descending || sequence.Link == SourceLink.None || sequence.SourceValue is not { } source
            || source < 1_000 || max is not { } key || key <= source)
        {
            return null;
        }
        var ratio = (double)key / (double)source;
        var nearest = sizes.MinBy(k => Math.Abs(ratio / k - 1));
        return Math.Abs(ratio / nearest - 1) <= 0.05 ? nearest : null;
    }

    private static BigInteger Mod(BigInteger a, BigInteger m) => ((a % m) + m) % m;

    public static Expectation Expect(Scenario scenario, SequenceSpec sequence, Reading before)
    {
        var inScope = InScope(scenario, sequence);
        var margin = Margin(scenario, sequence);
        var state = before.Sequences[sequence];
        var nextBefore = state.Next(sequence.Increment);
        var anchor = state.LastValue;
        var step = Math.Abs(sequence.Increment);
        var reference = Reference(sequence, before);
        var minimal = nextBefore;
        if (reference is { } r)
        {
            if (!sequence.Descending)
            {
                var bound = r + margin + sequence.Increment;
                var onGrid = bound + Mod(anchor - bound, step);
                minimal = BigInteger.Max(onGrid, nextBefore);
            }
            else
            {
                var bound = r - margin + sequence.Increment;
                var onGrid = bound - Mod(bound - anchor, step);
                minimal = BigInteger.Min(onGrid, nextBefore);
            }
        }
        string? cause = null;
        if (inScope)
        {
            if (sequence.Tables.FirstOrDefault(t => before.Keys[t].HasNaN) is { } nan)
            {
                cause = $"{nan.NonFinite} key in {nan.Display}";
            }
            else if (!sequence.Descending && minimal > sequence.Max)
            {
                cause = $"next value {Scenario.Num(minimal)} beyond MAXVALUE {Scenario.Num(sequence.Max)} of {sequence.Display}";
            }
            else if (sequence.Descending && minimal < sequence.Min)
            {
                cause = $"next value {Scenario.Num(minimal)} below MINVALUE {Scenario.Num(sequence.Min)} of {sequence.Display}";
            }
            else if (sequence.Tables.FirstOrDefault(t => minimal > TypeMax(t.KeyType) || minimal < TypeMin(t.KeyType)) is { } narrow)
            {
                cause = $"next value {Scenario.Num(minimal)} does not fit {narrow.KeyType} column {narrow.Display}.{narrow.Column}";
            }
            else if (HiloFactor(sequence, before) is { } k
                && sequence.Tables.FirstOrDefault(t => minimal * k > TypeMax(t.KeyType)) is { } hilo)
            {
                cause = $"hilo-shaped keys (factor {k}): next value {Scenario.Num(minimal)} × {k} does not fit {hilo.KeyType} column {hilo.Display}.{hilo.Column}";
            }
        }
        return new Expectation(sequence, inScope, margin, reference, nextBefore, anchor, minimal, cause);
    }

    public static async Task<Reading> ReadAsync(string connectionString, Scenario scenario)
    {
        var reading = new Reading();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sequence in scenario.Sequences)
        {
            await using (var command = new NpgsqlCommand($"SELECT last_value::text, is_called FROM {sequence.Sql}", connection))
            await using (var rows = await command.ExecuteReaderAsync())
            {
                await rows.ReadAsync();
                reading.Sequences[sequence] = new SequenceState(BigInteger.Parse(rows.GetString(0), CultureInfo.InvariantCulture), rows.GetBoolean(1));
            }
            foreach (var table in sequence.Tables)
            {
                var nan = table.KeyType == "numeric" ? $"coalesce((SELECT bool_or({table.ColumnSql} IN ('NaN', 'Infinity', '-Infinity')) FROM {table.Sql}), false)" : "false";
                var finite = table.KeyType == "numeric" ? $" WHERE {table.ColumnSql} NOT IN ('NaN', 'Infinity', '-Infinity')" : "";
                await using var command = new NpgsqlCommand(
                    $"SELECT max({table.ColumnSql})::text, min({table.ColumnSql})::text, {nan} FROM {table.Sql}{finite}", connection);
                await using var rows = await command.ExecuteReaderAsync();
                await rows.ReadAsync();
                reading.Keys[table] = new KeyRange(
                    rows.IsDBNull(0) ? null : ParseKey(rows.GetString(0)),
                    rows.IsDBNull(1) ? null : ParseKey(rows.GetString(1)),
                    rows.GetBoolean(2));
            }
        }
        return reading;
    }

    /// <summary>Keys are whole numbers here (numeric keys are loaded without fractions).</summary>
    public static BigInteger ParseKey(string text) => BigInteger.Parse(text.Split('.')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    /// <summary>
    /// The generator's feeds against the catalog: every column whose default calls, or whose identity or
    /// OWNED BY is, one of the scenario's sequences (partitions excluded: they repeat their parent's default).
    /// </summary>
    public static async Task<string?> CrossCheckFeedsAsync(string connectionString, Scenario scenario)
    {
        const string sql = """
            SELECT DISTINCT sn.nspname || '.' || s.relname, tn.nspname || '.' || t.relname, a.attname
            FROM (
                SELECT ad.adrelid AS relid, ad.adnum AS attnum, d.refobjid AS seqid
                FROM pg_catalog.pg_attrdef ad
                JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_attrdef'::pg_catalog.regclass AND d.objid = ad.oid
                                 AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                UNION
                SELECT d.refobjid, d.refobjsubid::int2, d.objid
                FROM pg_catalog.pg_depend d
                WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
                  AND d.deptype IN ('i', 'a') AND d.refobjsubid > 0
            ) f
            JOIN pg_catalog.pg_class s ON s.oid = f.seqid AND s.relkind = 'S'
            JOIN pg_catalog.pg_namespace sn ON sn.oid = s.relnamespace
            JOIN pg_catalog.pg_class t ON t.oid = f.relid AND NOT t.relispartition
            JOIN pg_catalog.pg_namespace tn ON tn.oid = t.relnamespace
            JOIN pg_catalog.pg_attribute a ON a.attrelid = f.relid AND a.attnum = f.attnum
            """;
        var catalog = new SortedSet<string>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await using var rows = await command.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                catalog.Add($"{rows.GetString(0)} -> {rows.GetString(1)}.{rows.GetString(2)}");
            }
        }
        var expected = new SortedSet<string>(scenario.Tables.Select(t => $"{t.Sequence.Display} -> {t.Display}.{t.Column}"), StringComparer.Ordinal);
        return catalog.SetEquals(expected)
            ? null
            : $"generator and pg_depend disagree on the feeds: generator [{string.Join("; ", expected)}], catalog [{string.Join("; ", catalog)}]";
    }

    /// <summary>After a successful apply: every in-scope sequence is past everything, on its grid, forward, within limits; the others untouched.</summary>
    public static IEnumerable<string> CheckApplied(Scenario scenario, IReadOnlyList<Expectation> expectations, Reading before, Reading after)
    {
        foreach (var e in expectations)
        {
            var s = e.Sequence;
            var was = before.Sequences[s];
            var now = after.Sequences[s];
            if (!e.InScope)
            {
                if (was != now)
                {
                    yield return $"{s.Display} is not in the run's scope but was moved from ({was}) to ({now})";
                }
                continue;
            }
            var next = now.Next(s.Increment);
            var step = Math.Abs(s.Increment);
            if (e.Reference is { } r)
            {
                var newValue = next - s.Increment;
                if (s.Descending ? newValue > r - e.Margin : newValue < r + e.Margin)
                {
                    yield return $"{s.Display}: next value {Scenario.Num(next)} (setval {Scenario.Num(newValue)}) does not clear reference {Scenario.Num(r)} {(s.Descending ? "-" : "+")} margin {e.Margin} = {Scenario.Num(s.Descending ? r - e.Margin : r + e.Margin)} ({Describe(s, after)})";
                }
            }
            // Any key present now (even one that arrived later) must be behind the next value.
            foreach (var table in s.Tables)
            {
                var keys = after.Keys[table];
                if (s.Descending ? keys.Min is { } mn && next >= mn : keys.Max is { } mx && next <= mx)
                {
                    yield return $"{s.Display}: next value {Scenario.Num(next)} collides with keys of {table.Display} (max {keys.Max}, min {keys.Min})";
                }
            }
            if (Mod(next - e.Anchor, step) != 0)
            {
                yield return $"{s.Display}: next value {Scenario.Num(next)} is off the step grid (increment {s.Increment}, anchored at last_value {Scenario.Num(e.Anchor)})";
            }
            if (s.Descending ? next > e.NextBefore : next < e.NextBefore)
            {
                yield return $"{s.Display}: moved backwards from next value {Scenario.Num(e.NextBefore)} to {Scenario.Num(next)}";
            }
            if (next > s.Max || next < s.Min)
            {
                yield return $"{s.Display}: next value {Scenario.Num(next)} outside the sequence limits [{Scenario.Num(s.Min)}, {Scenario.Num(s.Max)}]";
            }
            foreach (var table in s.Tables.Where(t => next > TypeMax(t.KeyType) || next < TypeMin(t.KeyType)))
            {
                yield return $"{s.Display}: next value {Scenario.Num(next)} does not fit the {table.KeyType} column {table.Display}.{table.Column}";
            }
        }
    }

    /// <summary>Verify's expected verdict: every in-scope sequence's next value clears every key it feeds and the source value.</summary>
    public static (bool Safe, List<string> Why) Safe(Scenario scenario, Reading reading)
    {
        var why = new List<string>();
        foreach (var s in scenario.Sequences.Where(s => InScope(scenario, s)))
        {
            var next = reading.Sequences[s].Next(s.Increment);
            if (s.SourceValue is { } source && (s.Descending ? next >= source : next <= source))
            {
                why.Add($"{s.Display}: next value {Scenario.Num(next)} does not clear source value {Scenario.Num(source)}");
            }
            foreach (var table in s.Tables)
            {
                var keys = reading.Keys[table];
                if (s.Descending ? keys.Min is { } mn && next >= mn : keys.Max is { } mx && next <= mx)
                {
                    why.Add($"{s.Display}: next value {Scenario.Num(next)} does not clear keys of {table.Display} (max {keys.Max}, min {keys.Min})");
                }
            }
        }
        return (why.Count == 0, why);
    }

    public static IEnumerable<string> Unchanged(Scenario scenario, Reading before, Reading after, string when) =>
        scenario.Sequences.Where(s => before.Sequences[s] != after.Sequences[s])
            .Select(s => $"{when}: {s.Display} moved from ({before.Sequences[s]}) to ({after.Sequences[s]})");

    private static string Describe(SequenceSpec sequence, Reading reading) =>
        string.Join(", ", sequence.Tables.Select(t => $"{t.Display} keys {reading.Keys[t].Min}..{reading.Keys[t].Max}"))
        + (sequence.SourceValue is { } v ? $", source {Scenario.Num(v)}" : ", no source");
}

using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Numerics;
using System.Text;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Reporting;
using CutoverSequencer.Core.Stage;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>What rollback found and did for one journal entry.</summary>
public sealed record RollbackOutcome(string Sequence, string Action, string Detail)
{
    /// <summary>The position read before any write; null: the sequence no longer exists.</summary>
    public SequenceReading? Found { get; init; }

    /// <summary>The position read back after the writes (for every entry, restored or not); null: missing.</summary>
    public SequenceReading? ReadBack { get; init; }
}

public sealed partial class PostgresTarget
{
    /// <summary>
    /// Restores each journaled sequence to its pre-apply state. A sequence that moved since apply
    /// (it is neither at the planned nor at the pre-apply position) makes the whole rollback refuse,
    /// writing nothing, unless <paramref name="force"/>: lowering it could re-issue values already used.
    /// </summary>
    public async Task<(bool Refused, IReadOnlyList<RollbackOutcome> Outcomes)> RollbackAsync(JournalDocument journal, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        // Before any write: statements of earlier, killed runs still queued behind a lock would run later.
        await CancelOrphanedWritersAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = await OpenOwnAsync(writer, cancellationToken).ConfigureAwait(false);
        try
        {
            var positions = await ReadJournalPositionsAsync(connection, journal.Sequences, cancellationToken).ConfigureAwait(false);
            var plan = new List<(JournalEntry Entry, (long Last, bool Called, long Increment) Now, string Kind)>();
            foreach (var entry in journal.Sequences)
            {
                if (!positions.TryGetValue(entry.QualifiedName, out var now))
                {
                    plan.Add((entry, default, "missing"));
                    continue;
                }
                var next = now.Called ? (BigInteger)now.Last + now.Increment : now.Last;
                var atBefore = now.Last == entry.Before.LastValue && now.Called == entry.Before.IsCalled && now.Increment == entry.Before.Increment;
                var atPlanned = next == entry.Planned.NextValue && now.Increment == entry.Planned.Increment;
                plan.Add((entry, now, atBefore ? "unchanged" : atPlanned ? "restore" : "moved"));
            }

            var moved = plan.Where(p => p.Kind is "moved" or "missing").ToList();
            if (moved.Count > 0 && !force)
            {
                return (true, await ReadBackAsync(connection, journal, [.. plan.Select(p => Outcome(p.Entry, p.Now, p.Kind == "restore" ? "would restore" : p.Kind))], cancellationToken).ConfigureAwait(false));
            }

            var outcomes = new List<RollbackOutcome>();
            foreach (var (entry, now, kind) in plan)
            {
                if (kind is "unchanged" or "missing")
                {
                    outcomes.Add(Outcome(entry, now, kind));
                    continue;
                }
                await RestoreAsync(connection, entry, now, cancellationToken).ConfigureAwait(false);
                log.LogInformation("Restored {Sequence} to last_value {Last}, is_called {Called}, increment {Increment}",
                    entry.Sequence, entry.Before.LastValue, entry.Before.IsCalled, entry.Before.Increment);
                outcomes.Add(Outcome(entry, now, kind == "moved" ? "restored (forced)" : "restored"));
            }
            return (false, await ReadBackAsync(connection, journal, outcomes, cancellationToken).ConfigureAwait(false));
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, Endpoint);
        }
    }

    /// <summary>Every journaled sequence read again after the writes: the report shows what the server holds now.</summary>
    private static async Task<IReadOnlyList<RollbackOutcome>> ReadBackAsync(
        NpgsqlConnection connection, JournalDocument journal, List<RollbackOutcome> outcomes, CancellationToken cancellationToken)
    {
        var after = await ReadJournalPositionsAsync(connection, journal.Sequences, cancellationToken).ConfigureAwait(false);
        return [.. outcomes.Select((o, i) => o with
        {
            ReadBack = after.TryGetValue(journal.Sequences[i].QualifiedName, out var p) ? new SequenceReading(p.Last, p.Called, p.Increment) : null,
        })];
    }

    private static RollbackOutcome Outcome(JournalEntry entry, (long Last, bool Called, long Increment) now, string action) =>
        new(entry.Sequence, action, action == "missing"
            ? "the sequence no longer exists"
            : string.Create(CultureInfo.InvariantCulture,
                $"now last_value {now.Last}, is_called {now.Called}, increment {now.Increment}; planned next {entry.Planned.NextValue}; before last_value {entry.Before.LastValue}, is_called {entry.Before.IsCalled}, increment {entry.Before.Increment}"))
        {
            Found = action == "missing" ? null : new SequenceReading(now.Last, now.Called, now.Increment),
        };

    /// <summary>
    /// In one transaction: ALTER SEQUENCE when the increment must change back (it also locks out
    /// nextval until commit), then setval to the pre-state only if the sequence is still where it was read.
    /// </summary>
    private async Task RestoreAsync(NpgsqlConnection connection, JournalEntry entry, (long Last, bool Called, long Increment) now, CancellationToken cancellationToken)
    {
        var name = entry.QualifiedName.ToSql();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await WriteSettingsAsync(connection, transaction, config.WriteLockTimeout, cancellationToken).ConfigureAwait(false);
#pragma warning disable CA2100 // catalog identifier, always quoted; values bound or formatted invariantly
        if (now.Increment != entry.Before.Increment)
        {
            await using var alter = new NpgsqlCommand(
                string.Create(CultureInfo.InvariantCulture, $"ALTER SEQUENCE {name} INCREMENT BY {entry.Before.Increment}"), connection, transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var restore = new NpgsqlCommand(
            $"SELECT pg_catalog.setval($1::pg_catalog.regclass, $2, $3) FROM (SELECT last_value, is_called FROM {name}) c WHERE c.last_value = $4 AND c.is_called = $5", connection, transaction);
#pragma warning restore CA2100
        restore.Parameters.Add(new NpgsqlParameter { Value = name });
        restore.Parameters.Add(new NpgsqlParameter { Value = entry.Before.LastValue });
        restore.Parameters.Add(new NpgsqlParameter { Value = entry.Before.IsCalled });
        restore.Parameters.Add(new NpgsqlParameter { Value = now.Last });
        restore.Parameters.Add(new NpgsqlParameter { Value = now.Called });
        if (await restore.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new Core.CutoverException($"{entry.Sequence} moved while it was being restored; nothing was changed for it. Re-run rollback.", Core.ExitCodes.BlockedOrUnverified);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Dictionary<QualifiedName, (long Last, bool Called, long Increment)>> ReadJournalPositionsAsync(
        NpgsqlConnection connection, IReadOnlyList<JournalEntry> entries, CancellationToken cancellationToken)
    {
        var result = new Dictionary<QualifiedName, (long, bool, long)>();
        var existing = new List<JournalEntry>();
        await using (var check = new NpgsqlCommand("SELECT pg_catalog.to_regclass(x) IS NOT NULL FROM pg_catalog.unnest($1::pg_catalog.text[]) WITH ORDINALITY AS u(x, i) ORDER BY i", connection))
        {
            check.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.QualifiedName.ToSql()).ToArray() });
            await using var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var i = 0;
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (reader.GetBoolean(0))
                {
                    existing.Add(entries[i]);
                }
                i++;
            }
        }
        foreach (var chunk in existing.Chunk(ChunkSize))
        {
            var sql = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                sql.Append(i == 0 ? "" : " UNION ALL ").Append(CultureInfo.InvariantCulture,
                    $"SELECT {i}, s.last_value, s.is_called, q.seqincrement FROM {chunk[i].QualifiedName.ToSql()} s, pg_catalog.pg_sequence q WHERE q.seqrelid = '{chunk[i].QualifiedName.ToSql().Replace("'", "''", StringComparison.Ordinal)}'::pg_catalog.regclass");
            }
#pragma warning disable CA2100 // catalog identifiers from the journal, always quoted (and escaped as literals)
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result[chunk[reader.GetInt32(0)].QualifiedName] = (reader.GetInt64(1), reader.GetBoolean(2), reader.GetInt64(3));
            }
        }
        return result;
    }
}

using CutoverSequencer.Core.Sequences;
using System.Globalization;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using Npgsql;

namespace CutoverSequencer.PostgreSql;

/// <summary>The writing session of one rollback: its position reads and its compare-and-set restores.</summary>
internal sealed class RestoreSession(NpgsqlConnection connection, TargetConfig config, string endpoint)
    : IRestoreSession
{
    public ValueTask DisposeAsync() => connection.DisposeAsync();

    public async Task<IReadOnlyDictionary<QualifiedName, SequenceReading>> ReadPositionsAsync(
        IReadOnlyList<QualifiedName> sequences, CancellationToken cancellationToken)
    {
        try
        {
            return await SequencePositionReader.ReadWithIncrementsAsync(connection, sequences, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, endpoint);
        }
    }

    /// <summary>
    /// In one transaction: ALTER SEQUENCE when the increment must change back (it also locks out
    /// nextval until commit), then setval to the pre-state only if the sequence is still where it was read.
    /// </summary>
    public async Task RestoreAsync(JournalEntry entry, SequenceReading now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(now);
        try
        {
            await RestoreInTransactionAsync(entry, now, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException e)
        {
            throw PostgresConnections.Classify(e, endpoint);
        }
    }

    private async Task RestoreInTransactionAsync(JournalEntry entry, SequenceReading now,
        CancellationToken cancellationToken)
    {
        var name = entry.QualifiedName.ToSql();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await SequenceApplier.WriteSettingsAsync(connection, transaction, config.WriteLockTimeout, cancellationToken)
            .ConfigureAwait(false);
#pragma warning disable CA2100 // catalog identifier, always quoted; values bound or formatted invariantly
        if (now.Increment != entry.Before.Increment)
        {
            await using var alter = new NpgsqlCommand(
                string.Create(CultureInfo.InvariantCulture,
                    $"ALTER SEQUENCE {name} INCREMENT BY {entry.Before.Increment}"),
                connection, transaction);
            await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using var restore = new NpgsqlCommand(
            "SELECT pg_catalog.setval($1::pg_catalog.regclass, $2, $3) " +
            $"FROM (SELECT last_value, is_called FROM {name}) c " +
            "WHERE c.last_value = $4 AND c.is_called = $5", connection, transaction);
#pragma warning restore CA2100
        restore.Parameters.Add(new NpgsqlParameter { Value = name });
        restore.Parameters.Add(new NpgsqlParameter { Value = entry.Before.LastValue });
        restore.Parameters.Add(new NpgsqlParameter { Value = entry.Before.IsCalled });
        restore.Parameters.Add(new NpgsqlParameter { Value = now.LastValue });
        restore.Parameters.Add(new NpgsqlParameter { Value = now.IsCalled });
        if (await restore.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            throw new CutoverException(
                $"{entry.Sequence} moved while it was being restored; nothing was changed for it. Re-run rollback.",
                ExitCodes.BlockedOrUnverified);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}

using System.Data.Common;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Findings;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Stage;
using CutoverSequencer.Oracle.Catalog;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Oracle.Live;

/// <summary>
/// Reads the Oracle dictionary directly through System.Data.Common (ODP.NET obtained at run time):
/// one query per view for all configured owners, owners bound as one parameter, DBA_ views with a
/// fallback to ALL_, release-specific columns probed before they are named. Read-only: it only queries.
/// </summary>
public sealed class OracleLiveReader(
    DbProviderFactory factory, string connectionString, IReadOnlyList<string> owners, ILogger log)
    : ISourceCatalogReader
{
    private readonly string endpoint = OracleDriver.Describe(connectionString);

    public async Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken)
    {
        var live = await ReadTablesAsync(cancellationToken).ConfigureAwait(false);
        var byFile = live.Tables.ToDictionary(t => t.File, StringComparer.Ordinal);
        var catalog = CatalogAssembler.Assemble("oracle", $"oracle {endpoint} ({live.Dictionary.Prefix}_ views)",
            (file, required) =>
            {
                if (!byFile.TryGetValue(file, out var table))
                {
                    return null;
                }
                var missing = required
                    .Where(c => !table.Columns.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
                return missing.Count == 0
                    ? table.Rows
                    : throw new InvalidInputException(
                        $"{file}: the query returned no column {string.Join(", ", missing)}");
            },
            Owners());
        return catalog with { Findings = live.Findings };
    }

    private List<string> Owners() => [.. owners.Select(OracleName.Fold)];

    /// <summary>Every export table, read live (also what <c>cutover-sequencer export</c> writes).</summary>
    public async Task<LiveCatalog> ReadTablesAsync(CancellationToken cancellationToken)
    {
        if (owners.Count == 0)
        {
            throw new InvalidInputException(
                "source.schemas must list the Oracle owners to read when source.kind is oracle");
        }
        await using var connection = factory.CreateConnection()
            ?? throw new ConnectionFailedException("the Oracle provider cannot create connections");
        connection.ConnectionString = connectionString;
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new ConnectionFailedException($"cannot connect to {endpoint}: {FirstLine(e.Message)}", e);
        }

        var findings = new List<Finding>();
        var ownerList = string.Join(",", Owners());
        var views = new Dictionary<string, IReadOnlyCollection<string>?>(StringComparer.Ordinal);
        async Task<IReadOnlyCollection<string>?> ColumnsOf(string view)
        {
            if (!views.TryGetValue(view, out var columns))
            {
                columns = await ProbeAsync(connection, view, cancellationToken).ConfigureAwait(false);
                views[view] = columns;
            }
            return columns;
        }
        var dba = await ColumnsOf("DBA_SEQUENCES").ConfigureAwait(false) is not null;
        var prefix = dba ? "DBA" : "ALL";
        if (!dba)
        {
            findings.Add(Finding.Create(FindingCatalog.SourceCatalogFallback, endpoint));
            log.LogWarning("DBA_ views not permitted: reading ALL_ views");
        }
        foreach (var view in DictionaryProbe.Views(prefix))
        {
            await ColumnsOf(view).ConfigureAwait(false);
        }
        var choice = DictionaryProbe.Choose(prefix, view => views.GetValueOrDefault(view));
        log.LogInformation(
            "Oracle dictionary: {Prefix}_ views; scale_flag {Scale}, session_flag {Session}, " +
            "identity sequence_name {Identity}, version_full {VersionFull}",
            prefix, choice.ScaleFlag, choice.SessionFlag, choice.IdentitySequence, choice.VersionFull);

        var tables = new List<CatalogTable>();
        foreach (var (file, query) in CatalogQueries.ExportFiles)
        {
            var binds = new Dictionary<string, string> { ["owners"] = ownerList };
            try
            {
                tables.Add(await QueryAsync(connection, file, query, choice, binds, cancellationToken)
                    .ConfigureAwait(false));
            }
            catch (DbException e) when (CatalogQueries.Fallbacks.TryGetValue(query, out var fallback))
            {
                // V$DATABASE needs extra privileges: capture time and version still matter.
                log.LogWarning("{Query} failed, reading {Fallback}: {Message}", query, fallback, FirstLine(e.Message));
                tables.Add(await QueryAsync(connection, file, fallback, choice, binds, cancellationToken)
                    .ConfigureAwait(false));
            }
            catch (DbException e) when (query == "guid_samples")
            {
                log.LogWarning("GUID samples not read (GUID analysis skipped): {Message}", FirstLine(e.Message));
            }
            catch (DbException e)
            {
                throw new ConnectionFailedException(
                    $"reading {file[..^4]} from {endpoint} failed: {FirstLine(e.Message)}", e);
            }
        }
        return new LiveCatalog(tables, choice, findings);
    }

    private static async Task<CatalogTable> QueryAsync(
        DbConnection connection,
        string file,
        string query,
        DictionaryChoice choice,
        Dictionary<string, string> values,
        CancellationToken cancellationToken)
    {
        await using var command = Command(connection, CatalogQueries.Render(query, choice), values);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return ArrayRow.ReadAll(reader, file, $"{choice.Prefix} {query}");
    }

    /// <summary>
    /// The columns of a view from <c>SELECT * FROM view WHERE 1 = 0</c>; null when the session cannot
    /// read it (ORA-00942 / ORA-01031). Any other error is a failed read.
    /// </summary>
    private async Task<IReadOnlyCollection<string>?> ProbeAsync(
        DbConnection connection, string view, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = Command(connection, CatalogQueries.Probe(view), []);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return DictionaryProbe.FieldNames(reader);
        }
        catch (DbException e) when (DictionaryProbe.IsNotReadable(e))
        {
            log.LogInformation("{View} cannot be read: {Message}", view, FirstLine(e.Message));
            return null;
        }
        catch (DbException e)
        {
            throw new ConnectionFailedException($"probing {view} on {endpoint} failed: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>Parameters added in order of appearance: ODP.NET binds by position unless told otherwise.</summary>
    private static DbCommand Command(DbConnection connection, string sql, Dictionary<string, string> values)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // the text is one of the embedded queries; values are bound
        command.CommandText = sql;
#pragma warning restore CA2100
        OracleCommandTuning.Apply(command);
        foreach (var name in CatalogQueries.BindOrder(sql))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = values[name];
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}

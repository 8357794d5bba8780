using CutoverSequencer.Core.Sources;
using CutoverSequencer.Oracle.Live;

namespace CutoverSequencer.Oracle.Export;

/// <summary>
/// The <c>export</c> command: the live dictionary written as the export files the SQL*Plus script writes.
/// </summary>
public sealed class OracleExporter(OracleLiveReader reader) : ISourceExporter
{
    public async Task<SourceExport> ExportAsync(string directory, CancellationToken cancellationToken)
    {
        var live = await reader.ReadTablesAsync(cancellationToken).ConfigureAwait(false);
        ExportWriter.Write(directory, live.Tables);
        return new SourceExport([.. live.Tables.Select(t => new ExportedFile(t.File, t.Rows.Count))],
            $"{live.Dictionary.Prefix}_ views");
    }
}

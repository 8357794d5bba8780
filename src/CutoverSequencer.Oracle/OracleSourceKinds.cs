using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sources;
using CutoverSequencer.Oracle.Export;
using CutoverSequencer.Oracle.Live;
using Microsoft.Extensions.Logging;

namespace CutoverSequencer.Oracle;

/// <summary>The Oracle source kinds: the dictionary read live, and its export files.</summary>
public static class OracleSourceKinds
{
    private const string ReadExport =
        "use kind: oracle-export to read an export (source.connectionString is read instead), or remove it";

    /// <summary>source.kind: oracle — the dictionary read live through ODP.NET.</summary>
    public static SourceKind Live { get; } = new()
    {
        Name = "oracle",
        Naming = SourceNaming.Oracle,
        Reads = ["schemas", "schemaMapping", "connectionString", "driverPath"],
        Requires = ["connectionString"],
        Refusals = new Dictionary<string, string>(StringComparer.Ordinal) { ["exportDirectory"] = ReadExport },
        Offers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["driverPath"] = "only the live Oracle reader (kind: oracle) loads a driver; remove it",
        },
        CreateReader = (source, log) => Reader(source, log),
        CreateExporter = (source, log) => new OracleExporter(Reader(source, log)),
    };

    /// <summary>source.kind: oracle-export — the CSV files of docs/oracle/export-catalog.sql or <c>export</c>.
    /// </summary>
    public static SourceKind Export { get; } = new()
    {
        Name = "oracle-export",
        Naming = SourceNaming.Oracle,
        Reads = ["schemas", "schemaMapping", "exportDirectory"],
        Ignores = ["connectionString"],
        Requires = ["exportDirectory"],
        Offers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["exportDirectory"] = "use kind: oracle-export to read an export, or remove it",
        },
        Remark = "`connectionString` is allowed and not read, as in the example at the top",
        CreateReader = (source, _) => new OracleExportReader(source.ExportDirectory!, source.Schemas),
        ReadExport = (directory, owners) => new OracleExportReader(directory, owners).Read(),
        CaptureTimeFile = "export_info.csv with CAPTURED_AT",
    };

    private static OracleLiveReader Reader(SourceConfig source, ILogger log) =>
        new(OracleDriver.Load(source.DriverPath), source.ConnectionString!, source.Schemas, log);
}

using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;
using CutoverSequencer.Core.Sources;
using CutoverSequencer.Core.Stage;

namespace CutoverSequencer.Tests;

/// <summary>Source kinds come from the registry: names, keys, refusals, baseline directories, docs.</summary>
[Collection("process environment")]
public class SourceKindTests : IDisposable
{
    private const string Target = "target:\n  connectionString: Host=localhost;Database=finance;Username=migrator\n";

    private static readonly SourceKind Fake = new()
    {
        Name = "fake",
        Naming = SourceNaming.PostgreSql,
        Reads = ["connectionString", "schemas"],
        Requires = ["connectionString"],
        CreateReader = (_, _) => new EmptyReader(),
    };

    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private CutoverConfig Load(string yaml, SourceKindRegistry kinds) =>
        ConfigLoader.Load(files.Write("cutover.yaml", yaml), kinds);

    private string Error(string yaml, SourceKindRegistry kinds) =>
        Path.GetFileName(Assert.Throws<InvalidInputException>(() => Load(yaml, kinds)).Message);

    [Fact]
    public void The_documented_source_keys_table_is_the_registry_s()
    {
        var table = ConfigLoader.SourceKeysTable(SourceKinds.All);
        var docs = File.ReadAllText(Path.Combine(Repository.Root, "docs", "configuration.md")).ReplaceLineEndings("\n");

        Assert.True(docs.Contains(table, StringComparison.Ordinal), $"docs/configuration.md should hold:\n{table}");
    }

    [Fact]
    public void A_kind_registered_in_one_line_is_read_with_its_keys_and_naming()
    {
        var kinds = new SourceKindRegistry(NoSourceKind.Kind, Fake);

        var config = Load($"source:\n  kind: Fake\n  connectionString: x\n  schemas: [Sales]\n{Target}", kinds);

        Assert.Equal("fake", config.Source.Kind);
        Assert.Equal("x", config.Source.ConnectionString);
        Assert.Equal(["sales"], config.Source.Schemas);
        Assert.False(config.Source.FoldNamesToLower);
    }

    [Fact]
    public void The_kinds_a_message_lists_are_the_registered_ones()
    {
        var kinds = new SourceKindRegistry(NoSourceKind.Kind, Fake);

        Assert.Equal("cutover.yaml:2: 'source.kind' is 'oracle'; expected none or fake",
            Error($"source:\n  kind: oracle\n{Target}", kinds));
        Assert.Equal("cutover.yaml: 'source.connectionString' is required when source.kind is fake",
            Error($"source:\n  kind: fake\n{Target}", kinds));
    }

    [Fact]
    public void A_key_no_registered_kind_reads_is_unknown_and_one_another_kind_reads_is_refused()
    {
        var kinds = new SourceKindRegistry(NoSourceKind.Kind, Fake);

        Assert.Equal("cutover.yaml:3: unknown key 'driverPath' under 'source'",
            Error($"source:\n  kind: fake\n  driverPath: ./odp.dll\n  connectionString: x\n{Target}", kinds));
        Assert.Equal("cutover.yaml:3: unknown key 'conectionString' under 'source' (did you mean 'connectionString'?)",
            Error($"source:\n  kind: none\n  conectionString: x\n{Target}", kinds));
        Assert.Equal("cutover.yaml:3: 'source.schemas' has no effect with source.kind none: " +
            "nothing is read from a source (use kind: postgres or oracle to read one), or remove it",
            Error($"source:\n  kind: none\n  schemas: [a]\n{Target}", kinds));
    }

    [Fact]
    public void A_refused_key_without_a_hint_names_the_kinds_that_read_it()
    {
        var kinds = new SourceKindRegistry(Fake, new SourceKind
        {
            Name = "bare",
            Naming = SourceNaming.Oracle,
            CreateReader = (_, _) => new EmptyReader(),
        });

        Assert.Equal("cutover.yaml:3: 'source.connectionString' has no effect with source.kind bare: " +
            "only kind fake reads it; remove it",
            Error($"source:\n  kind: bare\n  connectionString: x\n{Target}", kinds));
    }

    [Theory]
    [InlineData("account_seq", null, "ACCOUNT_SEQ")]
    [InlineData(" \"Order Seq\" ", null, "Order Seq")]
    [InlineData("finance.account_seq", "FINANCE", "ACCOUNT_SEQ")]
    [InlineData("\"Fin\" . \"a.b\"", "Fin", "a.b")]
    public void Oracle_names_fold_once(string text, string? owner, string name)
    {
        Assert.Equal((owner, name), OracleName.Split(text));
        Assert.Equal(OracleName.Fold(text.Trim()), OracleName.Fold(" " + text + " "));
    }

    [Fact]
    public void A_baseline_directory_is_read_by_the_kind_that_reads_exports_and_needs_a_capture_time()
    {
        files.Write("sequences.csv", "SEQUENCE_OWNER,SEQUENCE_NAME,MIN_VALUE,MAX_VALUE,INCREMENT_BY,CYCLE_FLAG," +
            "ORDER_FLAG,CACHE_SIZE,LAST_NUMBER\nFINANCE,ACCOUNT_SEQ,1,100,1,N,N,20,5\n");
        var source = new SourceConfig("postgres", null, "Host=x", []);

        var error = Assert.Throws<InvalidInputException>(
            () => BaselineLoader.Load(files.Root, source, SourceKinds.All));
        Assert.Equal($"--baseline {files.Root}: export_info.csv with CAPTURED_AT is needed to measure rates",
            error.Message);

        files.Write("export_info.csv", "CAPTURED_AT\n2026-01-02T03:04:05Z\n");
        var baseline = BaselineLoader.Load(files.Root, source, SourceKinds.All);
        Assert.Equal(5, (int)baseline.BySourceSequence["FINANCE.ACCOUNT_SEQ"]);
        Assert.Equal($"export {files.Root}", baseline.Description);

        var missing = Path.Combine(files.Root, "nope");
        Assert.Equal($"--baseline {missing}: no such file or directory",
            Assert.Throws<InvalidInputException>(() => BaselineLoader.Load(missing, source, SourceKinds.All)).Message);
    }

    [Fact]
    public async Task Kind_none_reads_a_catalog_that_provides_no_reference_values()
    {
        var source = new SourceConfig("none", null, null, []);
        var reader = NoSourceKind.Kind.CreateReader(
            source, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

        var catalog = await reader.ReadAsync(CancellationToken.None);

        Assert.False(catalog.ProvidesReferenceValues);
        Assert.Empty(catalog.Sequences);
    }

    private sealed class EmptyReader : ISourceCatalogReader
    {
        public Task<SourceCatalog> ReadAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new SourceCatalog("fake", "fake", []));
    }
}

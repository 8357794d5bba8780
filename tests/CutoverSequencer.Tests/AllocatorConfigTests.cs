using CutoverSequencer.Cli;
using CutoverSequencer.Core;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Tests;

/// <summary>A table entry's allocator, blockSize and acknowledge keys.</summary>
[Collection("process environment")]
public class AllocatorConfigTests : IDisposable
{
    private const string Header = """
        source:
          kind: none
        target:
          connectionString: Host=localhost;Database=finance;Username=migrator
        sequenceAdvancement:
          tables:
            - table: orders
              pkColumn: order_id
        """;

    private readonly TempDirectory files = new();

    public void Dispose() => files.Dispose();

    private CutoverConfig Load(string yaml) => ConfigLoader.Load(files.Write("cutover.yaml", yaml), SourceKinds.All);

    private string Error(string yaml) =>
        Path.GetFileName(Assert.Throws<InvalidInputException>(() => Load(yaml)).Message);

    private static string With(params string[] lines) => Header + "\n" + string.Concat(lines.Select(l => "      " + l + "\n"));

    [Fact]
    public void A_hilo_entry_reads_its_block_size_and_acknowledgements()
    {
        var entry = Load(With("allocator: HiLo", "blockSize: 1_000", "acknowledge: [increment_mismatch]"))
            .SequenceAdvancement.Tables[0];

        Assert.Equal(KeyAllocator.Hilo, entry.Allocator);
        Assert.Equal(1000, entry.BlockSize);
        Assert.Equal([FindingCatalog.IncrementMismatch], entry.Acknowledged);
    }

    [Fact]
    public void An_entry_without_allocator_keys_states_none()
    {
        var entry = Load(Header + "\n").SequenceAdvancement.Tables[0];

        Assert.Null(entry.Allocator);
        Assert.Null(entry.BlockSize);
        Assert.Empty(entry.Acknowledged);
    }

    [Fact]
    public void Acknowledge_is_a_flow_or_block_list()
    {
        Assert.Equal([FindingCatalog.IncrementMismatch],
            Load(With("acknowledge:", "  - INCREMENT_MISMATCH")).SequenceAdvancement.Tables[0].Acknowledged);
        Assert.Equal(KeyAllocator.Sequence, Load(With("allocator: sequence")).SequenceAdvancement.Tables[0].Allocator);
    }

    [Theory]
    [InlineData("cutover.yaml:9: 'allocator: hilo' needs 'blockSize' (the optimizer's block size, at least 2)", "allocator: hilo")]
    [InlineData("cutover.yaml:10: 'blockSize' must be a whole number of at least 2, not '1'", "allocator: hilo", "blockSize: 1")]
    [InlineData("cutover.yaml:10: 'blockSize' must be a whole number of at least 2, not 'fifty'", "allocator: hilo", "blockSize: fifty")]
    [InlineData("cutover.yaml:10: 'blockSize' must be a whole number of at least 2, not '2.5'", "allocator: hilo", "blockSize: 2.5")]
    [InlineData("cutover.yaml:9: 'blockSize' is read only with 'allocator: hilo'", "blockSize: 50")]
    [InlineData("cutover.yaml:10: 'blockSize' is read only with 'allocator: hilo', not with 'allocator: sequence'", "allocator: sequence", "blockSize: 50")]
    [InlineData("cutover.yaml:9: 'allocator' must be sequence (keys are the sequence's values, pooled optimizers included) or hilo, not 'pooled'", "allocator: pooled")]
    [InlineData("cutover.yaml:9: 'acknowledge' accepts INCREMENT_MISMATCH, not 'HILO_KEYS'", "acknowledge: [HILO_KEYS]")]
    [InlineData("cutover.yaml:9: 'sequenceAdvancement.tables[0].acknowledge' must be a list", "acknowledge: INCREMENT_MISMATCH")]
    [InlineData("cutover.yaml:9: unknown key 'blocksiz' under 'sequenceAdvancement.tables[0]' (did you mean 'blockSize'?)", "blocksiz: 50")]
    public void Bad_allocator_keys_are_refused_with_their_line(string expected, params string[] lines) =>
        Assert.StartsWith(expected, Error(With(lines)), StringComparison.Ordinal);
}

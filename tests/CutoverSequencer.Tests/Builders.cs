using System.Numerics;
using CutoverSequencer.Core.Configuration;
using CutoverSequencer.Core.Model;
using CutoverSequencer.Core.Naming;

namespace CutoverSequencer.Tests;

/// <summary>Small builders so planner tests read like the seed's worked examples.</summary>
internal static class Builders
{
    public static AdvancementConfig Settings(long margin = 10_000, bool enabled = true, params TableEntry[] entries) =>
        new(enabled, margin, entries);

    public static TableEntry Entry(string? table, string? column, string? sequence, long? margin = null, string? sourceSequence = null, int line = 1) =>
        new(table is null ? null : QualifiedName.Parse(table, "public"), column, sequence is null ? null : QualifiedName.Parse(sequence, "public"),
            margin, sourceSequence, $"cutover.yaml:{line}");

    public static TargetSequence Sequence(string name, long lastValue = 1, bool isCalled = false, long increment = 1,
        long? min = null, long? max = null, long cache = 1, bool cycle = false, string type = "bigint") =>
        new(QualifiedName.Parse(name, "public"), type, lastValue, increment,
            min ?? (increment > 0 ? 1 : long.MinValue), max ?? (increment > 0 ? long.MaxValue : -1), cache, cycle, lastValue, isCalled);

    public static TargetEntryState State(TableEntry entry, TargetSequence sequence, BigInteger? keyExtreme, string columnType = "bigint") =>
        new(entry, entry.Table is null ? null : new TargetColumn(entry.Table, entry.PkColumn!, columnType), sequence, keyExtreme, []);

    public static SourceSequence OracleSeq(string name, BigInteger lastNumber, long increment = 1, string owner = "FINANCE",
        bool scalable = false, bool session = false) =>
        new(owner, name, 1, BigInteger.Parse("9999999999999999999999999999", System.Globalization.CultureInfo.InvariantCulture),
            increment, false, false, 20, lastNumber, scalable, session, "sequences.csv:2");

    public static SourceCatalog Source(params SourceSequence[] sequences) =>
        new("oracle-export", "oracle-export ./export", sequences);

    public static TargetSnapshot Target(params TargetEntryState[] entries) =>
        new("postgresql://postgres@127.0.0.1:5432/finance", "15.18", entries);

    /// <summary>Seed 7.7: the financial schema at full-load snapshot time.</summary>
    public static (AdvancementConfig Settings, SourceCatalog Source, TargetSnapshot Target) FinancialSchema()
    {
        var rows = new (string Table, string Column, string Sequence, string Oracle, long Last, long Max)[]
        {
            ("account", "account_id", "account_seq", "ACCOUNT_SEQ", 847_331, 847_290),
            ("transaction", "transaction_id", "transaction_seq", "TRANSACTION_SEQ", 24_891_044, 24_886_201),
            ("payment", "payment_id", "payment_seq", "PAYMENT_SEQ", 6_102_887, 6_101_990),
            ("ledger_entry", "ledger_entry_id", "ledger_entry_seq", "LEDGER_ENTRY_SEQ", 78_440_321, 78_423_100),
            ("reconciliation_batch", "recon_batch_id", "recon_batch_seq", "RECON_BATCH_SEQ", 4_421, 4_421),
        };
        var entries = rows.Select((r, i) => Entry(r.Table, r.Column, r.Sequence, line: 10 + i)).ToArray();
        return (
            Settings(10_000, true, entries),
            Source([.. rows.Select(r => OracleSeq(r.Oracle, r.Last))]),
            Target([.. rows.Select((r, i) => State(entries[i], Sequence(r.Sequence), r.Max))]));
    }
}

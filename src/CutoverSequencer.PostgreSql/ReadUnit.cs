namespace CutoverSequencer.PostgreSql;

/// <summary>A whole-table scan of one entry, or a chunk of probes (entry, read its key, read its position).</summary>
internal sealed record ReadUnit(int Scan, (int Index, bool Key, bool Position)[]? Probe);

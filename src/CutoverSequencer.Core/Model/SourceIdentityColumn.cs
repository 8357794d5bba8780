namespace CutoverSequencer.Core.Model;

/// <summary>An Oracle identity column and the system sequence (ISEQ$$_n) behind it.</summary>
public sealed record SourceIdentityColumn(string Owner, string Table, string Column, string GenerationType,
    string? SequenceName, string Location);

namespace CutoverSequencer.Core.Model;

/// <summary>A column's Oracle type (for key-type analysis) and its default (for sequence defaults).</summary>
public sealed record SourceColumn(string Owner, string Table, string Column, string DataType, int? DataLength,
    int? CharLength, string Location)
{
    /// <summary>The column's DEFAULT expression as Oracle stores it (DATA_DEFAULT), or null.</summary>
    public string? DataDefault { get; init; }
}

namespace CutoverSequencer.Core.Model;

/// <summary>A column's Oracle type, for key-type analysis.</summary>
public sealed record SourceColumn(string Owner, string Table, string Column, string DataType, int? DataLength,
    int? CharLength, string Location);

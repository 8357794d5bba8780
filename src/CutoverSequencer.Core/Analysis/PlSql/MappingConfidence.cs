namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>How sure a table-column-sequence mapping read from code is.</summary>
public enum MappingConfidence
{
    /// <summary>
    /// The value goes straight from NEXTVAL into the column on every path, and the dependencies name the sequence.
    /// </summary>
    Certain,

    /// <summary>The value passes through variables, wrappers or branches, or no dependency data was read.</summary>
    Likely,
}

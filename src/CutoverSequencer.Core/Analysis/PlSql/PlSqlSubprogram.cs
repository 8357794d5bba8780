namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A procedure or function declared inside a block, with its own block.</summary>
public sealed record PlSqlSubprogram(string Name, bool IsFunction, PlSqlBlock Block) : PlSqlStatement;

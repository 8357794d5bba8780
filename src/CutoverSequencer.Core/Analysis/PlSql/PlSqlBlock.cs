namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A block: its declarations, its statements and its exception handlers (each a branch).</summary>
public sealed record PlSqlBlock(
    IReadOnlyList<PlSqlStatement> Declarations,
    IReadOnlyList<PlSqlStatement> Body,
    IReadOnlyList<PlSqlBranch> Handlers) : PlSqlStatement;

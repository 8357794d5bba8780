namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>An IF or CASE statement: its branches in order (the ELSE branch, if any, last).</summary>
public sealed record PlSqlBranching(IReadOnlyList<PlSqlBranch> Branches) : PlSqlStatement;

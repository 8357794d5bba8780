namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>One branch of an IF, CASE or exception handler; a null condition is the ELSE branch.</summary>
public sealed record PlSqlBranch(IReadOnlyList<PlSqlToken>? Condition, IReadOnlyList<PlSqlStatement> Body);

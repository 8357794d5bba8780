namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A LOOP, WHILE or FOR loop: the tokens before LOOP and the statements inside.</summary>
public sealed record PlSqlLoop(IReadOnlyList<PlSqlToken> Header, IReadOnlyList<PlSqlStatement> Body) : PlSqlStatement;

namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A statement holding no other (assignment, SELECT, DML, call, RETURN), without its semicolon.</summary>
public sealed record PlSqlSimpleStatement(IReadOnlyList<PlSqlToken> Tokens) : PlSqlStatement;

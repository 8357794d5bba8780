namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>One statement of a PL/SQL block as the statement reader sees it.</summary>
public abstract record PlSqlStatement;

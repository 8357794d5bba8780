namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>How a statement stores a value.</summary>
public enum PlSqlWriteForm
{
    /// <summary><c>target := expression</c>, or a declaration's initial value.</summary>
    Assignment,

    /// <summary><c>SELECT ... INTO target, ...</c>, matched by position.</summary>
    SelectInto,

    /// <summary><c>RETURN expression</c> in a function.</summary>
    Return,

    /// <summary>
    /// <c>INSERT INTO table (col, ...) VALUES (...)</c> or <c>... SELECT ...</c> (also in FORALL and MERGE),
    /// matched by position.
    /// </summary>
    Insert,
}

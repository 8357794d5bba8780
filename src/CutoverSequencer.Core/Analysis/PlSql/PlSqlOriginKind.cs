namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>Where a tracked value comes from.</summary>
public enum PlSqlOriginKind
{
    /// <summary><c>name.NEXTVAL</c>: a new value of a sequence.</summary>
    SequenceNextValue,

    /// <summary>The result of a function or package call that is not an Oracle built-in.</summary>
    FunctionCall,
}

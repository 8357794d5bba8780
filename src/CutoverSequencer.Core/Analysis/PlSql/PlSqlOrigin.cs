namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>
/// A value followed through the code: where it was made (a sequence's NEXTVAL or a call), the
/// wrappers it passed through (NVL, COALESCE, DECODE, CASE...), the variables that held it, whether
/// any step ran only on some paths, and the statements involved.
/// </summary>
public sealed record PlSqlOrigin
{
    public required PlSqlOriginKind Kind { get; init; }

    /// <summary>The sequence or function name as dotted parts, each as Oracle stores it.</summary>
    public required IReadOnlyList<string> Name { get; init; }

    public IReadOnlyList<string> Wrappers { get; init; } = [];

    /// <summary>The variables (or local functions) the value passed through, first one first.</summary>
    public IReadOnlyList<string> Variables { get; init; } = [];

    /// <summary>How the value was first stored, when it went through a variable.</summary>
    public PlSqlWriteForm? FirstForm { get; init; }

    /// <summary>Some step was inside an IF, CASE, loop or exception handler.</summary>
    public bool Conditional { get; init; }

    public IReadOnlyList<PlSqlEvidence> Evidence { get; init; } = [];

    public string DottedName => string.Join(".", Name);
}

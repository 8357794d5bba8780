namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A statement a flow passed through: the line it starts on and its text, blanks collapsed.</summary>
public sealed record PlSqlEvidence(int Line, string Statement)
{
    public override string ToString() => $"line {Line}: {Statement}";
}

namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>What a PL/SQL token is. Comments and conditional-compilation directives produce none.</summary>
public enum PlSqlTokenKind
{
    /// <summary>An unquoted identifier or keyword; its value is folded to upper case as Oracle stores it.</summary>
    Word,

    /// <summary>A double-quoted identifier; its value is exact.</summary>
    QuotedWord,

    /// <summary>A bind or host reference such as <c>:NEW</c>; its value is the folded name after the colon.</summary>
    Bind,

    Number,

    /// <summary>A string literal (ordinary, N'' or q-quoted); its value is the literal's content.</summary>
    String,

    /// <summary>An operator or punctuation mark: <c>:= =&gt; || .. ( ) , ; .</c> and the rest.</summary>
    Symbol,
}

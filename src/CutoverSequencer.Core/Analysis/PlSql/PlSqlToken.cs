namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>One token with the line it starts on and its span in the text it was read from.</summary>
public readonly record struct PlSqlToken(PlSqlTokenKind Kind, string Value, int Line, int Start, int Length)
{
    /// <summary>An unquoted word or symbol equal to <paramref name="text"/> (upper case for words).</summary>
    public bool Is(string text) =>
        Kind is PlSqlTokenKind.Word or PlSqlTokenKind.Symbol && string.Equals(Value, text, StringComparison.Ordinal);

    /// <summary>A name: an unquoted word or a quoted identifier.</summary>
    public bool IsName => Kind is PlSqlTokenKind.Word or PlSqlTokenKind.QuotedWord;

    /// <summary>The token as it would be written back: quoted names quoted, binds with their colon.</summary>
    public string Display => Kind switch
    {
        PlSqlTokenKind.QuotedWord => "\"" + Value + "\"",
        PlSqlTokenKind.Bind => ":" + Value,
        PlSqlTokenKind.String => "'" + Value.Replace("'", "''", StringComparison.Ordinal) + "'",
        _ => Value,
    };
}

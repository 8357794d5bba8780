namespace CutoverSequencer.Core.Naming;

/// <summary>A PostgreSQL object name as the server stores it: schema and name, already folded.</summary>
public sealed record QualifiedName(string Schema, string Name) : IComparable<QualifiedName>
{
    /// <summary>The name as a person would type it: quoted only where PostgreSQL requires quotes.</summary>
    public override string ToString() => $"{Identifier.Display(Schema)}.{Identifier.Display(Name)}";

    /// <summary>Always-quoted form, safe to place in SQL text.</summary>
    public string ToSql() => $"{Identifier.Quote(Schema)}.{Identifier.Quote(Name)}";

    public int CompareTo(QualifiedName? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    /// <summary>
    /// Parses <c>name</c>, <c>schema.name</c>, <c>"Quoted"</c> or <c>"My Schema"."T"</c> the way
    /// PostgreSQL does: unquoted parts fold to lower case, quoted parts are exact.
    /// </summary>
    public static QualifiedName Parse(string text, string defaultSchema)
    {
        var parts = Identifier.SplitQualified(text);
        return parts.Count switch
        {
            1 => new QualifiedName(defaultSchema, parts[0]),
            2 => new QualifiedName(parts[0], parts[1]),
            _ => throw new FormatException($"'{text}' has {parts.Count} name parts; use name or schema.name"),
        };
    }
}

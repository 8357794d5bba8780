namespace CutoverSequencer.Core.Analysis.PlSql;

/// <summary>A statement storing a tracked value: into a bind (<c>:NEW.col</c>), a variable or a RETURN.</summary>
public sealed record PlSqlWrite
{
    /// <summary>The bind's name (e.g. NEW) when the target is a bind reference, else null.</summary>
    public string? Bind { get; init; }

    /// <summary>
    /// The target's dotted path after the bind (or the variable's path, or an INSERT's column); empty for RETURN
    /// and for an INSERT that lists no columns.
    /// </summary>
    public required IReadOnlyList<string> Target { get; init; }

    /// <summary>An INSERT's table as dotted parts, each as Oracle stores it; null for other forms.</summary>
    public IReadOnlyList<string>? Table { get; init; }

    /// <summary>An INSERT's value position (1-based) in its VALUES or SELECT list; null for other forms.</summary>
    public int? Position { get; init; }

    public required PlSqlWriteForm Form { get; init; }

    /// <summary>The value, with the statements it passed through including this one.</summary>
    public required PlSqlOrigin Origin { get; init; }
}

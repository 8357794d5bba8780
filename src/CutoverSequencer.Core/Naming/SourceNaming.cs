namespace CutoverSequencer.Core.Naming;

/// <summary>
/// How a source spells its names: Oracle stores unquoted names in upper case (folded to lower case for
/// the target by default); PostgreSQL names are already what the target uses.
/// </summary>
public sealed class SourceNaming
{
    public static SourceNaming Oracle { get; } = new()
    {
        Owner = OracleName.Fold,
        Schema = text => text.Trim(),
        FoldsToLowerByDefault = true,
    };

    public static SourceNaming PostgreSql { get; } = new()
    {
        Owner = Identifier.Parse,
        Schema = Identifier.Parse,
        FoldsToLowerByDefault = false,
    };

    /// <summary>An owner as configuration writes it (a source.schemaMapping key); may throw FormatException.</summary>
    public required Func<string, string> Owner { get; init; }

    /// <summary>A source.schemas entry; may throw FormatException.</summary>
    public required Func<string, string> Schema { get; init; }

    /// <summary>The default of source.nameFolding: lower (true) or preserve (false).</summary>
    public required bool FoldsToLowerByDefault { get; init; }
}

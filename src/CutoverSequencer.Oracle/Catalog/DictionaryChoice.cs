namespace CutoverSequencer.Oracle.Catalog;

/// <summary>Which dictionary views to read and which release-specific columns they have.</summary>
public sealed record DictionaryChoice(string Prefix, bool ScaleFlag, bool SessionFlag, bool IdentitySequence)
{
    /// <summary>PRODUCT_COMPONENT_VERSION.VERSION_FULL (18c and later; VERSION says only 19.0.0.0.0 there).</summary>
    public bool VersionFull { get; init; }

    /// <summary>Everything present: DBA_ views of 18c or later.</summary>
    public static DictionaryChoice Full { get; } = new("DBA", true, true, true) { VersionFull = true };
}

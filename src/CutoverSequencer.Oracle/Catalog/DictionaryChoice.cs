namespace CutoverSequencer.Oracle.Catalog;

/// <summary>Which dictionary views to read and which release-specific columns they have.</summary>
public sealed record DictionaryChoice(string Prefix, bool ScaleFlag, bool SessionFlag, bool IdentitySequence)
{
    /// <summary>
    /// *_TAB_COLUMNS has DATA_DEFAULT_VC (23ai): defaults are filtered for NEXTVAL in SQL. Without it the
    /// LONG DATA_DEFAULT of every numeric column with a default is read and filtered here.
    /// </summary>
    public bool DataDefaultText { get; init; }

    /// <summary>PRODUCT_COMPONENT_VERSION.VERSION_FULL (18c and later; VERSION says only 19.0.0.0.0 there).</summary>
    public bool VersionFull { get; init; }

    /// <summary>Everything present: DBA_ views of 23ai.</summary>
    public static DictionaryChoice Full { get; } =
        new("DBA", true, true, true) { DataDefaultText = true, VersionFull = true };
}

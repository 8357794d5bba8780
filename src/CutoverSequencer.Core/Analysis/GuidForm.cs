namespace CutoverSequencer.Core.Analysis;

/// <summary>The stored forms of a GUID (SYS_GUID is RAW(16): usually 32 hex digits, or 36 with dashes).</summary>
public enum GuidForm
{
    Hex32,
    Dashed36,
    Braced38,
    Raw16,
}

namespace CutoverSequencer.Core.Configuration;

/// <summary>UTF-8 that refuses invalid bytes instead of silently replacing them.</summary>
public static class StrictUtf8
{
    public static readonly System.Text.Encoding Encoding =
        new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true);
}

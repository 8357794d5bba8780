using System.Globalization;
using System.Numerics;
using CutoverSequencer.Core;

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// One row of an Oracle dictionary view, from an export file or a live query, with typed accessors
/// that name where the row came from on error. Both sources map rows through the same code.
/// </summary>
public abstract class CatalogRow
{
    /// <summary>file:line for an export, view and row number for a live query.</summary>
    public abstract string Location { get; }

    /// <summary>The raw field; null when NULL (empty) or when the optional column is absent.</summary>
    public abstract string? Get(string column);

    public string? Trimmed(string column) => Get(column)?.Trim() is { Length: > 0 } t ? t : null;

    public string Text(string column) => Trimmed(column) ?? throw Error(column, "is empty");

    /// <summary>An object name: Oracle names hold no control characters (and no double quote).</summary>
    public string Name(string column)
    {
        var text = Text(column);
        var bad = text.FirstOrDefault(c => char.IsControl(c) || c == '"');
        return bad == default
            ? text
            : throw Error(column, $"contains a character no Oracle name can hold (U+{(int)bad:X4})");
    }

    /// <summary>
    /// An exact integer. With <paramref name="approximateAllowed"/> a bound such as SQL*Plus's
    /// "1.0000E+28" is accepted too: a rounded NOMAXVALUE still means "no bound".
    /// </summary>
    public BigInteger Number(string column, bool approximateAllowed = false)
    {
        var text = Text(column);
        if (BigInteger.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        if (approximateAllowed
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var approx))
        {
            return new BigInteger(decimal.Truncate(approx));
        }
        throw Error(column, $"is '{Clip(text)}', not a whole number (select it with TO_CHAR(x, 'TM9'))");
    }

    public int? OptionalInt(string column)
    {
        var text = Trimmed(column);
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(column, $"is '{Clip(text)}', not a whole number");
    }

    public bool Flag(string column, bool defaultValue = false) => Trimmed(column)?.ToUpperInvariant() switch
    {
        null => defaultValue,
        "Y" or "YES" => true,
        "N" or "NO" => false,
        var other => throw Error(column, $"is '{Clip(other)}'; expected Y or N"),
    };

    public InvalidInputException Error(string column, string problem) =>
        new($"{Location}: {column.ToUpperInvariant()} {problem}");

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;
}

namespace CutoverSequencer.Oracle.Catalog;

/// <summary>
/// A column that exists only on some releases, and what the queries name in its place (token
/// <c>{{Token}}</c>): <paramref name="Present"/> where the probe found it, <paramref name="Absent"/> otherwise.
/// </summary>
/// <param name="View">The view, without the DBA_/ALL_ prefix when <paramref name="Prefixed"/>.</param>
public sealed record ProbedColumn(
    string Token, string View, bool Prefixed, string Column, string Present, string Absent,
    Func<DictionaryChoice, bool> IsPresent)
{
    public string ViewName(string prefix) => Prefixed ? $"{prefix}_{View}" : View;
}

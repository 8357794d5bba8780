namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// A picture: <paramref name="Svg"/> is inline SVG markup written into the HTML as is (its maker escapes
/// every text in it); Markdown shows <paramref name="Caption"/> and says the picture is in the HTML.
/// </summary>
public sealed record Figure(string Svg, string Caption) : Block;

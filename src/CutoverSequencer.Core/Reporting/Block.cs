namespace CutoverSequencer.Core.Reporting;

/// <summary>
/// The report's layout, built once from the model and written as Markdown or HTML. Lists and table
/// rows are enumerated lazily, so writers stream a report of any size without holding it whole.
/// </summary>
public abstract record Block;

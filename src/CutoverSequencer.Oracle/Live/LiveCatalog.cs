using CutoverSequencer.Core.Findings;
using CutoverSequencer.Oracle.Catalog;

namespace CutoverSequencer.Oracle.Live;

/// <summary>The export tables read live, with how they were read.</summary>
public sealed record LiveCatalog(
    IReadOnlyList<CatalogTable> Tables,
    DictionaryChoice Dictionary,
    IReadOnlyList<Finding> Findings);

using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Stage;

/// <summary>
/// The journal's one serialization contract, generated at build time: the writer and the reader both use it.
/// </summary>
[JsonSerializable(typeof(JournalDocument))]
[JsonSerializable(typeof(JournalEntry))]
[JsonSerializable(typeof(DateTimeOffset?))]
internal sealed partial class JournalJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>plan.json's one serialization contract, generated at build time: writer and reader both use it
/// (options in <see cref="SavedPlan"/>).</summary>
[JsonSerializable(typeof(PlanDocument))]
internal sealed partial class PlanJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.SavedPlans;

/// <summary>plan.json's one serialization contract, generated at build time: writer and reader both use it.</summary>
[JsonSerializable(typeof(PlanDocument))]
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true)]
internal sealed partial class PlanJson : JsonSerializerContext;

using System.Text.Json.Serialization;

namespace CutoverSequencer.Core.Reporting;

internal sealed record JsonRate(double PerHour, string Basis, double WindowHours, decimal Headroom, long RequiredMargin,
    long ConfiguredMargin);

using System.Globalization;
using CutoverSequencer.Core.Planning;

namespace CutoverSequencer.Core.Wording;

/// <summary>A planned row's derivation in words, for every report and the console.</summary>
public static class DerivationWording
{
    public static string Describe(PlannedSequence row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var words = Describe(row.Derivation);
        return row.Rate is { } rate ? $"Margin: {Rate(rate)}. {words}" : words;
    }

    public static string Describe(Derivation derivation)
    {
        ArgumentNullException.ThrowIfNull(derivation);
        if (derivation.Steps is [var only] && Sentence(only) is { } sentence)
        {
            return sentence;
        }
        return derivation.Steps.Count == 0 ? "" : string.Join("; ", derivation.Steps.Select(Phrase)) + ".";
    }

    /// <summary>The rate-aware margin: rate × window × headroom, against the configured margin.</summary>
    public static string Rate(RateMargin rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        var formula = string.Create(CultureInfo.InvariantCulture,
            $"rate {rate.PerHour:N1}/h ({Basis(rate.Basis)}) × window {rate.Window.TotalHours:0.##} h × " +
            $"headroom {rate.Headroom:0.##} = {rate.Required:N0}");
        var against = rate.Required > rate.Configured ? "above" : "within";
        return formula + string.Create(CultureInfo.InvariantCulture,
            $", {against} the configured {rate.Configured:N0}");
    }

    public static string Basis(RateBasis basis)
    {
        ArgumentNullException.ThrowIfNull(basis);
        return basis.Delta is { } delta
            ? string.Create(CultureInfo.InvariantCulture,
                $"measured: {N(delta)} values in {basis.Hours:0.##} h since {basis.Baseline}")
            : "declared expectedInsertsPerHour";
    }

    private static string? Sentence(DerivationStep step) => step switch
    {
        UnresolvedStep => "The target objects could not be resolved.",
        NoReferenceStep s => $"No source value and no keys: left where it is (next value {N(s.Current)}).",
        StrideStep s => Stride(s),
        _ => null,
    };

    private static string Phrase(DerivationStep step) => step switch
    {
        ReferenceStep s => $"{Reference(s)} {(s.Descending ? "-" : "+")} margin {N(s.Margin)}" +
            $"{(s.Blocks ? " blocks" : "")} = {N(s.Wanted)}",
        HiloStep s => Hilo(s),
        HiloKeysStep s => $"the block of keys it opens lies within {N(s.FirstKey)} – {N(s.LastKey)} " +
            $"((next − 1) × {s.BlockSize} + 1 to next × {s.BlockSize} + {s.BlockSize - 1})",
        NoReferenceStep s => $"no source value and no keys: left where it is (next value {N(s.Current)})",
        GridStep s => $"moved onto the step grid of {s.Increment} (anchored at {N(s.Anchor)}): {N(s.Value)}",
        AlreadyBeyondStep s => $"the sequence already issues {N(s.Current)} next, so it is left unchanged",
        SetStep s => $"setval({N(s.Value)}, true): next value {N(s.Next)}",
        _ => Sentence(step) ?? throw new ArgumentOutOfRangeException(nameof(step), step, "unknown derivation step"),
    };

    private static string Reference(ReferenceStep s) => (s.SourceLast, s.TargetExtreme) switch
    {
        ({ } source, { } target) =>
            $"{(s.Descending ? "MIN" : "MAX")}(source {N(source)}, {Target(s)} {N(target)}) = {N(s.Reference)}",
        ({ } source, null) => $"source {N(source)}",
        _ => $"{(s.Blocks ? "key block" : s.Descending ? "target min" : "target max")} {N(s.TargetExtreme!.Value)}",
    };

    private static string Target(ReferenceStep s) => s.Blocks ? "key block" : "target";

    private static string Hilo(HiloStep s)
    {
        var keys = s.MaxKey is { } max && s.KeyBlock is { } block
            ? $"max key {N(max)} is in block ⌈{N(max)} / {s.BlockSize}⌉ = {N(block)} or below"
            : "no keys";
        return $"hilo, {s.BlockSize} keys per value: {keys}; margin {N(s.Margin)} keys = " +
            $"⌈{N(s.Margin)} / {s.BlockSize}⌉ = {N(s.MarginBlocks)} blocks";
    }

    private static string Stride(StrideStep s)
    {
        var (nodes, node, residue) = (s.Stride.Nodes, s.Stride.Node, s.Stride.Residue);
        var what = s.Reference is { } reference
            ? $"above {N(reference)} + margin {N(s.Margin)}"
            : $"no keys and no source value: from MINVALUE {N(s.MinValue)}";
        if (s.Unchanged)
        {
            return $"Node {node} of {nodes}: already steps by {nodes} on residue {residue} " +
                $"and issues {N(s.Current)} next " +
                $"({what}); left unchanged.";
        }
        var current = s.AboveCurrent ? $" and at or above the current next value {N(s.Current)}" : "";
        return $"Node {node} of {nodes}: smallest value ≡ {residue} (mod {nodes}) {what}{current} is {N(s.Next)}; " +
            $"INCREMENT BY {nodes} RESTART WITH {N(s.Next)}.";
    }

    private static string N(System.Numerics.BigInteger value) => Numbers.Format(value);
}

using System.Globalization;
using CutoverSequencer.Core.Findings;

namespace CutoverSequencer.Core.Configuration;

/// <summary>A table entry's allocator, block size and acknowledgements.</summary>
public static partial class ConfigLoader
{
    /// <summary>The finding codes a table entry may acknowledge, turning them from blocking into warnings.</summary>
    public static readonly IReadOnlyList<string> Acknowledgeable = [FindingCatalog.IncrementMismatch];

    private sealed partial class TypedReader
    {
        private (KeyAllocator? Allocator, long? BlockSize) ReadAllocator(string key)
        {
            var text = Text(key + ":allocator");
            KeyAllocator? allocator = text?.Trim().ToLowerInvariant() switch
            {
                null => null,
                "sequence" => KeyAllocator.Sequence,
                "hilo" => KeyAllocator.Hilo,
                _ => Fail<KeyAllocator?>(key + ":allocator",
                    $"'allocator' must be sequence (keys are the sequence's values, pooled optimizers included) " +
                    $"or hilo, not '{text}'"),
            };
            var sizeText = Text(key + ":blockSize");
            if (sizeText is null)
            {
                return allocator == KeyAllocator.Hilo
                    ? Fail<(KeyAllocator?, long?)>(key + ":allocator",
                        "'allocator: hilo' needs 'blockSize' (the optimizer's block size, at least 2)")
                    : (allocator, null);
            }
            if (!long.TryParse(sizeText.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign,
                    CultureInfo.InvariantCulture, out var size) || size < 2)
            {
                return Fail<(KeyAllocator?, long?)>(key + ":blockSize",
                    $"'blockSize' must be a whole number of at least 2, not '{sizeText}'");
            }
            if (allocator != KeyAllocator.Hilo)
            {
                return text is null && allocator is null
                    ? Fail<(KeyAllocator?, long?)>(key + ":blockSize",
                        "'blockSize' is read only with 'allocator: hilo'")
                    : Fail<(KeyAllocator?, long?)>(key + ":blockSize",
                        $"'blockSize' is read only with 'allocator: hilo', not with 'allocator: {text}'");
            }
            return (allocator, size);
        }

        private string[] ReadAcknowledged(string key)
        {
            var acknowledged = new List<string>();
            foreach (var item in Children(key + ":acknowledge"))
            {
                var code = Text(item);
                var known = Acknowledgeable.FirstOrDefault(c =>
                    string.Equals(c, code?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (known is null)
                {
                    Fail<string>(item, $"'acknowledge' accepts {string.Join(", ", Acknowledgeable)}, not '{code}'");
                }
                else if (!acknowledged.Contains(known))
                {
                    acknowledged.Add(known);
                }
            }
            return [.. acknowledged];
        }
    }
}

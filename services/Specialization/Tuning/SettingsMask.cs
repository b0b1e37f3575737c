using MultiCluster.Contracts.V1;

namespace MultiCluster.Specialization.Tuning;

/// <summary>
/// Which fields of <see cref="CollectionSettings"/> an update sets: the update_mask's paths (the proto field names),
/// or, when it is empty, every field that is not zero (a zero means "keep" in the contract).
/// </summary>
public static class SettingsMask
{
    public const string Quantization = "quantization";

    /// <summary>Fields that only describe the quantization and so travel with it (Qdrant replaces quantization whole).</summary>
    public static readonly IReadOnlySet<string> QuantizationDetails = new HashSet<string>(StringComparer.Ordinal) { "scalar_quantile", "product_compression_ratio", "quantization_always_ram" };

    /// <summary>Every settable field, by proto name.</summary>
    public static readonly IReadOnlyList<string> Names = [.. CollectionSettings.Descriptor.Fields.InFieldNumberOrder().Select(f => f.Name)];

    /// <summary>The fields to set; SpecializationException (INVALID_ARGUMENT) naming <paramref name="maskField"/> for unknown names.</summary>
    public static IReadOnlySet<string> Resolve(CollectionSettings settings, IReadOnlyList<string> paths, string maskField)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count == 0)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in CollectionSettings.Descriptor.Fields.InFieldNumberOrder())
            {
                var value = field.Accessor.GetValue(settings);
                if (value is not (0u or 0ul or 0f or false or Contracts.V1.Quantization.Unspecified))
                {
                    given.Add(field.Name);
                }
            }

            return Complete(given, "settings: ");
        }

        var unknown = paths.Where(p => !Names.Contains(p, StringComparer.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw SpecializationException.Invalid($"{maskField}: {string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is not a field" : "are not fields")} of CollectionSettings; use {string.Join(", ", Names)}.");
        }

        return Complete(paths.ToHashSet(StringComparer.Ordinal), $"{maskField}: ");
    }

    private static HashSet<string> Complete(HashSet<string> fields, string prefix)
    {
        var detailsAlone = fields.Where(QuantizationDetails.Contains).ToList();
        if (detailsAlone.Count > 0 && !fields.Contains(Quantization))
        {
            throw SpecializationException.Invalid($"{prefix}{string.Join(", ", detailsAlone)} must come with '{Quantization}' (the cluster replaces quantization whole); give the quantization kind too.");
        }

        return fields;
    }
}

using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Domains;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Configuration;

/// <summary>Changes the thresholds and analysis settings of a library, or the defaults (library '').</summary>
public sealed class DiscoverySettingsEditor(DiscoveryStore store, ThresholdsProvider thresholds, DiscoveryOptions options)
{
    private static readonly IReadOnlyList<string> ThresholdFields = DomainThresholds.Descriptor.Fields.InDeclarationOrder().Select(f => f.Name).ToList();

    /// <summary>Applies the masked fields (all when the mask is empty), stores the result, returns what is now in effect.</summary>
    public async Task<DomainThresholds> UpdateThresholdsAsync(string library, DomainThresholds given, FieldMask? mask, CancellationToken cancellationToken)
    {
        given ??= new DomainThresholds();
        DomainThresholds updated;
        if (mask is null || mask.Paths.Count == 0)
        {
            updated = given.Clone();
        }
        else
        {
            for (var i = 0; i < mask.Paths.Count; i++)
            {
                if (!ThresholdFields.Contains(mask.Paths[i]))
                {
                    throw new DiscoveryRequestException(
                        $"update_mask.paths[{i}]: {LibraryName.Quote(mask.Paths[i])} is not a field of DomainThresholds; use {string.Join(", ", ThresholdFields)}.");
                }
            }

            updated = (await store.GetThresholdsAsync(library, cancellationToken))?.Clone() ?? new DomainThresholds();
            foreach (var field in DomainThresholds.Descriptor.Fields.InDeclarationOrder().Where(f => mask.Paths.Contains(f.Name)))
            {
                field.Accessor.SetValue(updated, field.Accessor.GetValue(given));
            }
        }

        ThresholdsValidator.Validate(updated, "thresholds");
        await store.PutThresholdsAsync(library, updated, cancellationToken);
        return library.Length == 0 ? ThresholdPolicy.Resolve(updated) : await thresholds.EffectiveAsync(library, cancellationToken);
    }

    /// <summary>Stores the settings (strategy required, parameters matching it), returns them with defaults resolved.</summary>
    public async Task<AnalysisSettings> SetStrategyAsync(string library, AnalysisSettings? settings, CancellationToken cancellationToken)
    {
        if (settings is null)
        {
            throw new DiscoveryRequestException($"settings: must be set, with settings.strategy one of {StrategyCatalog.AllowedNames}.");
        }

        AnalysisSettingsValidator.Validate(settings, "settings", options.MaxSampleSize, requireStrategy: true);
        await store.PutSettingsAsync(library, settings, cancellationToken);
        return AnalysisSettingsResolver.WithDefaults(settings);
    }
}

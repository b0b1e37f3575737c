using System.Security.Cryptography;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.Discovery.Domains;
using MultiCluster.Discovery.Libraries;
using MultiCluster.Discovery.Sampling;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.Maps;

/// <summary>What the stored maps say over time: patterns between versions, per-domain statistics, validation on fresh data.</summary>
public sealed class DomainInsights(DiscoveryStore store, DomainMapReader maps, LibraryCatalog catalog, ThresholdsProvider thresholds, DiscoveryOptions options, TimeProvider time)
{
    public const uint DefaultValidationSample = 2_000;

    public async Task<DiscoverPatternsResponse> DiscoverPatternsAsync(DiscoverPatternsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await maps.GetAsync(request.Library, 0, latestPublished: false, cancellationToken);
        var to = request.ToVersion == 0 ? latest.Version : request.ToVersion;
        if (to > latest.Version)
        {
            throw new DiscoveryNotFoundException($"to_version: '{request.Library}' has no version {to}; its versions are 1..{latest.Version} (0 means the latest).");
        }

        var from = request.FromVersion == 0 ? 1 : request.FromVersion;
        if (from > to)
        {
            throw new DiscoveryRequestException($"from_version: {from} is after to_version {to}; use 1..{to}, or 0 for the oldest retained.");
        }

        var versions = await store.GetVersionsAsync(request.Library, from, to, cancellationToken);
        var resolved = await thresholds.EffectiveAsync(request.Library, cancellationToken);
        var kinds = request.Kinds.ToHashSet();
        var patterns = versions.Zip(versions.Skip(1))
            .SelectMany(pair => PatternDetector.Compare(pair.First, pair.Second, resolved))
            .Where(p => (kinds.Count == 0 || kinds.Contains(p.Kind)) && p.Confidence >= request.MinConfidence)
            .OrderByDescending(p => p.ToVersion)
            .ToList();
        var response = new DiscoverPatternsResponse
        {
            FromVersion = versions.Count > 0 ? versions[0].Version : to,
            ToVersion = versions.Count > 0 ? versions[^1].Version : to,
        };
        response.Patterns.AddRange(patterns);

        var now = time.GetUtcNow();
        var windowStart = now - options.UsageWindow;
        var samples = await store.GetLoadAsync(request.Library, windowStart, now, cancellationToken);
        if (samples.Count > 0)
        {
            var newest = versions.Count > 0 ? versions[^1] : latest;
            response.Usage.AddRange(UsageSummary.Summarize(samples, windowStart, now, newest.Domains.Select(d => d.DomainId).ToList()));
            response.UsageWindow = new TimeRange { StartTime = Timestamp.FromDateTimeOffset(windowStart), EndTime = Timestamp.FromDateTimeOffset(now) };
        }

        return response;
    }

    public async Task<GetDomainStatisticsResponse> GetStatisticsAsync(GetDomainStatisticsRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var map = await maps.GetAsync(request.Library, request.Version, latestPublished: true, cancellationToken);
        var known = map.Domains.Select(d => d.DomainId).ToHashSet(StringComparer.Ordinal);
        if (request.DomainIds.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
        {
            throw new DiscoveryNotFoundException(
                $"domain_ids: {LibraryName.Quote(unknown)} is not a domain of version {map.Version} of '{map.Library}'; its domains are {string.Join(", ", known.Order(StringComparer.Ordinal).Take(20))}.");
        }

        var previous = map.PreviousVersion == 0 ? null : await store.GetVersionAsync(map.Library, map.PreviousVersion, cancellationToken);
        var wanted = request.DomainIds.ToHashSet(StringComparer.Ordinal);
        var response = new GetDomainStatisticsResponse { Library = map.Library, Version = map.Version, TotalPoints = map.TotalPoints };
        response.Domains.AddRange(DomainStatisticsCalculator.Compute(map, previous).Where(s => wanted.Count == 0 || wanted.Contains(s.DomainId)));
        return response;
    }

    public async Task<ValidateDomainMappingResponse> ValidateAsync(ValidateDomainMappingRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var size = request.SampleSize == 0 ? DefaultValidationSample : request.SampleSize;
        if (size > options.MaxSampleSize)
        {
            throw new DiscoveryRequestException($"sample_size: {size} is above the limit of {options.MaxSampleSize} (Discovery:MaxSampleSize); use 1..{options.MaxSampleSize}, or 0 for {DefaultValidationSample}.");
        }

        var map = await maps.GetAsync(request.Library, request.Version, latestPublished: false, cancellationToken);
        var library = await catalog.GetAsync(request.Library, "library", cancellationToken);
        if (library.Shape.Dimension != map.Dimension)
        {
            throw new DiscoveryConflictException(
                $"library: '{library.Name}' now has dimension {library.Shape.Dimension}, but version {map.Version} was made for {map.Dimension}; analyse the library again.");
        }

        var sample = await LibrarySampler.SampleAsync(library, (int)size, Seed(), null, cancellationToken);
        if (sample.Count == 0)
        {
            throw new DiscoveryConflictException($"library: '{library.Name}' has no points to validate against; write points to it first.");
        }

        var resolved = await thresholds.EffectiveAsync(library.Name, cancellationToken);
        return MappingValidator.Validate(map, sample.Prepare(library.Shape.Distance), resolved);
    }

    private static ulong Seed() => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
}

using MultiCluster.Clusters;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Analysis;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Discovery.Grpc;

/// <summary>
/// What can be checked of a request before any state is read: names, enums, ranges, sizes. Each refusal is a
/// <see cref="DiscoveryRequestException"/> starting with the field's path; what needs state (does the library
/// exist, does the dimension match) is checked by the logic.
/// </summary>
public sealed class DiscoveryRequestValidator(DiscoveryOptions options)
{
    public const int MaxRequestIdLength = 128;
    public const int MaxDomainIds = 10_000;

    public void Validate(AnalyzeDomainsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLibrary(request.Library);
        if (request.Settings is { } settings)
        {
            AnalysisSettingsValidator.Validate(settings, "settings", options.MaxSampleSize, requireStrategy: false);
        }

        if (request.Points.Count > InlinePoints.MaxPoints)
        {
            Fail($"points: {request.Points.Count} points given; at most {InlinePoints.MaxPoints} per request (or none, to sample the library).");
        }

        for (var i = 0; i < request.Points.Count; i++)
        {
            var vector = request.Points[i].Vector;
            if (vector.Count == 0)
            {
                Fail($"points[{i}].vector: empty; every point needs a vector of the library's dimension.");
            }

            for (var j = 0; j < vector.Count; j++)
            {
                if (!float.IsFinite(vector[j]))
                {
                    Fail($"points[{i}].vector[{j}]: {vector[j]} is not a finite number; vectors must hold finite values only.");
                }
            }
        }

        if (request.RequestId.Length > MaxRequestIdLength || request.RequestId.Any(char.IsControl))
        {
            Fail($"request_id: must be at most {MaxRequestIdLength} characters without control characters (a UUID fits), or empty.");
        }
    }

    public static void Validate(DiscoverPatternsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLibrary(request.Library);
        for (var i = 0; i < request.Kinds.Count; i++)
        {
            if (!System.Enum.IsDefined(request.Kinds[i]))
            {
                Fail($"kinds[{i}]: {(int)request.Kinds[i]} is not a pattern kind; use PATTERN_KIND_DRIFT .. PATTERN_KIND_DISAPPEARANCE, or leave kinds empty for all.");
            }
        }

        if (!(request.MinConfidence >= 0 && request.MinConfidence <= 1))
        {
            Fail($"min_confidence: {request.MinConfidence} is outside 0..1.");
        }
    }

    public static void Validate(ValidateDomainMappingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLibrary(request.Library);
    }

    public static void Validate(GetDomainStatisticsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLibrary(request.Library);
        if (request.DomainIds.Count > MaxDomainIds)
        {
            Fail($"domain_ids: {request.DomainIds.Count} ids given; at most {MaxDomainIds}, or none for every domain.");
        }

        for (var i = 0; i < request.DomainIds.Count; i++)
        {
            if (!LibraryName.IsValidDomainId(request.DomainIds[i]))
            {
                Fail($"domain_ids[{i}]: {LibraryName.Quote(request.DomainIds[i])} is not a domain id; ids match [a-z0-9][a-z0-9_-]{{0,47}}.");
            }
        }
    }

    public static void Validate(UpdateDomainThresholdsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OptionalLibrary(request.Library);
    }

    public static void Validate(SetAnalysisStrategyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OptionalLibrary(request.Library);
    }

    public static (DateTimeOffset? From, DateTimeOffset? To) Validate(GetAnalysisHistoryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OptionalLibrary(request.Library);
        for (var i = 0; i < request.States.Count; i++)
        {
            if (request.States[i] == OperationState.Unspecified || !System.Enum.IsDefined(request.States[i]))
            {
                Fail($"states[{i}]: {(int)request.States[i]} is not an operation state; use OPERATION_STATE_PENDING .. OPERATION_STATE_CANCELLED, or leave states empty for all.");
            }
        }

        return Range(request.TimeRange, "time_range");
    }

    public static (DateTimeOffset? From, DateTimeOffset? To) Validate(GetPerformanceMetricsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OptionalLibrary(request.Library);
        return Range(request.TimeRange, "time_range");
    }

    public static void Validate(GetDomainMapRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequireLibrary(request.Library);
    }

    public static void Validate(WatchDomainMapRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        OptionalLibrary(request.Library);
    }

    /// <summary>Operation ids are UUIDs; anything else cannot name one (NOT_FOUND, as for an unknown id).</summary>
    public static void Validate(WatchAnalysisRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Guid.TryParseExact(request.OperationId, "D", out _))
        {
            throw new DiscoveryNotFoundException($"operation_id: no analysis operation {LibraryName.Quote(request.OperationId)}; pass an operation_id that AnalyzeDomains returned.");
        }
    }

    private static void RequireLibrary(string library)
    {
        if (!LibraryName.IsValid(library))
        {
            Fail(library.Length == 0
                ? "library: must be set to a library name ([a-z0-9][a-z0-9_-]{0,62}, without '__')."
                : $"library: {LibraryName.Quote(library)} is not a library name; names match [a-z0-9][a-z0-9_-]{{0,62}} without '__'.");
        }
    }

    private static void OptionalLibrary(string library)
    {
        if (library.Length > 0)
        {
            RequireLibrary(library);
        }
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(TimeRange? range, string path)
    {
        var read = RequestTime.ReadRange(range, path, out var problem);
        if (problem is not null)
        {
            Fail(problem);
        }

        return read;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string message) => throw new DiscoveryRequestException(message);
}

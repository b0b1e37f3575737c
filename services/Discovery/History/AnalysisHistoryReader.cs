using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;
using MultiCluster.Discovery.Storage;

namespace MultiCluster.Discovery.History;

/// <summary>The analysis history page by page, and what it says about each strategy's speed and quality.</summary>
public sealed class AnalysisHistoryReader(DiscoveryStore store)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1_000;

    public async Task<GetAnalysisHistoryResponse> GetPageAsync(string library, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<OperationState> states, Pagination? pagination, CancellationToken cancellationToken)
    {
        var size = pagination?.PageSize is > 0 and var asked ? (int)Math.Min(asked, MaxPageSize) : DefaultPageSize;
        var hash = HistoryPageToken.FilterHash(
            library, from?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", to?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "",
            string.Join(',', states.Select(s => (int)s)));
        var after = string.IsNullOrEmpty(pagination?.PageToken) ? ((DateTimeOffset, string)?)null : HistoryPageToken.Decode(pagination.PageToken, hash);
        // One more than the page: whether it exists says whether there is a next page.
        var rows = await store.QueryHistoryAsync(new HistoryQuery(library, from, to, states, size + 1, after), cancellationToken);
        var response = new GetAnalysisHistoryResponse();
        response.Records.AddRange(rows.Take(size).Select(r => r.Record));
        if (rows.Count > size)
        {
            var last = rows[size - 1].Record;
            response.NextPageToken = HistoryPageToken.Encode(last.StartedAt.ToDateTimeOffset(), last.OperationId, hash);
        }

        return response;
    }

    public async Task<GetPerformanceMetricsResponse> GetMetricsAsync(string library, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var runs = await store.StrategyRunsAsync(library, from, to, cancellationToken);
        var (running, queued, lastFinished) = await store.ActivityAsync(library, cancellationToken);
        var response = new GetPerformanceMetricsResponse
        {
            RunningCount = (uint)running,
            QueuedCount = (uint)queued,
            LastFinishedAt = lastFinished is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        response.Strategies.AddRange(runs.Select(r => new StrategyPerformance
        {
            Strategy = r.Strategy,
            RunCount = (ulong)r.Runs,
            FailureCount = (ulong)r.Failures,
            DurationP50Ms = r.P50Ms ?? 0,
            DurationP95Ms = r.P95Ms ?? 0,
            PointsPerSecond = r.PointsPerSecond ?? 0,
            MeanSilhouetteScore = r.MeanSilhouette ?? 0,
        }));
        return response;
    }
}

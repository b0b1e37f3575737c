using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>GetRebalancingHistory: runs started in a range, of some triggers, newest first, a page at a time.</summary>
public sealed class RebalancingHistory(RunStore store)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 1_000;

    public async Task<GetRebalancingHistoryResponse> PageAsync(GetRebalancingHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (from, to) = RequestTime.ReadRange(request.TimeRange, "time_range", out var problem);
        if (problem is not null)
        {
            throw RebalancerException.Invalid(problem);
        }

        for (var i = 0; i < request.Triggers.Count; i++)
        {
            if (request.Triggers[i] == RebalancingTrigger.Unspecified || !Enum.IsDefined(request.Triggers[i]))
            {
                throw RebalancerException.Invalid($"triggers[{i}]: {(int)request.Triggers[i]} is not a trigger; use MANUAL, THRESHOLD or PREDICTED, or leave triggers empty for all.");
            }
        }

        var filter = new HistoryFilter(from, to, request.Triggers.Distinct().Order().ToList());
        var filters = string.Join('|', from?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "", to?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "",
            string.Join(',', filter.Triggers.Select(t => (int)t)));
        var after = string.IsNullOrEmpty(request.Pagination?.PageToken) ? ((DateTimeOffset, string)?)null : HistoryCursor.Decode(request.Pagination.PageToken, filters);
        var size = request.Pagination?.PageSize is > 0 and var asked ? (int)Math.Min(asked, MaxPageSize) : DefaultPageSize;
        var page = await store.PageAsync(filter, after, size + 1, cancellationToken);
        var response = new GetRebalancingHistoryResponse { Records = { page.Take(size).Select(RunView.Record) } };
        if (page.Count > size)
        {
            var last = page[size - 1].Run;
            response.NextPageToken = HistoryCursor.Encode(last.StartedAt, last.OperationId, filters);
        }

        return response;
    }
}

using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Execution;

/// <summary>
/// GetRebalancingHistory: runs started in a range, of some triggers, and the plans the auto mode kept in plan_only mode
/// (plan_only set), newest first, a page at a time. Both are read past the same cursor (time, then id) and merged.
/// </summary>
public sealed class RebalancingHistory(RunStore store, KeptPlanStore kept)
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
        var runs = await store.PageAsync(filter, after, size + 1, cancellationToken);
        var plans = await kept.PageAsync(filter, after, size + 1, cancellationToken);
        var page = runs.Select(r => (Time: r.Run.StartedAt, Id: r.Run.OperationId, Record: RunView.Record(r)))
            .Concat(plans.Select(p => (Time: p.PlannedAt, Id: p.EntryId, Record: RunView.Record(p))))
            .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .Take(size + 1)
            .ToList();
        var response = new GetRebalancingHistoryResponse { Records = { page.Take(size).Select(e => e.Record) } };
        if (page.Count > size)
        {
            var last = page[size - 1];
            response.NextPageToken = HistoryCursor.Encode(last.Time, last.Id, filters);
        }

        return response;
    }
}

using System.Globalization;
using MultiCluster.Contracts.V1;
using MultiCluster.ServiceDefaults.Grpc;

namespace MultiCluster.Rebalancer.Planning;

/// <summary>
/// RebalancingConstraints read and checked: a byte budget (0 = none), forbidden clusters (each configured), and when
/// moves may start: within [From, To) and within the daily UTC window [DailyStart, DailyEnd) (which may span midnight).
/// </summary>
public sealed record PlanConstraints(long MaxBytes, IReadOnlySet<string> Forbidden, DateTimeOffset? From, DateTimeOffset? To, TimeSpan? DailyStart, TimeSpan? DailyEnd)
{
    public static readonly PlanConstraints None = new(0, new HashSet<string>(StringComparer.Ordinal), null, null, null, null);

    /// <summary>Reads <paramref name="constraints"/> (null: none); a refusal naming the field under <paramref name="path"/> otherwise.</summary>
    public static PlanConstraints Read(RebalancingConstraints? constraints, string path, IReadOnlyCollection<string> clusters)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        if (constraints is null)
        {
            return None;
        }

        if (constraints.MaxBytesMoved > long.MaxValue)
        {
            throw RebalancerException.Invalid($"{path}.max_bytes_moved: {constraints.MaxBytesMoved} is too large; give at most {long.MaxValue}, or 0 for no limit.");
        }

        var forbidden = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < constraints.ForbiddenClusters.Count; i++)
        {
            var name = constraints.ForbiddenClusters[i];
            if (!clusters.Contains(name))
            {
                throw RebalancerException.Invalid($"{path}.forbidden_clusters[{i}]: '{name}' is not a configured cluster; use one of {string.Join(", ", clusters)}.");
            }

            forbidden.Add(name);
        }

        var (from, to) = RequestTime.ReadRange(constraints.AllowedWindow, $"{path}.allowed_window", out var problem);
        Check(problem);
        var daily = constraints.DailyWindow;
        var start = daily is null ? null : TimeOfDay(daily.Start, $"{path}.daily_window.start");
        var end = daily is null ? null : TimeOfDay(daily.End, $"{path}.daily_window.end");
        if (start is not null && start == end)
        {
            throw RebalancerException.Invalid($"{path}.daily_window.end: equal to start, an empty window; give a later (or, across midnight, earlier) end, or leave daily_window unset for any time of day.");
        }

        return new PlanConstraints((long)constraints.MaxBytesMoved, forbidden, from, to, start, end);
    }

    /// <summary>Why moves may not start at <paramref name="now"/>, or null when they may.</summary>
    public string? Closed(DateTimeOffset now)
    {
        if (From is { } from && now < from)
        {
            return F($"the allowed window opens at {from:O}");
        }

        if (To is { } to && now >= to)
        {
            return F($"the allowed window closed at {to:O}");
        }

        if (DailyStart is { } start && DailyEnd is { } end)
        {
            var t = now.UtcDateTime.TimeOfDay;
            var open = start < end ? t >= start && t < end : t >= start || t < end;
            if (!open)
            {
                return F($"the daily window {start:hh\\:mm}-{end:hh\\:mm} UTC is closed at {t:hh\\:mm}");
            }
        }

        return null;
    }

    private static TimeSpan? TimeOfDay(Google.Protobuf.WellKnownTypes.Duration? value, string field)
    {
        var span = RequestTime.ReadDuration(value, field, out var problem) ?? TimeSpan.Zero;
        Check(problem);
        if (span < TimeSpan.Zero || span >= TimeSpan.FromDays(1))
        {
            throw RebalancerException.Invalid($"{field}: {span} is not a time of day; give a duration since 00:00 UTC from 0 to under 24h.");
        }

        return span;
    }

    private static void Check(string? problem)
    {
        if (problem is not null)
        {
            throw RebalancerException.Invalid(problem);
        }
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

using Npgsql;
using NpgsqlTypes;

namespace MultiCluster.Rebalancer.Storage;

/// <summary>The @from and @to of a query over a time range; a null end binds NULL, which the queries read as open.</summary>
internal static class TimeRangeParameters
{
    public static void Add(NpgsqlCommand command, DateTimeOffset? from, DateTimeOffset? to)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("from", from) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset?>("to", to) { NpgsqlDbType = NpgsqlDbType.TimestampTz });
    }
}

using System.Diagnostics;
using Npgsql;

namespace MultiCluster.Storage.Postgres;

/// <summary>
/// Which database commands become spans, and what they are called. Commands outside any trace (the outbox relay's
/// polls, readiness probes, migrations) would each start a one-span trace and bury the traces that matter, so only
/// commands run inside a trace are traced. Npgsql names every span after the database; the statement's first keyword
/// (SELECT, INSERT, ...) is as cheap and tells a reader of Jaeger what the command did.
/// </summary>
internal static class PostgresTracing
{
    public static void Configure(NpgsqlTracingOptionsBuilder tracing) => tracing
        .ConfigureCommandFilter(_ => Activity.Current is not null)
        .ConfigureBatchFilter(_ => Activity.Current is not null)
        .ConfigureCommandSpanNameProvider(command => Operation(command.CommandText))
        .ConfigureBatchSpanNameProvider(batch => batch.BatchCommands.Count == 0 ? null : Operation(batch.BatchCommands[0].CommandText));

    /// <summary>The first word of <paramref name="sql"/> in upper case, or null (Npgsql's default name) when it has none.</summary>
    internal static string? Operation(string? sql)
    {
        var text = sql.AsSpan().TrimStart();
        var end = 0;
        while (end < text.Length && char.IsAsciiLetter(text[end]))
        {
            end++;
        }

        return end == 0 ? null : text[..end].ToString().ToUpperInvariant();
    }
}

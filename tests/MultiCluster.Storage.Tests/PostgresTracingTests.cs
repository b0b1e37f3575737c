using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Storage.Postgres;
using MultiCluster.TestInfrastructure;
using Npgsql;
using Xunit;

namespace MultiCluster.Storage.Tests;

/// <summary>Database spans: only inside a trace, named by what the statement does.</summary>
public sealed class PostgresTracingTests
{
    private static readonly ActivitySource TestSource = new("Storage.Tests.Tracing");

    [Fact]
    public async Task A_command_inside_a_trace_is_a_child_span_named_by_its_statement_and_one_outside_any_trace_is_not_traced()
    {
        using var recorder = SpanRecorder.Start("Npgsql", TestSource.Name);
        var server = await PostgresServer.SharedAsync();
        await using var services = new ServiceCollection().AddLogging()
            .AddPostgresStorage(new PostgresOptions { ConnectionString = server.ConnectionString("postgres") })
            .BuildServiceProvider();
        var database = services.GetRequiredService<NpgsqlDataSource>();
        // Opened first, so that the connection's own CONNECT span is not what either command is compared with.
        await using (var warm = database.CreateCommand("SELECT 0"))
        {
            await warm.ExecuteScalarAsync().Within();
        }

        await using (var untraced = database.CreateCommand("SELECT 1 AS outside"))
        {
            await untraced.ExecuteScalarAsync().Within();
        }

        string parent;
        using (var root = TestSource.StartActivity("request"))
        {
            parent = root!.SpanId.ToHexString();
            await using var traced = database.CreateCommand("  select 2 AS inside");
            await traced.ExecuteScalarAsync().Within();
        }

        var commands = recorder.Spans.Where(s => s.Source.Name == "Npgsql" && s.GetTagItem("db.query.text") is string text && text.Contains("side", StringComparison.Ordinal)).ToList();
        var span = Assert.Single(commands);
        Assert.Equal("  select 2 AS inside", span.GetTagItem("db.query.text"));
        Assert.Equal("SELECT", span.DisplayName);
        Assert.Equal(parent, span.ParentSpanId.ToHexString());
    }
}

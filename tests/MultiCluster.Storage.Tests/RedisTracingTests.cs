using System.Diagnostics;
using MultiCluster.Storage.Redis;
using MultiCluster.TestInfrastructure;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace MultiCluster.Storage.Tests;

/// <summary>Redis command spans (OpenTelemetry's instrumentation, as ServiceDefaults registers it): only inside a trace.</summary>
public sealed class RedisTracingTests
{
    private const string InstrumentationSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    private static readonly ActivitySource TestSource = new("Storage.Tests.RedisTracing");

    [Fact]
    public async Task A_command_inside_a_trace_is_a_child_span_and_one_outside_any_trace_is_not_traced()
    {
        using var recorder = SpanRecorder.Start(InstrumentationSource, TestSource.Name);
        await using var server = await RedisServer.StartAsync();
        using var connection = RedisConnection.Connect(new RedisOptions { ConnectionString = server.ConnectionString });
        using var tracing = Sdk.CreateTracerProviderBuilder().AddSource(TestSource.Name).AddRedisInstrumentation(connection, RedisTracing.Configure).Build();
        var redis = connection.GetDatabase();

        await redis.StringSetAsync("outside", "1").Within();
        ActivityContext parent;
        using (var root = TestSource.StartActivity("request"))
        {
            parent = root!.Context;
            await redis.StringSetAsync("inside", "2").Within();
        }

        // Commands outside a trace are drained no later than the traced one, so by now an untraced SET would be here too.
        var spans = await recorder.WaitForAsync(all => all.Any(s => s.Source.Name == InstrumentationSource && s.TraceId == parent.TraceId), "the traced SET's span");
        var commands = spans.Where(s => s.Source.Name == InstrumentationSource).ToList();
        var set = Assert.Single(commands);
        Assert.Equal(("SET", ActivityKind.Client, parent.SpanId), (set.DisplayName, set.Kind, set.ParentSpanId));
        Assert.Equal(("redis", "SET"), (set.GetTagItem("db.system.name"), set.GetTagItem("db.operation.name")));
    }
}

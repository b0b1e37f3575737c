using System.Diagnostics.Metrics;
using MultiCluster.ServiceDefaults.Telemetry;
using MultiCluster.ServiceDefaults.Tests.Infrastructure;
using Xunit;

namespace MultiCluster.ServiceDefaults.Tests.Telemetry;

/// <summary>The exporter's text, line by line, and as promtool reads it.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly Meter _meter = new("MultiCluster.Test." + Guid.NewGuid().ToString("N"));
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests() => _exporter = new PrometheusExporter(meter => ReferenceEquals(meter, _meter));

    [Fact]
    public async Task Counter_SumsPerLabelSet_EndsInTotal_AndEscapesLabelValues()
    {
        var counter = _meter.CreateCounter<long>("jobs.done", "{job}", "Jobs done.");
        counter.Add(2, new KeyValuePair<string, object?>("queue", "fast"));
        counter.Add(3, new KeyValuePair<string, object?>("queue", "fast"));
        counter.Add(1, new KeyValuePair<string, object?>("queue", "odd \"name\"\\with\nnewline"));

        var text = _exporter.Scrape();

        Assert.Contains("# HELP jobs_done_total Jobs done.\n# TYPE jobs_done_total counter\n", text, StringComparison.Ordinal);
        Assert.Contains("jobs_done_total{queue=\"fast\"} 5\n", text, StringComparison.Ordinal);
        Assert.Contains("jobs_done_total{queue=\"odd \\\"name\\\"\\\\with\\nnewline\"} 1\n", text, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(text);
    }

    [Fact]
    public async Task Histogram_WritesCumulativeBucketsSumAndCount_WithTheAdvisedBoundaries()
    {
        var histogram = _meter.CreateHistogram("op.duration", "s", "Operation time.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 1] });
        foreach (var value in new[] { 0.05, 0.1, 0.5, 5 })
        {
            histogram.Record(value, new KeyValuePair<string, object?>("op", "read"));
        }

        var text = _exporter.Scrape();

        Assert.Contains("# TYPE op_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("op_duration_seconds_bucket{op=\"read\",le=\"0.1\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("op_duration_seconds_bucket{op=\"read\",le=\"1\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("op_duration_seconds_bucket{op=\"read\",le=\"+Inf\"} 4\n", text, StringComparison.Ordinal);
        Assert.Contains("op_duration_seconds_sum{op=\"read\"} 5.65\n", text, StringComparison.Ordinal);
        Assert.Contains("op_duration_seconds_count{op=\"read\"} 4\n", text, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(text);
    }

    [Fact]
    public async Task UpDownCounterAndObservableGauge_AreGauges()
    {
        var inFlight = _meter.CreateUpDownCounter<int>("calls.in_flight", "{call}", "Calls in flight.");
        inFlight.Add(3);
        inFlight.Add(-1);
        var temperature = 21.5;
        _meter.CreateObservableGauge("room.temperature", () => new Measurement<double>(temperature, new KeyValuePair<string, object?>("room", "a")), "Cel", "Room temperature.");

        var first = _exporter.Scrape();
        temperature = 22.25;
        var second = _exporter.Scrape();

        Assert.Contains("# TYPE calls_in_flight gauge\ncalls_in_flight 2\n", first, StringComparison.Ordinal);
        Assert.Contains("room_temperature_celsius{room=\"a\"} 21.5\n", first, StringComparison.Ordinal);
        Assert.Contains("room_temperature_celsius{room=\"a\"} 22.25\n", second, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(second);
    }

    [Fact]
    public async Task NamesTagsAndHelp_AreMadeValid()
    {
        _meter.CreateCounter<double>("http-client.request.size", "By").Add(1.5, new KeyValuePair<string, object?>("server.address", "a"), new KeyValuePair<string, object?>("le", "x"));
        _meter.CreateObservableCounter("9lives", () => 7L, description: "Line one\nline two \\ end");

        var text = _exporter.Scrape();

        Assert.Contains($"# HELP http_client_request_size_bytes_total http-client.request.size from meter {_meter.Name}.\n", text, StringComparison.Ordinal);
        Assert.Contains("http_client_request_size_bytes_total{server_address=\"a\",tag_le=\"x\"} 1.5\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP _9lives_total Line one\\nline two \\\\ end\n", text, StringComparison.Ordinal);
        Assert.Contains("_9lives_total 7\n", text, StringComparison.Ordinal);
        await Promtool.AssertValidAsync(text);
    }

    [Fact]
    public void MetersNotIncluded_AreNotExported()
    {
        using var other = new Meter("MultiCluster.Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("other.count").Add(1);

        Assert.DoesNotContain("other_count", _exporter.Scrape(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }
}

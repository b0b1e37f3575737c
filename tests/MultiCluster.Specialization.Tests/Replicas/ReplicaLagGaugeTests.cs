using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using MultiCluster.Specialization.Replicas;
using Xunit;

namespace MultiCluster.Specialization.Tests.Replicas;

/// <summary>specialization_replicas_lag_seconds, which the ReplicaLagHigh alert reads: how long replicas have not been confirmed in sync.</summary>
public sealed class ReplicaLagGaugeTests
{
    [Fact]
    public void Lag_is_zero_while_runs_confirm_the_replicas_and_grows_from_the_last_confirmation_while_they_do_not()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var time = new SteppedTime(DateTimeOffset.Parse("2026-12-03T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var factory = services.GetRequiredService<IMeterFactory>();
        var gauge = new ReplicaLagGauge(factory, time);

        var atStart = Read();
        gauge.RunEnded(inSync: true);
        time.Advance(TimeSpan.FromMinutes(5));
        gauge.RunEnded(inSync: false);
        time.Advance(TimeSpan.FromMinutes(5));
        gauge.RunEnded(inSync: false);
        var behind = Read();
        gauge.RunEnded(inSync: true);

        Assert.Equal(0, atStart);
        Assert.Equal(600, behind);
        Assert.Equal(0, Read());

        double Read()
        {
            double? value = null;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                // This gauge's own instrument only: hosts of other tests in this process may have one of the same name.
                if (instrument.Name == "specialization.replicas.lag" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<double>((_, measurement, _, _) => value = measurement);
            listener.Start();
            listener.RecordObservableInstruments();
            return value ?? throw new InvalidOperationException("the gauge reported nothing");
        }
    }

    private sealed class SteppedTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

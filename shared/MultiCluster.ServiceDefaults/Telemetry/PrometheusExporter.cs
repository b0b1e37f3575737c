using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace MultiCluster.ServiceDefaults.Telemetry;

/// <summary>
/// A Prometheus text-format (0.0.4) exporter over System.Diagnostics.Metrics, in one file because prometheus-net and
/// OpenTelemetry's Prometheus exporter cannot be restored here. A MeterListener aggregates every instrument of the
/// meters it is given: counters and up-down counters sum, gauges and observable instruments keep their last value,
/// histograms count into cumulative buckets (the instrument's advised boundaries, or OpenTelemetry's defaults).
/// Names follow OpenTelemetry's Prometheus mapping: rpc.server.duration in "s" becomes rpc_server_duration_seconds,
/// counters end in _total, tags become labels (rpc.method becomes rpc_method).
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Label sets kept per instrument; beyond this a new label set is dropped rather than grow without bound.</summary>
    public const int MaxSeriesPerInstrument = 2000;

    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Family> _families = new();
    private readonly ConcurrentDictionary<string, Instrument> _names = new(StringComparer.Ordinal);
    private readonly Lock _scrapeLock = new();

    public PrometheusExporter(Func<Meter, bool> include)
    {
        ArgumentNullException.ThrowIfNull(include);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (include(instrument.Meter) && Family.TryCreate(instrument) is { } family && _names.TryAdd(family.Name, instrument))
            {
                _families[instrument] = family;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            if (_families.TryRemove(instrument, out var family))
            {
                _names.TryRemove(new KeyValuePair<string, Instrument>(family.Name, instrument));
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<short>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<byte>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<float>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<decimal>((i, v, tags, _) => Record(i, (double)v, tags));
        _listener.Start();
    }

    /// <summary>Every exported family in text format, observable instruments read now.</summary>
    public string Scrape()
    {
        lock (_scrapeLock)
        {
            // Observable instruments report all their series on each collection; one not reported now is gone.
            foreach (var family in _families.Values.Where(f => f.Observable))
            {
                family.Series.Clear();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var family in _families.Values.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                family.Write(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (_families.TryGetValue(instrument, out var family))
        {
            family.Record(value, tags);
        }
    }

    private enum Kind
    {
        Sum,
        LastValue,
        Histogram,
    }

    /// <summary>One instrument as one metric family: its name, help, type and a series per label set.</summary>
    private sealed class Family(string name, string help, string type, Kind kind, bool observable, double[] buckets)
    {
        public string Name { get; } = name;

        public bool Observable { get; } = observable;

        public ConcurrentDictionary<string, Series> Series { get; } = new(StringComparer.Ordinal);

        public static Family? TryCreate(Instrument instrument)
        {
            var definition = instrument.GetType().IsGenericType ? instrument.GetType().GetGenericTypeDefinition() : null;
            var (type, kind, observable) = definition switch
            {
                _ when definition == typeof(Counter<>) => ("counter", Kind.Sum, false),
                _ when definition == typeof(ObservableCounter<>) => ("counter", Kind.LastValue, true),
                _ when definition == typeof(UpDownCounter<>) => ("gauge", Kind.Sum, false),
                _ when definition == typeof(ObservableUpDownCounter<>) => ("gauge", Kind.LastValue, true),
                _ when definition == typeof(Gauge<>) => ("gauge", Kind.LastValue, false),
                _ when definition == typeof(ObservableGauge<>) => ("gauge", Kind.LastValue, true),
                _ when definition == typeof(Histogram<>) => ("histogram", Kind.Histogram, false),
                _ => (null, Kind.Sum, false),
            };
            if (type is null)
            {
                return null;
            }

            var name = MetricName(instrument.Name, instrument.Unit, type);
            var help = string.IsNullOrWhiteSpace(instrument.Description)
                ? $"{instrument.Name} from meter {instrument.Meter.Name}."
                : instrument.Description;
            var buckets = kind == Kind.Histogram ? Boundaries(instrument) ?? DefaultBuckets : [];
            return new Family(name, help, type, kind, observable, buckets);
        }

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = Labels(tags);
            if (!Series.TryGetValue(labels, out var series))
            {
                if (Series.Count >= MaxSeriesPerInstrument)
                {
                    return;
                }

                series = Series.GetOrAdd(labels, _ => new Series(buckets.Length));
            }

            series.Record(kind, value, buckets);
        }

        public void Write(StringBuilder text)
        {
            if (Series.IsEmpty)
            {
                return;
            }

            text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(help)).Append('\n');
            text.Append("# TYPE ").Append(Name).Append(' ').Append(type).Append('\n');
            foreach (var (labels, series) in Series.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                series.Write(text, Name, labels, kind, buckets);
            }
        }

        // OpenTelemetry's mapping: sanitise, add the unit's word, _total on counters.
        private static string MetricName(string instrument, string? unit, string type)
        {
            var name = Sanitize(instrument);
            if (UnitSuffix(unit) is { Length: > 0 } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
            {
                name += "_" + suffix;
            }

            // Only histograms may end in _count, _sum or _bucket (a gauge "dotnet.process.cpu.count" would read as one).
            if (type != "histogram" && (name.EndsWith("_count", StringComparison.Ordinal) || name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_bucket", StringComparison.Ordinal)))
            {
                name += type == "counter" ? "" : "_value";
            }

            if (type == "counter" && !name.EndsWith("_total", StringComparison.Ordinal))
            {
                name += "_total";
            }

            return name;
        }

        private static string UnitSuffix(string? unit) => unit switch
        {
            null or "" or "1" => "",
            _ when unit.StartsWith('{') => "",
            "s" => "seconds",
            "ms" => "milliseconds",
            "us" => "microseconds",
            "ns" => "nanoseconds",
            "By" => "bytes",
            "KiBy" => "kibibytes",
            "MiBy" => "mebibytes",
            "%" => "percent",
            "Cel" => "celsius",
            _ => Sanitize(unit).Trim('_'),
        };

        private static double[]? Boundaries(Instrument instrument) => instrument switch
        {
            Histogram<double> h => h.Advice?.HistogramBucketBoundaries?.ToArray(),
            Histogram<float> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToArray(),
            _ => null,
        };

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (tags.IsEmpty)
            {
                return "";
            }

            var pairs = new List<(string Name, string Value)>(tags.Length);
            foreach (var (key, value) in tags)
            {
                var label = Sanitize(key);
                if (label == "le" || label.StartsWith("__", StringComparison.Ordinal))
                {
                    label = "tag_" + label.TrimStart('_');
                }

                pairs.Add((label, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
            }

            pairs.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
            var text = new StringBuilder();
            foreach (var (label, value) in pairs)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(label).Append("=\"").Append(EscapeLabelValue(value)).Append('"');
            }

            return text.ToString();
        }

        // Metric and label names are [a-zA-Z_][a-zA-Z0-9_]*; runs of anything else become one '_'.
        private static string Sanitize(string name)
        {
            var text = new StringBuilder(name.Length + 1);
            foreach (var c in name)
            {
                var valid = char.IsAsciiLetterOrDigit(c) || c == '_';
                if (valid)
                {
                    text.Append(c);
                }
                else if (text.Length == 0 || text[^1] != '_')
                {
                    text.Append('_');
                }
            }

            if (text.Length == 0 || char.IsAsciiDigit(text[0]))
            {
                text.Insert(0, '_');
            }

            return text.ToString();
        }

        private static string EscapeHelp(string help) =>
            help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal);

        private static string EscapeLabelValue(string value) =>
            value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
    }

    /// <summary>One label set's value, or its histogram buckets (per bucket, not yet cumulative), sum and count.</summary>
    private sealed class Series(int bucketCount)
    {
        private readonly Lock _lock = new();
        private readonly long[] _buckets = new long[bucketCount + 1];
        private double _value;
        private long _count;

        public void Record(Kind kind, double value, double[] bounds)
        {
            lock (_lock)
            {
                switch (kind)
                {
                    case Kind.Sum:
                        _value += value;
                        break;
                    case Kind.LastValue:
                        _value = value;
                        break;
                    case Kind.Histogram:
                        var index = Array.BinarySearch(bounds, value);
                        _buckets[index >= 0 ? index : ~index]++;
                        _value += value;
                        _count++;
                        break;
                }
            }
        }

        public void Write(StringBuilder text, string name, string labels, Kind kind, double[] bounds)
        {
            lock (_lock)
            {
                if (kind != Kind.Histogram)
                {
                    Sample(text, name, labels, null, _value);
                    return;
                }

                long cumulative = 0;
                for (var i = 0; i < bounds.Length; i++)
                {
                    cumulative += _buckets[i];
                    Sample(text, name + "_bucket", labels, Number(bounds[i]), cumulative);
                }

                Sample(text, name + "_bucket", labels, "+Inf", _count);
                Sample(text, name + "_sum", labels, null, _value);
                Sample(text, name + "_count", labels, null, _count);
            }
        }

        private static void Sample(StringBuilder text, string name, string labels, string? le, double value)
        {
            text.Append(name);
            if (labels.Length > 0 || le is not null)
            {
                text.Append('{').Append(labels);
                if (le is not null)
                {
                    text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
                }

                text.Append('}');
            }

            text.Append(' ').Append(Number(value)).Append('\n');
        }

        private static string Number(double value) =>
            double.IsPositiveInfinity(value) ? "+Inf"
            : double.IsNegativeInfinity(value) ? "-Inf"
            : double.IsNaN(value) ? "NaN"
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}

using Google.Protobuf.WellKnownTypes;
using MultiCluster.Contracts.V1;

namespace MultiCluster.ServiceDefaults.Grpc;

/// <summary>
/// Times a caller sends. A Timestamp on the wire may hold any seconds and nanos; Timestamp.ToDateTimeOffset throws
/// on one outside its own range, so every request time is read here and a bad one becomes a message naming the field.
/// </summary>
public static class RequestTime
{
    private const long MinSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    /// <summary>The time, or null when the field is unset; <paramref name="problem"/> says what is wrong with an invalid one.</summary>
    public static DateTimeOffset? Read(Timestamp? timestamp, string path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = null;
        if (timestamp is null)
        {
            return null;
        }

        if (timestamp.Seconds is < MinSeconds or > MaxSeconds || timestamp.Nanos is < 0 or > 999_999_999)
        {
            problem = $"{path}: not a valid timestamp (seconds {timestamp.Seconds}, nanos {timestamp.Nanos}); use a time between years 1 and 9999 with nanos in [0, 999999999].";
            return null;
        }

        return timestamp.ToDateTimeOffset();
    }

    /// <summary>
    /// A duration, or null when unset; <paramref name="problem"/> says what is wrong with one that is not normalised
    /// (seconds and nanos of one sign, nanos within ±999,999,999) or beyond ±10,000 years, where ToTimeSpan throws.
    /// </summary>
    public static TimeSpan? ReadDuration(Duration? duration, string path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        problem = null;
        if (duration is null)
        {
            return null;
        }

        if (duration.Seconds is < -Duration.MaxSeconds or > Duration.MaxSeconds || duration.Nanos is < -999_999_999 or > 999_999_999
            || (duration.Seconds < 0 && duration.Nanos > 0) || (duration.Seconds > 0 && duration.Nanos < 0))
        {
            problem = $"{path}: not a valid duration (seconds {duration.Seconds}, nanos {duration.Nanos}); seconds and nanos must share a sign, nanos within ±999999999.";
            return null;
        }

        return duration.ToTimeSpan();
    }

    /// <summary>
    /// The end of a reported window [<paramref name="start"/>, start + <paramref name="window"/>) from another
    /// service's event, or null when either is missing, invalid, negative or the sum leaves the calendar: an event
    /// handler then falls back on the event's own time rather than failing (a redelivered bad event would fail forever).
    /// </summary>
    public static DateTimeOffset? WindowEnd(Timestamp? start, Duration? window)
    {
        var from = Read(start, "window_start", out _);
        var length = ReadDuration(window, "window", out _);
        return from is { } s && length is { } w && w >= TimeSpan.Zero && s <= DateTimeOffset.MaxValue - w ? s + w : null;
    }

    /// <summary>A half-open range [start_time, end_time), either end optional; <paramref name="problem"/> says what is wrong with it.</summary>
    public static (DateTimeOffset? From, DateTimeOffset? To) ReadRange(TimeRange? range, string path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        var from = Read(range?.StartTime, $"{path}.start_time", out problem);
        if (problem is not null)
        {
            return default;
        }

        var to = Read(range?.EndTime, $"{path}.end_time", out problem);
        if (problem is not null)
        {
            return default;
        }

        if (from is { } start && to is { } end && start >= end)
        {
            problem = $"{path}: start_time {start:O} is not before end_time {end:O}; the range is [start_time, end_time), give an earlier start or a later end.";
            return default;
        }

        return (from, to);
    }
}

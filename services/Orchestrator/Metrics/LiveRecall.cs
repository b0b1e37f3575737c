using System.Collections.Concurrent;
using System.Threading.Channels;

namespace MultiCluster.Orchestrator.Metrics;

/// <summary>
/// Live recall of routing: the search path offers its routed searches, a LiveRecallSampleRate share of them is
/// queued (bounded: when the replayer falls behind, new samples are dropped, never the searches slowed) for
/// <see cref="LiveRecallReplayer"/>, whose recall@10 results are kept here for an hour.
/// </summary>
public sealed class LiveRecall(OrchestratorOptions options, TimeProvider time)
{
    public const int QueueCapacity = 256;
    public const int RecallK = 10;

    private readonly Channel<LiveRecallSample> _queue = Channel.CreateBounded<LiveRecallSample>(new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly ConcurrentQueue<(DateTimeOffset At, string Library, double Recall)> _results = new();

    internal ChannelReader<LiveRecallSample> Queue => _queue.Reader;

    /// <summary>True for the share of searches to sample; check it before building a sample.</summary>
    public bool ShouldSample() => options.LiveRecallSampleRate > 0 && Random.Shared.NextDouble() < options.LiveRecallSampleRate;

    /// <summary>Queues a sample for replay; false when the queue is full (the sample is dropped).</summary>
    public bool Offer(LiveRecallSample sample) => _queue.Writer.TryWrite(sample);

    public void Record(string library, double recall)
    {
        var now = time.GetUtcNow();
        _results.Enqueue((now, library, recall));
        while (_results.TryPeek(out var head) && head.At < now - QueryMetrics.Kept && _results.TryDequeue(out _))
        {
        }
    }

    /// <summary>Mean recall@10 of the library's replays since <paramref name="from"/>, and how many there were.</summary>
    public (double Recall, int Samples) Over(string library, DateTimeOffset from)
    {
        var recalls = _results.Where(r => r.At >= from && r.Library == library).Select(r => r.Recall).ToList();
        return (recalls.Count == 0 ? 0 : recalls.Average(), recalls.Count);
    }
}

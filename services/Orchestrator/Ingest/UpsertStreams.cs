using MultiCluster.Contracts.V1;

namespace MultiCluster.Orchestrator.Ingest;

/// <summary>
/// UpsertStream: batches of any size and number are regrouped per route (collection and clusters) and written in
/// calls of <see cref="FlushPoints"/>; at most <see cref="MaxBufferedPoints"/> points wait in memory and at most
/// <see cref="MaxInFlight"/> writes run, so a stream of any length holds bounded memory and goes at the clusters' pace
/// (reading the next message waits while the writes are full: gRPC flow control pushes back on the client).
/// Writes of one route keep the stream's order, so the last copy of a repeated id wins.
/// </summary>
public sealed class UpsertStreams(IngestLibraries libraries, PointWriter writer)
{
    public const int FlushPoints = 1_000;
    public const int MaxBufferedPoints = 8_000;
    public const int MaxInFlight = 4;
    public const int MaxListedFailures = 1_000;

    public async Task<UpsertStreamResponse> UpsertAsync(IAsyncEnumerable<UpsertStreamRequest> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var state = new StreamState(writer);
        try
        {
            await foreach (var message in messages.WithCancellation(cancellationToken))
            {
                var batch = ++state.Batches;
                if (batch == 1)
                {
                    if (message.Library.Length == 0)
                    {
                        throw OrchestratorException.Invalid("library: the first message of the stream names no library; set library in it.");
                    }

                    state.Library = message.Library;
                    state.Wait = message.Wait;
                }
                else if (message.Library.Length > 0 && message.Library != state.Library)
                {
                    throw OrchestratorException.Invalid(
                        $"library: message {batch} names '{message.Library}' but the stream writes '{state.Library}'; one stream writes one library, open another stream for another.");
                }

                if (message.Points.Count > PointValidator.MaxPointsPerBatch)
                {
                    PointValidator.RequireBatchSize(message.Points.Count, $"points (message {batch})");
                }

                // The latest snapshot per message: a routing change mid-stream applies from the next message on.
                var routes = await libraries.RoutesAsync(state.Library, "library", cancellationToken);
                var (valid, failures) = PointValidator.Validate(message.Points, routes.Library, $" (message {batch})");
                state.Fail(failures);
                foreach (var point in valid)
                {
                    await state.AddAsync(routes, new RoutedPoint(point, routes.For(point.Record.Vector)), cancellationToken);
                }
            }

            await state.FlushAllAsync(cancellationToken);
        }
        finally
        {
            await state.DrainAsync();
        }

        return state.Summary();
    }

    private sealed class StreamState(PointWriter writer)
    {
        private readonly Dictionary<string, (WriteRoute Route, List<RoutedPoint> Points)> _buffers = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Task> _lastWrite = new(StringComparer.Ordinal);
        private readonly Queue<Task<WriteOutcome>> _inFlight = new();
        private readonly List<PointFailure> _failures = [];
        private LibraryRoutes? _routes;
        private int _buffered;
        private ulong _written;
        private ulong _failureCount;

        public string Library { get; set; } = "";

        public bool Wait { get; set; }

        public ulong Batches { get; set; }

        public void Fail(IEnumerable<PointFailure> failures)
        {
            foreach (var failure in failures)
            {
                _failureCount++;
                if (_failures.Count < MaxListedFailures)
                {
                    _failures.Add(failure);
                }
            }
        }

        public async Task AddAsync(LibraryRoutes routes, RoutedPoint point, CancellationToken cancellationToken)
        {
            _routes = routes;
            var key = point.Route.Collection + "@" + string.Join(",", point.Route.Clusters);
            if (!_buffers.TryGetValue(key, out var buffer))
            {
                buffer = (point.Route, []);
                _buffers[key] = buffer;
            }

            buffer.Points.Add(point);
            _buffered++;
            if (buffer.Points.Count >= FlushPoints)
            {
                await FlushAsync(key, cancellationToken);
            }

            if (_buffered > MaxBufferedPoints)
            {
                await FlushAsync(_buffers.MaxBy(b => b.Value.Points.Count).Key, cancellationToken);
            }
        }

        public async Task FlushAllAsync(CancellationToken cancellationToken)
        {
            foreach (var key in _buffers.Keys.ToList())
            {
                await FlushAsync(key, cancellationToken);
            }

            while (_inFlight.Count > 0)
            {
                Collect(await _inFlight.Dequeue());
            }
        }

        /// <summary>Waits for writes still running after a refusal, so none outlives the call; their outcome no longer matters.</summary>
        public async Task DrainAsync()
        {
            while (_inFlight.TryDequeue(out var write))
            {
                try
                {
                    await write;
                }
                catch (Exception e) when (e is OperationCanceledException or OrchestratorException)
                {
                    // The stream already ended with its own status.
                }
            }
        }

        public UpsertStreamResponse Summary()
        {
            var response = new UpsertStreamResponse { UpsertedCount = _written, BatchCount = Batches, FailureCount = _failureCount, Partial = _failureCount > 0 };
            response.Failures.AddRange(_failures);
            return response;
        }

        private async Task FlushAsync(string key, CancellationToken cancellationToken)
        {
            if (!_buffers.Remove(key, out var buffer) || buffer.Points.Count == 0)
            {
                return;
            }

            _buffered -= buffer.Points.Count;
            var previous = _lastWrite.GetValueOrDefault(key) ?? Task.CompletedTask;
            var write = WriteAfterAsync(previous, _routes!, buffer.Points, cancellationToken);
            _lastWrite[key] = write;
            _inFlight.Enqueue(write);
            while (_inFlight.Count >= MaxInFlight)
            {
                Collect(await _inFlight.Dequeue());
            }
        }

        private async Task<WriteOutcome> WriteAfterAsync(Task previous, LibraryRoutes routes, List<RoutedPoint> points, CancellationToken cancellationToken)
        {
            try
            {
                await previous;
            }
            catch (OperationCanceledException)
            {
                // Its outcome is collected where it is awaited in order; this write only had to come after it.
            }

            return await writer.WriteAsync(routes, points, Wait, cancellationToken);
        }

        private void Collect(WriteOutcome outcome)
        {
            _written += (ulong)outcome.Written;
            Fail(outcome.Failures);
        }
    }
}

using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace MultiCluster.Grpc.Services.HealthChecks;

/// <summary>
/// The serving status of each service this host reports on, and everyone watching one. Plain state with no gRPC in it:
/// the host sets statuses, the health endpoint reads and watches them. <see cref="Server"/> ("") is the whole server,
/// SERVING from the start. Once <see cref="Shutdown"/> has run, every status stays NOT_SERVING whatever is set later,
/// so a probe never sees a stopping server come back.
/// </summary>
public sealed class HealthStatusRegistry
{
    /// <summary>The name that stands for the whole server.</summary>
    public const string Server = "";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal) { [Server] = ServingStatus.Serving };
    private readonly Dictionary<string, List<ChannelWriter<ServingStatus?>>> _watchers = new(StringComparer.Ordinal);
    private bool _shutDown;

    /// <summary>True once <see cref="Shutdown"/> has run.</summary>
    public bool IsShutDown
    {
        get
        {
            lock (_lock)
            {
                return _shutDown;
            }
        }
    }

    /// <summary>Watches still open; a cancelled Watch call must let go of its own.</summary>
    internal int WatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Values.Sum(w => w.Count);
            }
        }
    }

    /// <summary>Sets a service's status ("package.Service", or <see cref="Server"/>); ignored after shutdown.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (!_shutDown)
            {
                Update(service, status);
            }
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND for it and watchers see SERVICE_UNKNOWN. Ignored after shutdown.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            if (!_shutDown && _statuses.Remove(service))
            {
                Notify(service, null);
            }
        }
    }

    public bool TryGetStatus(string service, out ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_lock)
        {
            return _statuses.TryGetValue(service, out status);
        }
    }

    /// <summary>A snapshot of every known service's status.</summary>
    public IReadOnlyDictionary<string, ServingStatus> GetAll()
    {
        lock (_lock)
        {
            return new Dictionary<string, ServingStatus>(_statuses, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Turns every status to NOT_SERVING for good and ends every watch after it has seen that,
    /// so open Watch calls do not hold up a graceful server stop.
    /// </summary>
    public void Shutdown()
    {
        lock (_lock)
        {
            if (_shutDown)
            {
                return;
            }

            _shutDown = true;
            foreach (var service in _statuses.Keys.ToArray())
            {
                Update(service, ServingStatus.NotServing);
            }

            foreach (var writer in _watchers.Values.SelectMany(w => w))
            {
                writer.TryComplete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>
    /// The service's status now, then each change until cancelled or shut down; null while the service is unknown.
    /// A slow reader skips intermediate statuses and gets the latest, never the same status twice in a row.
    /// </summary>
    public async IAsyncEnumerable<ServingStatus?> WatchAsync(string service, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var channel = Channel.CreateBounded<ServingStatus?>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_lock)
        {
            channel.Writer.TryWrite(_statuses.TryGetValue(service, out var current) ? current : null);
            if (_shutDown)
            {
                channel.Writer.TryComplete();
            }
            else
            {
                Watchers(service).Add(channel.Writer);
            }
        }

        try
        {
            ServingStatus? sent = null;
            var first = true;
            await foreach (var status in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (first || status != sent)
                {
                    first = false;
                    sent = status;
                    yield return status;
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                if (_watchers.TryGetValue(service, out var writers) && writers.Remove(channel.Writer) && writers.Count == 0)
                {
                    _watchers.Remove(service);
                }
            }
        }
    }

    private void Update(string service, ServingStatus status)
    {
        if (_statuses.TryGetValue(service, out var old) && old == status)
        {
            return;
        }

        _statuses[service] = status;
        Notify(service, status);
    }

    private void Notify(string service, ServingStatus? status)
    {
        if (_watchers.TryGetValue(service, out var writers))
        {
            foreach (var writer in writers)
            {
                writer.TryWrite(status);
            }
        }
    }

    private List<ChannelWriter<ServingStatus?>> Watchers(string service)
    {
        if (!_watchers.TryGetValue(service, out var writers))
        {
            writers = [];
            _watchers[service] = writers;
        }

        return writers;
    }
}

using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MultiCluster.ServiceDefaults.Tests.Infrastructure;

/// <summary>
/// Keeps everything a host logs: the message, every state value, every scope value and the exception, as text, so
/// a test can assert what did (and what never did) reach a log.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToList();

    /// <summary>All of it as one text, for "never appears" assertions.</summary>
    public string AllText => string.Join('\n', _entries.Select(e => e.Text));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var text = new StringBuilder().Append(category).Append(' ').Append(formatter(state, exception));
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            owner._scopes.ForEachScope((scope, builder) => builder.Append(" scope=").Append(scope), text);
            text.Append(' ').Append(exception);
            owner._entries.Enqueue(new CapturedLog(category, logLevel, eventId.Id, formatter(state, exception), text.ToString()));
        }
    }
}

public sealed record CapturedLog(string Category, LogLevel Level, int EventId, string Message, string Text);

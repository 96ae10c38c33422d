using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PartnershipBot.Tests.Harness;

/// <summary>Captures every log entry of the bot so tests can check what is (and is not) logged.</summary>
public sealed class TestLogSink : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private Dictionary<string, object?> CurrentScope()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        _scopes?.ForEachScope((scope, into) =>
        {
            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    into[key] = value;
                }
            }
        }, values);
        return values;
    }

    private sealed class Logger(TestLogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink._entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception) { Scope = sink.CurrentScope(), EventId = eventId.Id });
    }
}

/// <summary>One captured log entry.</summary>
public sealed record LogEntry(string Category, LogLevel Level, string Message, Exception? Exception)
{
    /// <summary>The values of the log scopes the entry was written in (e.g. a turn's ids).</summary>
    public IReadOnlyDictionary<string, object?> Scope { get; init; } = new Dictionary<string, object?>();

    public int EventId { get; init; }
}

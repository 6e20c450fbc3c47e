using System.Collections.Concurrent;

namespace Messages.Api.Logging;

/// <summary>
/// Serilog's <c>ILoggerFactory</c> makes a new logger (with its own event-id cache) at every
/// <see cref="CreateLogger"/>, unlike the framework's factory, which keeps one per category. Components
/// made per request ask for theirs each time (JwtBearer's handler: about 1.4 KB and a concurrent
/// dictionary per request, docs/performance.md), so this keeps one logger per category, as the
/// framework's own factory does. Disposing it disposes Serilog's factory, which flushes the sinks.
/// </summary>
internal sealed class CachingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, inner.CreateLogger);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}

using Messages.Api.Observability;
using Microsoft.Extensions.Options;
using Serilog.Context;
using Serilog.Events;

namespace Messages.Api.Logging;

/// <summary>
/// Writes the completion events through the API's Serilog logger. Deferred (the default,
/// <see cref="ObservabilitySettings.DeferRequestEvents"/>): the request's thread only stores what the
/// event says (<see cref="CompletedRequest"/>: strings and numbers, the time included) in a reused
/// array, and a background task builds the events and passes them through Serilog every
/// <see cref="DrainInterval"/>, many in a row, and at shutdown. A request that threw, and any request
/// while the array is full, has its event built and written on its own thread, as when not deferred:
/// nothing is dropped. docs/performance.md ("Fifth session") has the measurements.
/// </summary>
internal sealed class RequestEventWriter : IDisposable
{
    /// <summary>How often the stored requests become events.</summary>
    public static readonly TimeSpan DrainInterval = TimeSpan.FromMilliseconds(20);

    // Requests stored between two drains: 20 ms at 100,000 requests/s. Two arrays, swapped at each drain.
    private const int Capacity = 2048;

    private readonly Serilog.ILogger _logger;
    private readonly bool _deferred;
    private readonly Lock _pendingLock = new();
    private readonly Lock _drainLock = new();
    private readonly PeriodicWork? _draining;
    private CompletedRequest[] _pending = [];
    private CompletedRequest[] _building = [];
    private int _count;
    private bool _disposed;

    public RequestEventWriter(Serilog.ILogger logger, IOptions<ObservabilitySettings> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _logger = logger;
        _deferred = settings.Value.DeferRequestEvents;
        if (_deferred)
        {
            _pending = new CompletedRequest[Capacity];
            _building = new CompletedRequest[Capacity];
            _draining = new PeriodicWork(DrainInterval, Flush);
        }
    }

    public bool IsEnabled(LogEventLevel level) => _logger.IsEnabled(level);

    public void Write(in CompletedRequest request, Exception? exception)
    {
        if (exception is null && _deferred && TryStore(request))
        {
            return;
        }

        // The only log scopes around the completion middleware are the host's and Kestrel's (RequestId,
        // RequestPath, ConnectionId): the event carries their ids already, so they are suspended rather
        // than read again and turned into properties for every event.
        using (LogContext.Suspend())
        {
            _logger.Write(RequestCompletion.Create(request, exception));
        }
    }

    /// <summary>Builds and writes the events of the requests stored so far (the background task does this every <see cref="DrainInterval"/>).</summary>
    public void Flush()
    {
        lock (_drainLock)
        {
            int count;
            lock (_pendingLock)
            {
                (_pending, _building) = (_building, _pending);
                count = _count;
                _count = 0;
            }

            using (LogContext.Suspend())
            {
                for (var i = 0; i < count; i++)
                {
                    _logger.Write(RequestCompletion.Create(_building[i], exception: null));
                }
            }

            // The stored strings are not kept alive until the array is used again.
            Array.Clear(_building, 0, count);
        }
    }

    public void Dispose()
    {
        lock (_pendingLock)
        {
            _disposed = true;
        }

        _draining?.Dispose();
        Flush();
    }

    private bool TryStore(in CompletedRequest request)
    {
        lock (_pendingLock)
        {
            if (_disposed || _count == _pending.Length)
            {
                return false;
            }

            _pending[_count++] = request;
            return true;
        }
    }
}

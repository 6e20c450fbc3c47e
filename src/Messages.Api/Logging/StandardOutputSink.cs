using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// Events to standard output in the background. <see cref="Emit"/> renders the event at once (into a
/// per-thread buffer, then appended to the pending text under a short lock), so no event object outlives
/// its request; a timer writes the pending text with one write call every <c>flushInterval</c>, instead
/// of a lock, a write and a flush per event. Nothing wakes a thread per event. Disposal, at host
/// shutdown, writes what is pending. docs/performance.md says why this and not a queue of events.
/// </summary>
internal sealed class StandardOutputSink : ILogEventSink, IDisposable
{
    [ThreadStatic]
    private static StringWriter? _rendering;

    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _output;
    private readonly int _pendingLimit;
    private readonly bool _blockWhenFull;
    private readonly Lock _pendingLock = new();
    private readonly Lock _outputLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushing;
    private StringBuilder _pending = new(16 * 1024);
    private StringBuilder _writing = new(16 * 1024);
    private long _dropped;

    /// <param name="formatter">Renders one event (one line).</param>
    /// <param name="output">Standard output, or any stream.</param>
    /// <param name="flushInterval">How often pending text is written.</param>
    /// <param name="pendingLimit">Most characters pending; 0 for no limit.</param>
    /// <param name="blockWhenFull">At the limit, write the pending text at once and wait for it (true) or drop the new event (false).</param>
    public StandardOutputSink(ITextFormatter formatter, Stream output, TimeSpan flushInterval, int pendingLimit, bool blockWhenFull)
    {
        _formatter = formatter;
        _output = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        _pendingLimit = pendingLimit == 0 ? int.MaxValue : pendingLimit;
        _blockWhenFull = blockWhenFull;
        _flushing = FlushPeriodicallyAsync(flushInterval);
    }

    public void Emit(LogEvent logEvent)
    {
        var rendering = _rendering ??= new StringWriter(new StringBuilder(1024));
        var text = rendering.GetStringBuilder().Clear();
        _formatter.Format(logEvent, rendering);
        while (true)
        {
            lock (_pendingLock)
            {
                if (_pending.Length + text.Length <= _pendingLimit)
                {
                    foreach (var chunk in text.GetChunks())
                    {
                        _pending.Append(chunk.Span);
                    }

                    return;
                }
            }

            if (!_blockWhenFull)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            // Back-pressure, as configured: this thread writes what is pending, and waits for stdout.
            Flush();
        }
    }

    /// <summary>Writes the pending text now (the timer does this every flush interval).</summary>
    public void Flush()
    {
        lock (_outputLock)
        {
            lock (_pendingLock)
            {
                (_pending, _writing) = (_writing, _pending);
            }

            try
            {
                foreach (var chunk in _writing.GetChunks())
                {
                    _output.Write(chunk.Span);
                }

                _output.Flush();
            }
            catch (IOException exception)
            {
                // Standard output is gone (a closed pipe): nothing else can carry the news.
                SelfLog.WriteLine("StandardOutputSink could not write: {0}", exception);
            }
            finally
            {
                _writing.Clear();
            }

            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                SelfLog.WriteLine("StandardOutputSink dropped {0} events: standard output did not keep up", dropped);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _flushing.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        Flush();
        _output.Dispose();
        _stopping.Dispose();
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            Flush();
        }
    }
}

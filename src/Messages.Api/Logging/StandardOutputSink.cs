using System.Text;
using System.Threading.Channels;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// Events to standard output in the background: <see cref="Emit"/> only queues the event; a timer
/// renders everything queued into one buffered writer every <c>flushInterval</c>, one write call per
/// flush instead of a lock, a write and a flush per event. Nothing wakes the writer per event (Serilog's
/// batching sink and Serilog.Sinks.Async do, which on one core costs more than the write it saves; see
/// docs/performance.md). Disposal, at host shutdown, writes everything still queued.
/// </summary>
internal sealed class StandardOutputSink : ILogEventSink, IDisposable
{
    private readonly ITextFormatter _formatter;
    private readonly StreamWriter _writer;
    private readonly Channel<LogEvent> _queue;
    private readonly bool _blockWhenFull;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushing;
    private readonly Lock _draining = new();

    /// <param name="formatter">Renders one event (one line).</param>
    /// <param name="output">Standard output, or any stream.</param>
    /// <param name="flushInterval">How often queued events are written.</param>
    /// <param name="queueLimit">Most events waiting; null for no limit.</param>
    /// <param name="blockWhenFull">At the limit, wait for room (true) or drop the new event (false).</param>
    public StandardOutputSink(ITextFormatter formatter, Stream output, TimeSpan flushInterval, int? queueLimit, bool blockWhenFull)
    {
        _formatter = formatter;
        _writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);
        _queue = queueLimit is { } limit
            ? Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(limit)
            {
                SingleReader = true,
                FullMode = blockWhenFull ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropWrite,
            })
            : Channel.CreateUnbounded<LogEvent>(new UnboundedChannelOptions { SingleReader = true });
        _blockWhenFull = blockWhenFull;
        _flushing = FlushPeriodicallyAsync(flushInterval);
    }

    public void Emit(LogEvent logEvent)
    {
        if (!_queue.Writer.TryWrite(logEvent) && _blockWhenFull && !_stopping.IsCancellationRequested)
        {
            // Back-pressure, as asked for: the logging thread waits until the next flush makes room.
            _queue.Writer.WriteAsync(logEvent, _stopping.Token).AsTask().GetAwaiter().GetResult();
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _queue.Writer.TryComplete();
        try
        {
            _flushing.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }

        Drain();
        _writer.Dispose();
        _stopping.Dispose();
    }

    private async Task FlushPeriodicallyAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
        {
            Drain();
        }
    }

    /// <summary>Writes everything queued now (the timer does this every flush interval).</summary>
    internal void Flush() => Drain();

    private void Drain()
    {
        lock (_draining)
        {
            try
            {
                var any = false;
                while (_queue.Reader.TryRead(out var logEvent))
                {
                    _formatter.Format(logEvent, _writer);
                    any = true;
                }

                if (any)
                {
                    _writer.Flush();
                }
            }
            catch (IOException exception)
            {
                // Standard output is gone (a closed pipe): nothing else can carry the news.
                SelfLog.WriteLine("StandardOutputSink could not write: {0}", exception);
            }
        }
    }
}

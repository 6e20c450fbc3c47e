using System.Buffers;
using System.Text;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// Events to standard output in the background. <see cref="Emit"/> renders the event at once as UTF-8
/// (into a per-thread buffer: <see cref="ClefFormatter"/> writes bytes directly, any other formatter's
/// text is encoded), then copies the bytes to the pending buffer under a short lock, so no event object
/// outlives its request; a timer writes the pending bytes with one write call every
/// <c>flushInterval</c>, instead of a lock, a write and a flush per event. Nothing wakes a thread per
/// event, and the two buffers are reused, not allocated per write. Disposal, at host shutdown, writes
/// what is pending. docs/performance.md says why this and not a queue of events.
/// </summary>
internal sealed class StandardOutputSink : ILogEventSink, IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    // A thread's rendering buffer is kept for its next event, unless an unusual event made it this large.
    private const int KeptRenderingSize = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _rendering;

    [ThreadStatic]
    private static StringWriter? _text;

    private readonly ITextFormatter _formatter;
    private readonly Stream _output;
    private readonly int _pendingLimit;
    private readonly bool _blockWhenFull;
    private readonly Lock _pendingLock = new();
    private readonly Lock _outputLock = new();
    private readonly PeriodicWork _flushing;
    private byte[] _pending = new byte[InitialBufferSize];
    private int _pendingLength;
    private byte[] _writing = new byte[InitialBufferSize];
    private long _dropped;

    /// <param name="formatter">Renders one event (one line).</param>
    /// <param name="output">Standard output, or any stream.</param>
    /// <param name="flushInterval">How often pending bytes are written.</param>
    /// <param name="pendingLimit">Most bytes pending; 0 for no limit.</param>
    /// <param name="blockWhenFull">At the limit, write the pending bytes at once and wait for them (true) or drop the new event (false).</param>
    public StandardOutputSink(ITextFormatter formatter, Stream output, TimeSpan flushInterval, int pendingLimit, bool blockWhenFull)
    {
        _formatter = formatter;
        _output = output;
        _pendingLimit = pendingLimit == 0 ? int.MaxValue : pendingLimit;
        _blockWhenFull = blockWhenFull;
        _flushing = new PeriodicWork(flushInterval, Flush);
    }

    public void Emit(LogEvent logEvent)
    {
        var rendering = _rendering ??= new ArrayBufferWriter<byte>(1024);
        rendering.ResetWrittenCount();
        Render(logEvent, rendering);
        var bytes = rendering.WrittenSpan;
        try
        {
            while (!TryAppend(bytes))
            {
                if (!_blockWhenFull)
                {
                    Interlocked.Increment(ref _dropped);
                    return;
                }

                // Back-pressure, as configured: this thread writes what is pending, and waits for stdout.
                Flush();
            }
        }
        finally
        {
            if (rendering.Capacity > KeptRenderingSize)
            {
                _rendering = null;
            }
        }
    }

    /// <summary>Writes the pending bytes now (the timer does this every flush interval).</summary>
    public void Flush()
    {
        lock (_outputLock)
        {
            int length;
            lock (_pendingLock)
            {
                (_pending, _writing) = (_writing, _pending);
                length = _pendingLength;
                _pendingLength = 0;
            }

            try
            {
                if (length > 0)
                {
                    _output.Write(_writing, 0, length);
                    _output.Flush();
                }
            }
            catch (IOException exception)
            {
                // Standard output is gone (a closed pipe): nothing else can carry the news.
                SelfLog.WriteLine("StandardOutputSink could not write: {0}", exception);
            }

            if (Interlocked.Exchange(ref _dropped, 0) is > 0 and var dropped)
            {
                SelfLog.WriteLine("StandardOutputSink dropped {0} events: standard output did not keep up", dropped);
            }
        }
    }

    public void Dispose()
    {
        _flushing.Dispose();
        Flush();
        _output.Dispose();
    }

    private void Render(LogEvent logEvent, ArrayBufferWriter<byte> rendering)
    {
        if (_formatter is ClefFormatter)
        {
            ClefFormatter.Format(logEvent, rendering);
            return;
        }

        var text = _text ??= new StringWriter();
        text.GetStringBuilder().Clear();
        _formatter.Format(logEvent, text);
        var line = text.ToString();
        rendering.Advance(Encoding.UTF8.GetBytes(line, rendering.GetSpan(Encoding.UTF8.GetMaxByteCount(line.Length))));
    }

    private bool TryAppend(ReadOnlySpan<byte> bytes)
    {
        lock (_pendingLock)
        {
            var length = _pendingLength + bytes.Length;
            if (length > _pendingLimit)
            {
                return false;
            }

            if (length > _pending.Length)
            {
                Array.Resize(ref _pending, (int)Math.Min(Math.Max(2L * _pending.Length, length), Array.MaxLength));
            }

            bytes.CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength = length;
            return true;
        }
    }
}

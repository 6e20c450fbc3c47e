using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// <c>WriteTo.StandardOutput</c>, the sink named by appsettings.json (<c>"Name": "StandardOutput"</c>):
/// events to stdout, buffered by default. docs/observability.md ("Output") says what buffering trades.
/// </summary>
public static class StandardOutputLoggerConfigurationExtensions
{
    public static readonly TimeSpan DefaultFlushInterval = TimeSpan.FromMilliseconds(20);

    /// <param name="writeTo">The logger's sinks.</param>
    /// <param name="formatter">One event per line (CLEF in Production).</param>
    /// <param name="buffered">
    /// True: events are queued and written every <paramref name="flushInterval"/> by a background task
    /// (and at shutdown). False: each event is written and flushed before the logging call returns
    /// (Serilog's console sink).
    /// </param>
    /// <param name="flushInterval">How often queued events are written (default 20 ms).</param>
    /// <param name="bufferLimit">
    /// Most bytes waiting to be written (default 4 MiB, several thousand events). 0: no limit (memory
    /// grows while stdout cannot keep up).
    /// </param>
    /// <param name="blockWhenFull">At the limit, make the logging request write and wait for stdout (true) or drop the new event (false).</param>
    /// <param name="restrictedToMinimumLevel">Events below this level are not written.</param>
    public static LoggerConfiguration StandardOutput(
        this LoggerSinkConfiguration writeTo,
        ITextFormatter formatter,
        bool buffered = true,
        TimeSpan? flushInterval = null,
        int bufferLimit = 4 * 1024 * 1024,
        bool blockWhenFull = false,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        ArgumentOutOfRangeException.ThrowIfNegative(bufferLimit);
        if (!buffered)
        {
            return writeTo.Console(formatter, restrictedToMinimumLevel);
        }

        var interval = flushInterval ?? DefaultFlushInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(flushInterval));
        var sink = new StandardOutputSink(formatter, Console.OpenStandardOutput(), interval, bufferLimit, blockWhenFull);
        return writeTo.Sink(sink, restrictedToMinimumLevel);
    }
}

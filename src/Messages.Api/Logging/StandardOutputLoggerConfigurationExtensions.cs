using Serilog;
using Serilog.Configuration;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// <c>WriteTo.StandardOutput</c>, the sink named by appsettings.json (<c>"Name": "StandardOutput"</c>):
/// events to stdout, buffered by default. See docs/observability.md, "Output", for what buffering trades.
/// </summary>
public static class StandardOutputLoggerConfigurationExtensions
{
    public static readonly TimeSpan DefaultBufferingTimeLimit = TimeSpan.FromMilliseconds(100);

    /// <param name="writeTo">The logger's sinks.</param>
    /// <param name="formatter">One event per line (CLEF in Production).</param>
    /// <param name="buffered">
    /// True: events are queued and written in batches by a background task (at most
    /// <paramref name="bufferingTimeLimit"/> late; drained at shutdown). False: each event is written and
    /// flushed before the logging call returns (Serilog's console sink), at several microseconds per event.
    /// </param>
    /// <param name="batchSizeLimit">Most events written in one batch.</param>
    /// <param name="bufferingTimeLimit">Longest an event waits in the queue before it is written (default 100 ms).</param>
    /// <param name="queueLimit">
    /// Most events waiting to be written; past it new events are dropped rather than block the request
    /// that logs them. 0: no limit (nothing dropped; memory grows while stdout cannot keep up).
    /// </param>
    /// <param name="restrictedToMinimumLevel">Events below this level are not written.</param>
    public static LoggerConfiguration StandardOutput(
        this LoggerSinkConfiguration writeTo,
        ITextFormatter formatter,
        bool buffered = true,
        int batchSizeLimit = 1000,
        TimeSpan? bufferingTimeLimit = null,
        int queueLimit = 100_000,
        LogEventLevel restrictedToMinimumLevel = LevelAlias.Minimum)
    {
        ArgumentNullException.ThrowIfNull(writeTo);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        if (!buffered)
        {
            return writeTo.Console(formatter, restrictedToMinimumLevel);
        }

        var options = new BatchingOptions
        {
            BatchSizeLimit = batchSizeLimit,
            BufferingTimeLimit = bufferingTimeLimit ?? DefaultBufferingTimeLimit,
            QueueLimit = queueLimit == 0 ? null : queueLimit,
            EagerlyEmitFirstEvent = true,
        };
        return writeTo.Sink(new StandardOutputSink(formatter, Console.OpenStandardOutput()), options, restrictedToMinimumLevel);
    }
}

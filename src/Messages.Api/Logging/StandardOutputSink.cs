using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Messages.Api.Logging;

/// <summary>
/// Writes batches of events to standard output through one buffered writer: one write call per batch
/// (or per 64 KiB) instead of a lock, a write and a flush per event. Serilog's batching sink feeds it
/// from its background queue, never two batches at once, and drains the queue into it on disposal.
/// </summary>
internal sealed class StandardOutputSink(ITextFormatter formatter, Stream output) : IBatchedLogEventSink, IDisposable
{
    private readonly StreamWriter _writer = new(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024);

    public Task EmitBatchAsync(IReadOnlyCollection<LogEvent> batch)
    {
        foreach (var logEvent in batch)
        {
            formatter.Format(logEvent, _writer);
        }

        _writer.Flush();
        return Task.CompletedTask;
    }

    public Task OnEmptyBatchAsync() => Task.CompletedTask;

    public void Dispose() => _writer.Dispose();
}

using System.Buffers;
using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Messages.Api.Logging;
using Serilog;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Messages.Benchmarks;

/// <summary>
/// Where a RequestCompleted event's cost goes, step by step: building and enriching the event, rendering
/// it as CLEF, and writing it to a file either as the console sink does (a lock, a write and a flush per
/// event) or as the API's buffered sink does (one write per batch).
/// </summary>
[MemoryDiagnoser]
public class RequestEventBenchmarks
{
    private const int BatchSize = 1000;

    private static readonly MessageTemplate _template = new MessageTemplateParser().Parse(RequestCompletion.MessageTemplate);
    private static readonly LogEventProperty _eventId = new("EventId", new StructureValue(
        [new LogEventProperty("Id", new ScalarValue(2000)), new LogEventProperty("Name", new ScalarValue("RequestCompleted"))]));

    private readonly CompactJsonFormatter _formatter = new();
    private readonly StringWriter _text = new();
    private readonly ArrayBufferWriter<byte> _utf8 = new(1024);
    private readonly object _syncRoot = new();
    private readonly List<LogEvent> _batch = [];
    private Logger _logger = null!;
    private StreamWriter _perEventFile = null!;
    private StandardOutputSink _batchedFile = null!;
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("request-event-bench").FullName;
        _logger = new LoggerConfiguration().Enrich.FromLogContext().Enrich.With<RawPathRemover>().CreateLogger();
        // As Kestrel's and the hosting layer's log scopes during a request (left open: BenchmarkDotNet
        // runs the benchmark on this thread, and a log context pushed here stays with it).
        _ = LogContext.PushProperty("ConnectionId", "0HNAB1C2D3E4F");
        _ = LogContext.PushProperty("RequestId", "0HNAB1C2D3E4F:00000001");
        _ = LogContext.PushProperty("RequestPath", "/api/private");
        // As Console.Out: a writer that flushes every write, straight to the file descriptor.
        _perEventFile = new StreamWriter(Unbuffered("per-event.log")) { AutoFlush = true };
        _batchedFile = new StandardOutputSink(new ClefFormatter(), Unbuffered("batched.log"), TimeSpan.FromHours(1), 0, blockWhenFull: false);
        for (var i = 0; i < BatchSize; i++)
        {
            _batch.Add(NewEvent());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _logger.Dispose();
        _perEventFile.Dispose();
        _batchedFile.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What the request logging middleware does: a new event, through the logger's enrichers (no sink).</summary>
    [Benchmark]
    public void CreateAndEnrich() => _logger.Write(NewEvent());

    [Benchmark]
    public void FormatClef()
    {
        _text.GetStringBuilder().Clear();
        _formatter.Format(_batch[0], _text);
    }

    /// <summary>The API's formatter: the same CLEF, straight to UTF-8.</summary>
    [Benchmark]
    public void FormatClefUtf8()
    {
        _utf8.ResetWrittenCount();
        ClefFormatter.Format(_batch[0], _utf8);
    }

    /// <summary>Serilog's console sink: render to a string, then write and flush it under a lock.</summary>
    [Benchmark]
    public void WriteFlushPerEvent()
    {
        var buffer = new StringWriter();
        _formatter.Format(_batch[0], buffer);
        var text = buffer.ToString();
        lock (_syncRoot)
        {
            _perEventFile.Write(text);
            _perEventFile.Flush();
        }
    }

    /// <summary>The API's sink: queue the events, then render them into one buffered writer, one flush (cost per event).</summary>
    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void WriteBatched()
    {
        foreach (var logEvent in _batch)
        {
            _batchedFile.Emit(logEvent);
        }

        _batchedFile.Flush();
    }

    internal static LogEvent NewEvent()
    {
        LogEventProperty[] properties =
        [
            _eventId,
            new("RequestMethod", new ScalarValue("GET")),
            new("Route", new ScalarValue("/api/private")),
            new("StatusCode", new ScalarValue(200)),
            new("Elapsed", new ScalarValue(0.1234)),
            new("AuthOutcome", new ScalarValue("authenticated")),
            new("RequestName", new ScalarValue("GetPrivateMessage")),
            new("Subject", new ScalarValue("bench-client")),
            new("ClientId", new ScalarValue("bench-client-id")),
            new("SourceContext", new ScalarValue("Messages.Api.Logging.RequestCompletionMiddleware")),
        ];
        return new LogEvent(DateTimeOffset.Now, LogEventLevel.Information, null, _template, properties,
            ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom());
    }

    private FileStream Unbuffered(string name) =>
        new(Path.Combine(_directory, name), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
}

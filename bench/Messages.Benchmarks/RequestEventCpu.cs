using System.Diagnostics;
using Messages.Api.Logging;
using Serilog;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Messages.Benchmarks;

/// <summary>
/// The CPU a RequestCompleted event costs the whole process (every thread: the caller, the background
/// writer, the GC), per event, for each way of writing it. CPU time, not elapsed time: on a machine
/// shared with other work, elapsed time measures the neighbours; CPU time much less.
/// <c>dotnet run -c Release --project bench/Messages.Benchmarks -- event-cpu [events]</c>
/// </summary>
internal static class RequestEventCpu
{
    public static void Run(int events)
    {
        var directory = Directory.CreateTempSubdirectory("request-event-cpu").FullName;
        try
        {
            // As Kestrel's and the hosting layer's log scopes during a request.
            using var connection = LogContext.PushProperty("ConnectionId", "0HNAB1C2D3E4F");
            using var request = LogContext.PushProperty("RequestId", "0HNAB1C2D3E4F:00000001");
            using var path = LogContext.PushProperty("RequestPath", "/api/private");
            var steps = new (string Name, Func<LoggerConfiguration, LoggerConfiguration>? Sink)[]
            {
                ("no event: the rest of a request (about 20 us of work)", null),
                ("event built and enriched, no sink", configuration => configuration),
                ("+ console sink (render, lock, write, flush per event)",
                    configuration => configuration.WriteTo.Sink(new PerEventFileSink(Unbuffered(directory, "console.log")))),
                ("+ StandardOutput sink, buffered (the API as it ships)",
                    configuration => configuration.WriteTo.Sink(new StandardOutputSink(
                        new ClefFormatter(), Unbuffered(directory, "buffered.log"),
                        StandardOutputLoggerConfigurationExtensions.DefaultFlushInterval, 4 * 1024 * 1024, blockWhenFull: false))),
            };
            Console.WriteLine($"| step | CPU us per request ({events:N0} requests, median of 5) |");
            Console.WriteLine("|---|---:|");
            foreach (var (name, sink) in steps)
            {
                var samples = new List<double>();
                for (var run = 0; run < 6; run++)
                {
                    var cpu = Measure(sink, events);
                    if (run > 0)
                    {
                        samples.Add(cpu);
                    }
                }

                samples.Sort();
                Console.WriteLine($"| {name} | {samples[samples.Count / 2]:F2} |");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Each event follows some work with allocations, as a request's would, so that the background
    // writer and the GC see the pace and the garbage of a server rather than of a tight loop. The logger
    // is disposed inside the measurement: a buffered sink's queue is drained and written.
    private static double Measure(Func<LoggerConfiguration, LoggerConfiguration>? sink, int events)
    {
        var process = Process.GetCurrentProcess();
        GC.Collect();
        process.Refresh();
        var before = process.TotalProcessorTime;
        using (var logger = (sink ?? (configuration => configuration))(new LoggerConfiguration().Enrich.FromLogContext().Enrich.With<RawPathRemover>()).CreateLogger())
        {
            var completion = logger.ForContext(Constants.SourceContextPropertyName, "Messages.Api.Logging.RequestCompletionMiddleware");
            for (var i = 0; i < events; i++)
            {
                RestOfRequest();
                if (sink is not null)
                {
                    completion.Write(RequestEventBenchmarks.NewEvent());
                }
            }
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / events;
    }

    private static void RestOfRequest()
    {
        var start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalMicroseconds < 20)
        {
            GC.KeepAlive(new byte[256]);
        }
    }

    private static FileStream Unbuffered(string directory, string name) =>
        new(Path.Combine(directory, name), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);

    /// <summary>What Serilog's console sink does with each event, with a file for the console.</summary>
    private sealed class PerEventFileSink(Stream file) : ILogEventSink, IDisposable
    {
        private readonly CompactJsonFormatter _formatter = new();
        private readonly StreamWriter _writer = new(file) { AutoFlush = true };
        private readonly Lock _syncRoot = new();

        public void Emit(LogEvent logEvent)
        {
            var buffer = new StringWriter();
            _formatter.Format(logEvent, buffer);
            var text = buffer.ToString();
            lock (_syncRoot)
            {
                _writer.Write(text);
                _writer.Flush();
            }
        }

        public void Dispose() => _writer.Dispose();
    }
}

using System.Diagnostics;
using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Api.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

/// <summary>The completion events written later, in batches (the default), or at once: none lost, none changed.</summary>
public sealed class RequestEventWriterTests
{
    private static readonly DateTime _completedAt = new(2026, 12, 1, 16, 45, 30, 123, DateTimeKind.Utc);

    [Fact]
    public void Dispose_MoreRequestsThanStored_WritesEveryEventOnce()
    {
        var sink = new CapturingSink();
        var writer = Writer(sink, deferred: true);

        for (var i = 0; i < 5_000; i++)
        {
            writer.Write(Request($"req-{i}"), exception: null);
        }

        writer.Dispose();

        var ids = sink.Events.Select(logEvent => ((ScalarValue)logEvent.Properties["RequestId"]).Value).ToList();
        Assert.Equal(5_000, ids.Count);
        Assert.Equal(5_000, ids.Distinct().Count());
    }

    [Fact]
    public void Write_Deferred_TheBackgroundTaskWritesTheEventWithTheRequestsOwnTime()
    {
        var sink = new ThreadRecordingSink();
        using var writer = Writer(sink, deferred: true);

        writer.Write(Request("req-1"), exception: null);
        // This thread only waits (it neither flushes nor disposes the writer): only the background task can write the event.
        var waited = Stopwatch.StartNew();
        while (sink.Events.Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(5);
        }

        var (logEvent, threadId) = Assert.Single(sink.Events);
        Assert.NotEqual(Environment.CurrentManagedThreadId, threadId);
        Assert.Equal(_completedAt, logEvent.Timestamp.UtcDateTime);
        Assert.Equal("req-1", ((ScalarValue)logEvent.Properties["RequestId"]).Value);
        Assert.Equal("/api/private", ((ScalarValue)logEvent.Properties["Route"]).Value);
        Assert.Equal("user-1", ((ScalarValue)logEvent.Properties["Subject"]).Value);
    }

    [Fact]
    public void Write_NotDeferred_WritesBeforeReturning()
    {
        var sink = new CapturingSink();
        using var writer = Writer(sink, deferred: false);

        writer.Write(Request("req-1"), exception: null);

        Assert.Equal("req-1", ((ScalarValue)Assert.Single(sink.Events).Properties["RequestId"]).Value);
    }

    [Fact]
    public void Write_WithAnException_WritesBeforeReturningEvenWhenDeferred()
    {
        var sink = new CapturingSink();
        using var writer = Writer(sink, deferred: true);
        var failure = new InvalidOperationException("boom");

        writer.Write(Request("req-1") with { Level = LogEventLevel.Error, StatusCode = 500 }, failure);

        Assert.Same(failure, Assert.Single(sink.Events).Exception);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Write_InsideALogScope_TheEventCarriesNoScopeProperty(bool deferred)
    {
        var sink = new CapturingSink();
        var writer = Writer(sink, deferred);

        // Disposed inside the scope too: the events still stored are then built on this thread.
        using (LogContext.PushProperty("RequestPath", "/api/users/12345"))
        {
            writer.Write(Request("req-1"), exception: null);
            writer.Dispose();
        }

        Assert.DoesNotContain("RequestPath", Assert.Single(sink.Events).Properties.Keys);
    }

    private static RequestEventWriter Writer(ILogEventSink sink, bool deferred) =>
        new(
            new LoggerConfiguration().Enrich.FromLogContext().WriteTo.Sink(sink).CreateLogger(),
            Options.Create(new ObservabilitySettings { DeferRequestEvents = deferred }));

    private static CompletedRequest Request(string requestId) => new(
        _completedAt.Ticks, LogEventLevel.Information, "GET", "/api/private", 200, 1.25, "authenticated", "GetPrivateMessage",
        ReasonCode: null, RequiredScope: null, "user-1", "client-1", requestId, "conn-1", default, default);

    private sealed class ThreadRecordingSink : ILogEventSink
    {
        private readonly Lock _lock = new();
        private readonly List<(LogEvent, int)> _events = [];

        public IReadOnlyList<(LogEvent LogEvent, int ThreadId)> Events
        {
            get
            {
                lock (_lock)
                {
                    return [.. _events];
                }
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_lock)
            {
                _events.Add((logEvent, Environment.CurrentManagedThreadId));
            }
        }
    }
}

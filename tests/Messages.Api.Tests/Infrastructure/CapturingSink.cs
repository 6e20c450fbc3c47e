using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>Every event the API's Serilog pipeline writes, as the configured sinks receive it.</summary>
public sealed class CapturingSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>The events written with <paramref name="eventId"/> (LogEvents' stable ids).</summary>
    public IReadOnlyList<LogEvent> WithEventId(int eventId) => Events.Where(logEvent => EventId(logEvent) == eventId).ToList();

    public static int? EventId(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure
            ? structure.Properties.Where(property => property.Name == "Id").Select(property => (int?)((ScalarValue)property.Value).Value).FirstOrDefault()
            : null;

    public IReadOnlyList<LogEvent> ForTrace(string traceId) =>
        Events.Where(logEvent => logEvent.TraceId?.ToHexString() == traceId
            || logEvent.Properties.TryGetValue("TraceId", out var value) && value is ScalarValue { Value: string id } && id == traceId).ToList();
}

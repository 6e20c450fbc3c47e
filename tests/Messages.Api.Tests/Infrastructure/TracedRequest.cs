using System.Diagnostics;
using System.Net;
using Serilog.Events;

namespace Messages.Api.Tests.Infrastructure;

/// <summary>A response and every event the API logged for it, found by the trace id the request carried.</summary>
public sealed record TracedResponse(HttpStatusCode Status, string TraceId, IReadOnlyList<LogEvent> Events)
{
    public LogEvent Completion => Assert.Single(Events, LogEventReading.IsCompletion);

    public LogEvent Single(int eventId) => Assert.Single(Events, logEvent => logEvent.EventIdOf() == eventId);
}

public static class TracedRequest
{
    /// <summary>GET with a W3C traceparent, then waits for the completion event, written after the response.</summary>
    public static async Task<TracedResponse> GetAsync(ApiFactory api, string path, string? authorization)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var client = api.CreateClient(authorization);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        var events = await EventuallyAsync(() => api.Logs.ForTrace(traceId), events => events.Any(LogEventReading.IsCompletion));
        return new TracedResponse(response.StatusCode, traceId, events);
    }

    private static async Task<IReadOnlyList<LogEvent>> EventuallyAsync(Func<IReadOnlyList<LogEvent>> read, Func<IReadOnlyList<LogEvent>, bool> done)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var events = read();
            if (done(events))
            {
                return events;
            }

            await Task.Delay(20);
        }

        return read();
    }
}

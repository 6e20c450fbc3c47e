using System.Diagnostics;
using Messages.Api.Observability;

namespace Messages.Api.Logging;

/// <summary>
/// Writes the one completion event per request (RequestCompleted, see <see cref="RequestCompletion"/>)
/// through the API's Serilog logger (by <see cref="RequestEventWriter"/>), so its enrichers, filters and
/// sinks apply as to any other event.
/// It takes the place of Serilog's request logging middleware, which did more work per event for the
/// same fields (a list of properties concatenated, a dictionary grown one property at a time, the
/// request's ids read back from the log scopes): docs/performance.md, "The request event".
/// </summary>
internal sealed class RequestCompletionMiddleware(RequestDelegate next, RequestEventWriter events, ObservabilitySettings settings)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(httpContext);
        }
        // Written while the exception unwinds (the filter returns false): the request is logged as a
        // 500, and the exception goes on to the server, as with Serilog's middleware.
        catch (Exception exception) when (Complete(httpContext, start, StatusCodes.Status500InternalServerError, exception))
        {
        }

        Complete(httpContext, start, httpContext.Response.StatusCode, exception: null);
    }

    private bool Complete(HttpContext httpContext, long start, int statusCode, Exception? exception)
    {
        var level = RequestCompletion.Level(settings, httpContext, exception);
        if (events.IsEnabled(level))
        {
            var elapsedMs = (Stopwatch.GetTimestamp() - start) * 1000 / (double)Stopwatch.Frequency;
            events.Write(RequestCompletion.Capture(httpContext, level, elapsedMs, statusCode), exception);
        }

        return false;
    }
}

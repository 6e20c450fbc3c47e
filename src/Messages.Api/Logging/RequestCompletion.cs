using Messages.Api.Observability;
using Serilog.Events;

namespace Messages.Api.Logging;

/// <summary>
/// The one completion event per request (RequestCompleted, 2000): its level and its properties. The
/// trace and span ids are the event's own (<c>@tr</c>, <c>@sp</c> in CLEF).
/// </summary>
internal static class RequestCompletion
{
    public const string MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms";

    private static readonly LogEventProperty _eventId = new("EventId", new StructureValue(
    [
        new LogEventProperty("Id", new ScalarValue(LogEvents.RequestCompletedId)),
        new LogEventProperty("Name", new ScalarValue(LogEvents.RequestCompletedName)),
    ]));

    /// <summary>Probes and scrapes at Verbose (below the default minimum), failures at Error, the rest at Information.</summary>
    public static LogEventLevel Level(ObservabilitySettings settings, HttpContext httpContext, Exception? exception)
    {
        if (exception is not null || httpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return settings.IsQuiet(httpContext.Request.Path) ? LogEventLevel.Verbose : LogEventLevel.Information;
    }

    /// <summary>Called only once the level is enabled: no work for events that are not written.</summary>
    public static IEnumerable<LogEventProperty> Properties(HttpContext httpContext, double elapsedMs, int statusCode)
    {
        var denial = httpContext.Features.Get<AuthDenial>();
        var properties = new List<LogEventProperty>(11)
        {
            _eventId,
            Scalar("RequestMethod", httpContext.Request.Method),
            Scalar("Route", RequestFacts.Route(httpContext)),
            Scalar("StatusCode", statusCode),
            Scalar("Elapsed", elapsedMs),
            Scalar("AuthOutcome", RequestFacts.AuthOutcome(httpContext, denial)),
        };
        AddIfKnown(properties, "RequestName", RequestFacts.RequestName(httpContext));
        AddIfKnown(properties, "ReasonCode", denial?.ReasonCode);
        AddIfKnown(properties, "RequiredScope", denial?.RequiredScope);
        AddIfKnown(properties, "Subject", RequestFacts.Subject(httpContext));
        AddIfKnown(properties, "ClientId", RequestFacts.ClientId(httpContext));
        return properties;
    }

    private static LogEventProperty Scalar(string name, object value) => new(name, new ScalarValue(value));

    private static void AddIfKnown(List<LogEventProperty> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties.Add(Scalar(name, value));
        }
    }
}

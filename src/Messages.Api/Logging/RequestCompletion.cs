using System.Collections.Concurrent;
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
        var requestName = RequestFacts.RequestName(httpContext);
        var subject = RequestFacts.Subject(httpContext);
        var clientId = RequestFacts.ClientId(httpContext);
        var count = 6 + Known(requestName) + Known(denial?.ReasonCode) + Known(denial?.RequiredScope) + Known(subject) + Known(clientId);
        var properties = new LogEventProperty[count];
        properties[0] = _eventId;
        properties[1] = _methods.Get(httpContext.Request.Method);
        properties[2] = _routes.Get(RequestFacts.Route(httpContext));
        properties[3] = StatusCode(statusCode);
        properties[4] = new LogEventProperty("Elapsed", new ScalarValue(elapsedMs));
        properties[5] = _authOutcomes.Get(RequestFacts.AuthOutcome(httpContext, denial));
        var next = 6;
        Add(properties, ref next, _requestNames, requestName);
        Add(properties, ref next, _reasonCodes, denial?.ReasonCode);
        Add(properties, ref next, _requiredScopes, denial?.RequiredScope);
        Add(properties, ref next, "Subject", subject);
        Add(properties, ref next, "ClientId", clientId);
        return properties;
    }

    private static int Known(string? value) => value is null ? 0 : 1;

    private static void Add(LogEventProperty[] properties, ref int next, PropertyCache cache, string? value)
    {
        if (value is not null)
        {
            properties[next++] = cache.Get(value);
        }
    }

    private static void Add(LogEventProperty[] properties, ref int next, string name, string? value)
    {
        if (value is not null)
        {
            properties[next++] = new LogEventProperty(name, new ScalarValue(value));
        }
    }

    private static LogEventProperty StatusCode(int statusCode) =>
        statusCode is >= 100 and < 600 ? _statusCodes[statusCode - 100] : new LogEventProperty("StatusCode", new ScalarValue(statusCode));

    private static readonly LogEventProperty[] _statusCodes =
        Enumerable.Range(100, 500).Select(code => new LogEventProperty("StatusCode", new ScalarValue(code))).ToArray();

    private static readonly PropertyCache _methods = new("RequestMethod");
    private static readonly PropertyCache _routes = new("Route");
    private static readonly PropertyCache _authOutcomes = new("AuthOutcome");
    private static readonly PropertyCache _requestNames = new("RequestName");
    private static readonly PropertyCache _reasonCodes = new("ReasonCode");
    private static readonly PropertyCache _requiredScopes = new("RequiredScope");

    /// <summary>
    /// One property per value, made once, for the fields whose values come from a small set (methods,
    /// route templates, outcomes, request names, reason codes, scopes): events are immutable, so they can
    /// share them. Bounded, because a client chooses its method: past <see cref="MaxValues"/> values a
    /// property is made per event, as the others are.
    /// </summary>
    private sealed class PropertyCache(string name)
    {
        private const int MaxValues = 256;
        private readonly ConcurrentDictionary<string, LogEventProperty> _properties = new(StringComparer.Ordinal);
        private int _count;

        public LogEventProperty Get(string value)
        {
            if (_properties.TryGetValue(value, out var property))
            {
                return property;
            }

            property = new LogEventProperty(name, new ScalarValue(value));
            if (Volatile.Read(ref _count) < MaxValues && Interlocked.Increment(ref _count) <= MaxValues)
            {
                _properties.TryAdd(value, property);
            }

            return property;
        }
    }
}

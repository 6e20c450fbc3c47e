using System.Collections.Concurrent;
using System.Diagnostics;
using Messages.Api.Observability;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Messages.Api.Logging;

/// <summary>A finished request as its completion event describes it (<see cref="RequestCompletion.Capture"/>).</summary>
internal readonly record struct CompletedRequest(
    long UtcTicks,
    LogEventLevel Level,
    string Method,
    string Route,
    int StatusCode,
    double ElapsedMs,
    string AuthOutcome,
    string? RequestName,
    string? ReasonCode,
    string? RequiredScope,
    string? Subject,
    string? ClientId,
    string RequestId,
    string ConnectionId,
    ActivityTraceId TraceId,
    ActivitySpanId SpanId);

/// <summary>
/// The one completion event per request (RequestCompleted, 2000): its level and its properties. The
/// trace and span ids are the event's own (<c>@tr</c>, <c>@sp</c> in CLEF).
/// </summary>
internal static class RequestCompletion
{
    public const string MessageTemplate = "HTTP {RequestMethod} {Route} responded {StatusCode} in {Elapsed:0.0000} ms";

    private static readonly StructureValue _eventId = new(
    [
        new LogEventProperty("Id", new ScalarValue(LogEvents.RequestCompletedId)),
        new LogEventProperty("Name", new ScalarValue(LogEvents.RequestCompletedName)),
    ]);

    /// <summary>Probes and scrapes at Verbose (below the default minimum), failures at Error, the rest at Information.</summary>
    public static LogEventLevel Level(ObservabilitySettings settings, HttpContext httpContext, Exception? exception)
    {
        if (exception is not null || httpContext.Response.StatusCode >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return settings.IsQuiet(httpContext.Request.Path) ? LogEventLevel.Verbose : LogEventLevel.Information;
    }

    /// <summary>
    /// What the event says about a finished request, read as it completes: its values are plain strings
    /// and numbers (the event is built from them, on the request's thread or later in a batch, see
    /// <see cref="RequestEventWriter"/>), and the time is taken here.
    /// </summary>
    public static CompletedRequest Capture(HttpContext httpContext, LogEventLevel level, double elapsedMs, int statusCode)
    {
        var denial = httpContext.Features.Get<AuthDenial>();
        var (subject, clientId) = RequestFacts.Caller(httpContext);
        var activity = Activity.Current;
        return new CompletedRequest(
            DateTime.UtcNow.Ticks,
            level,
            httpContext.Request.Method,
            RequestFacts.Route(httpContext),
            statusCode,
            elapsedMs,
            RequestFacts.AuthOutcome(httpContext, denial),
            RequestFacts.RequestName(httpContext),
            denial?.ReasonCode,
            denial?.RequiredScope,
            subject,
            clientId,
            httpContext.TraceIdentifier,
            httpContext.Connection.Id,
            activity?.TraceId ?? default,
            activity?.SpanId ?? default);
    }

    /// <summary>
    /// The event, built in one go: its properties go straight into a dictionary sized for all of them,
    /// the request's and connection's ids included (read from the request rather than from the log
    /// scopes), in the order they have always been written. Its timestamp is the request's completion,
    /// in local time as Serilog's own events (CLEF writes it in UTC).
    /// </summary>
    public static LogEvent Create(in CompletedRequest request, Exception? exception)
    {
        var properties = new Dictionary<string, LogEventPropertyValue>(MaxProperties);
        properties.Add("EventId", _eventId);
        properties.Add("RequestMethod", _methods.Get(request.Method));
        properties.Add("Route", _routes.Get(request.Route));
        properties.Add("StatusCode", StatusCode(request.StatusCode));
        properties.Add("Elapsed", new ScalarValue(Math.Round(request.ElapsedMs, ElapsedDecimals)));
        properties.Add("AuthOutcome", _authOutcomes.Get(request.AuthOutcome));
        Add(properties, _requestNames, request.RequestName);
        Add(properties, _reasonCodes, request.ReasonCode);
        Add(properties, _requiredScopes, request.RequiredScope);
        Add(properties, "Subject", request.Subject);
        Add(properties, "ClientId", request.ClientId);
        properties.Add(Constants.SourceContextPropertyName, _sourceContext);
        properties.Add("RequestId", new ScalarValue(request.RequestId));
        properties.Add("ConnectionId", new ScalarValue(request.ConnectionId));
        var timestamp = new DateTimeOffset(request.UtcTicks, TimeSpan.Zero).ToLocalTime();
        return LogEvent.UnstableAssembleFromParts(
            timestamp, request.Level, exception, _template, properties, request.TraceId, request.SpanId);
    }

    /// <summary>The <c>SourceContext</c> of the event: the middleware that writes it.</summary>
    public const string SourceContext = "Messages.Api.Logging.RequestCompletionMiddleware";

    private const int MaxProperties = 14;

    // Elapsed in milliseconds to a tenth of a microsecond, as the message renders it: such a number is
    // written from its digits (ClefFormatter), not through the general double formatting.
    private const int ElapsedDecimals = 4;

    private static readonly MessageTemplate _template = new MessageTemplateParser().Parse(MessageTemplate);
    private static readonly ScalarValue _sourceContext = new(SourceContext);

    private static void Add(Dictionary<string, LogEventPropertyValue> properties, PropertyCache cache, string? value)
    {
        if (value is not null)
        {
            properties.Add(cache.Name, cache.Get(value));
        }
    }

    private static void Add(Dictionary<string, LogEventPropertyValue> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties.Add(name, new ScalarValue(value));
        }
    }

    private static ScalarValue StatusCode(int statusCode) =>
        statusCode is >= 100 and < 600 ? _statusCodes[statusCode - 100] : new ScalarValue(statusCode);

    private static readonly ScalarValue[] _statusCodes =
        Enumerable.Range(100, 500).Select(code => new ScalarValue(code)).ToArray();

    private static readonly PropertyCache _methods = new("RequestMethod");
    private static readonly PropertyCache _routes = new("Route");
    private static readonly PropertyCache _authOutcomes = new("AuthOutcome");
    private static readonly PropertyCache _requestNames = new("RequestName");
    private static readonly PropertyCache _reasonCodes = new("ReasonCode");
    private static readonly PropertyCache _requiredScopes = new("RequiredScope");

    /// <summary>
    /// One event value per field value, made once, for the fields whose values come from a small set
    /// (methods, route templates, outcomes, request names, reason codes, scopes): events are immutable,
    /// so they can share them. Bounded, because a client chooses its method: past
    /// <see cref="MaxValues"/> values one is made per event, as for the other fields.
    /// </summary>
    private sealed class PropertyCache(string name)
    {
        private const int MaxValues = 256;
        private readonly ConcurrentDictionary<string, ScalarValue> _values = new(StringComparer.Ordinal);
        private int _count;

        public string Name => name;

        public ScalarValue Get(string value)
        {
            if (_values.TryGetValue(value, out var scalar))
            {
                return scalar;
            }

            scalar = new ScalarValue(value);
            if (Volatile.Read(ref _count) < MaxValues && Interlocked.Increment(ref _count) <= MaxValues)
            {
                _values.TryAdd(value, scalar);
            }

            return scalar;
        }
    }
}

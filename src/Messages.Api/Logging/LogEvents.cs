namespace Messages.Api.Logging;

/// <summary>
/// The API's own log events. Event ids and property names are a contract with log dashboards:
/// change them only with the dashboards. No event ever carries a token or any part of one.
/// </summary>
internal static partial class LogEvents
{
    [LoggerMessage(EventId = 4010, EventName = "RequestUnauthenticated", Level = LogLevel.Warning,
        Message = "{RequestName} denied: {Outcome} ({ReasonCode}); required scope {RequiredScope}; trace {TraceId}")]
    public static partial void RequestUnauthenticated(
        ILogger logger, string requestName, string outcome, string reasonCode, string? requiredScope, string traceId);

    [LoggerMessage(EventId = 4030, EventName = "RequestForbidden", Level = LogLevel.Warning,
        Message = "{RequestName} denied: {Outcome} ({ReasonCode}); required scope {RequiredScope}; subject {Subject}; trace {TraceId}")]
    public static partial void RequestForbidden(
        ILogger logger, string requestName, string outcome, string reasonCode, string? requiredScope, string? subject, string traceId);

    [LoggerMessage(EventId = 5030, EventName = "RequestUnavailable", Level = LogLevel.Warning,
        Message = "{RequestName} not served: {Outcome} ({ReasonCode}); required scope {RequiredScope}; trace {TraceId}")]
    public static partial void RequestUnavailable(
        ILogger logger, string requestName, string outcome, string reasonCode, string? requiredScope, string traceId);

    [LoggerMessage(EventId = 5000, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception for {RequestMethod} {RequestPath}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string requestMethod, string requestPath);

    [LoggerMessage(EventId = 1002, EventName = "SigningKeysFetched", Level = LogLevel.Information,
        Message = "Signing keys fetched from {MetadataAddress}: {KeyCount} keys")]
    public static partial void SigningKeysFetched(ILogger logger, string metadataAddress, int keyCount);

    [LoggerMessage(EventId = 1003, EventName = "SigningKeysUnavailable", Level = LogLevel.Warning,
        Message = "Signing keys could not be fetched from {MetadataAddress}; keys cached before: {KeysCached}")]
    public static partial void SigningKeysUnavailable(ILogger logger, Exception exception, string metadataAddress, bool keysCached);

    [LoggerMessage(EventId = 1001, EventName = "IssuerNotConfigured", Level = LogLevel.Warning,
        Message = "No token issuer is configured (Auth0:Domain or Auth0:Authority, and Auth0:Audience): every protected route will answer 401")]
    public static partial void IssuerNotConfigured(ILogger logger);
}

namespace Messages.Api.Logging;

/// <summary>
/// The API's own log events: the catalogue of docs/observability.md, with RequestCompleted (2000) written
/// by request logging. Event ids, names and property names are a contract with log dashboards: change
/// them only with the dashboards. No event ever carries a token, any part of one, or a body.
/// </summary>
internal static partial class LogEvents
{
    public const int RequestCompletedId = 2000;
    public const string RequestCompletedName = "RequestCompleted";

    [LoggerMessage(EventId = 1001, EventName = "DevelopmentIssuerActive", Level = LogLevel.Warning,
        Message = "Development issuer active (no Auth0:Domain or Auth0:Authority): get a token with `dotnet run --project src/Messages.Api -- token --scope read:messages`")]
    public static partial void DevelopmentIssuerActive(ILogger logger);

    [LoggerMessage(EventId = 1002, EventName = "JwksRefreshFailed", Level = LogLevel.Warning,
        Message = "Fetching the issuer's {Document} failed with status {StatusCode}")]
    public static partial void JwksRefreshFailed(ILogger logger, Exception? exception, string document, int? statusCode);

    [LoggerMessage(EventId = 4010, EventName = "AuthenticationFailed", Level = LogLevel.Warning,
        Message = "{RequestName} refused: {AuthOutcome} ({ReasonCode}); required scope {RequiredScope}; trace {TraceId}")]
    public static partial void AuthenticationFailed(
        ILogger logger, string requestName, string authOutcome, string reasonCode, string? requiredScope, string traceId);

    [LoggerMessage(EventId = 4030, EventName = "AuthorizationDenied", Level = LogLevel.Warning,
        Message = "{RequestName} refused: {AuthOutcome} ({ReasonCode}); required scope {RequiredScope}; subject {Subject}; client {ClientId}; trace {TraceId}")]
    public static partial void AuthorizationDenied(
        ILogger logger, string requestName, string authOutcome, string reasonCode, string? requiredScope, string? subject, string? clientId, string traceId);

    [LoggerMessage(EventId = 5030, EventName = "RequestUnavailable", Level = LogLevel.Warning,
        Message = "{RequestName} not served: {AuthOutcome} ({ReasonCode}); required scope {RequiredScope}; trace {TraceId}")]
    public static partial void RequestUnavailable(
        ILogger logger, string requestName, string authOutcome, string reasonCode, string? requiredScope, string traceId);

    [LoggerMessage(EventId = 5000, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception for {RequestMethod} {Route}")]
    public static partial void UnhandledException(ILogger logger, Exception exception, string requestMethod, string route);

    [LoggerMessage(EventId = 1003, EventName = "StorageReady", Level = LogLevel.Information,
        Message = "Message storage ready: {StorageProvider}, schema version {SchemaVersion}")]
    public static partial void StorageReady(ILogger logger, string storageProvider, int schemaVersion);

    [LoggerMessage(EventId = 1004, EventName = "SigningKeysFetched", Level = LogLevel.Information,
        Message = "Signing keys fetched from {MetadataAddress}: {KeyCount} keys")]
    public static partial void SigningKeysFetched(ILogger logger, string metadataAddress, int keyCount);

    [LoggerMessage(EventId = 1005, EventName = "SigningKeysUnavailable", Level = LogLevel.Warning,
        Message = "Signing keys could not be obtained from {MetadataAddress}; keys cached before: {KeysCached}")]
    public static partial void SigningKeysUnavailable(ILogger logger, Exception exception, string metadataAddress, bool keysCached);

    [LoggerMessage(EventId = 1006, EventName = "IdempotencyKeysPurged", Level = LogLevel.Debug,
        Message = "Expired idempotency keys purged: {KeyCount}")]
    public static partial void IdempotencyKeysPurged(ILogger logger, int keyCount);

    [LoggerMessage(EventId = 1007, EventName = "IdempotencyKeysPurgeFailed", Level = LogLevel.Warning,
        Message = "Purging expired idempotency keys failed; the next purge tries again")]
    public static partial void IdempotencyKeysPurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1008, EventName = "IdempotencyKeyAbandoned", Level = LogLevel.Warning,
        Message = "An idempotency key locked {LockAge} ms ago was never completed (its request died); a retry takes it over")]
    public static partial void IdempotencyKeyAbandoned(ILogger logger, long lockAge);

    [LoggerMessage(EventId = 1009, EventName = "ShutdownStarted", Level = LogLevel.Information,
        Message = "Shutting down: readiness reports unhealthy; new connections taken for {DrainDelay} s more, then in-flight requests get up to {ShutdownTimeout} s in all")]
    public static partial void ShutdownStarted(ILogger logger, double drainDelay, double shutdownTimeout);
}

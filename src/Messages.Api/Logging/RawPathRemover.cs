using Serilog.Core;
using Serilog.Events;

namespace Messages.Api.Logging;

/// <summary>
/// Drops ASP.NET Core's <c>RequestPath</c> (added to every event by its hosting log scope): raw paths may
/// carry identifiers and have unbounded cardinality. Events name the route template (<c>Route</c>) instead.
/// </summary>
internal sealed class RawPathRemover : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
}

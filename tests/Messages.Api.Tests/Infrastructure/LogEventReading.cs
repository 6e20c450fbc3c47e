using System.Text.Json;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Messages.Api.Tests.Infrastructure;

public static class LogEventReading
{
    public const int CompletionId = 2000;

    public static bool IsCompletion(LogEvent logEvent) => logEvent.EventIdOf() == CompletionId;

    public static int? EventIdOf(this LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure
            ? structure.Properties.Where(property => property.Name == "Id").Select(property => (int?)((ScalarValue)property.Value).Value).FirstOrDefault()
            : null;

    public static string? EventNameOf(this LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure
            ? structure.Properties.Where(property => property.Name == "Name").Select(property => ((ScalarValue)property.Value).Value as string).FirstOrDefault()
            : null;

    public static object? Scalar(this LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var scalar } ? scalar : null;

    /// <summary>The event as the production sink writes it: one line of compact JSON (CLEF).</summary>
    public static string Clef(this LogEvent logEvent)
    {
        using var writer = new StringWriter();
        new CompactJsonFormatter().Format(logEvent, writer);
        return writer.ToString();
    }

    public static JsonElement ClefJson(this LogEvent logEvent) => JsonDocument.Parse(logEvent.Clef()).RootElement.Clone();
}

using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Display;

namespace Messages.Api.Logging;

/// <summary>Readable one-line events for a developer's console; named by appsettings.Development.json.</summary>
public sealed class DevelopmentConsoleFormatter : ITextFormatter
{
    private readonly MessageTemplateTextFormatter _inner =
        new("[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");

    public void Format(LogEvent logEvent, TextWriter output) => _inner.Format(logEvent, output);
}

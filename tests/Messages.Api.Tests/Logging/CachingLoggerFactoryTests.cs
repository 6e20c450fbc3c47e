using Messages.Api.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

/// <summary>The API's logger factory: one logger per category, events still reach the sinks, and disposal still flushes them.</summary>
public sealed class CachingLoggerFactoryTests
{
    [Fact]
    public void CreateLogger_SameCategoryTwice_ReturnsOneLoggerThatWritesAndIsFlushedOnDisposal()
    {
        var sink = new RecordingSink();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<ILogEventSink>(sink);
        services.AddApiLogging();

        using (var provider = services.BuildServiceProvider())
        {
            var factory = provider.GetRequiredService<ILoggerFactory>();
            var first = factory.CreateLogger("Category.A");

            Assert.Same(first, factory.CreateLogger("Category.A"));
            Assert.NotSame(first, factory.CreateLogger("Category.B"));
            first.LogWarning("Written through the cached logger");
            Assert.Equal("Written through the cached logger", Assert.Single(sink.Events).MessageTemplate.Text);
            Assert.Equal("\"Category.A\"", sink.Events[0].Properties["SourceContext"].ToString());
            Assert.False(sink.Disposed);
        }

        Assert.True(sink.Disposed);
    }

    private sealed class RecordingSink : ILogEventSink, IDisposable
    {
        public List<LogEvent> Events { get; } = [];

        public bool Disposed { get; private set; }

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);

        public void Dispose() => Disposed = true;
    }
}

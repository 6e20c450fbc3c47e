using Messages.Api.Logging;
using Messages.Api.Observability;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

/// <summary>The middleware itself, with a real Serilog pipeline: what it writes when, at which level.</summary>
public sealed class RequestCompletionMiddlewareTests
{
    private static readonly ObservabilitySettings _settings = new() { QuietPaths = ["/health"] };

    [Fact]
    public async Task Invoke_RequestThatThrows_LogsA500AtErrorWithTheExceptionAndRethrows()
    {
        var sink = new CapturingSink();
        var failure = new InvalidOperationException("boom");
        var middleware = Middleware(sink, LogEventLevel.Information, _ => throw failure);
        var context = Context("/api/private");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(context));

        Assert.Same(failure, thrown);
        var completion = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Error, completion.Level);
        Assert.Same(failure, completion.Exception);
        Assert.Equal(500, ((ScalarValue)completion.Properties["StatusCode"]).Value);
    }

    [Fact]
    public async Task Invoke_Completed_LogsOneEventWithTheResponseStatusAndTheRequestIds()
    {
        var sink = new CapturingSink();
        var middleware = Middleware(sink, LogEventLevel.Information, context =>
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        });
        var context = Context("/nowhere");

        await middleware.InvokeAsync(context);

        var completion = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Information, completion.Level);
        Assert.Null(completion.Exception);
        Assert.Equal(404, ((ScalarValue)completion.Properties["StatusCode"]).Value);
        Assert.Equal("req-1", ((ScalarValue)completion.Properties["RequestId"]).Value);
        Assert.Equal("conn-1", ((ScalarValue)completion.Properties["ConnectionId"]).Value);
        Assert.Equal(RequestCompletion.SourceContext, ((ScalarValue)completion.Properties["SourceContext"]).Value);
        Assert.Equal(2000, CapturingSink.EventId(completion));
        Assert.StartsWith("HTTP \"GET\" \"(none)\" responded 404 in ", completion.RenderMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LogEventLevel.Warning, "/api/public")]
    [InlineData(LogEventLevel.Information, "/health/live")]
    public async Task Invoke_LevelNotEnabled_WritesNothing(LogEventLevel minimum, string path)
    {
        var sink = new CapturingSink();
        var middleware = Middleware(sink, minimum, _ => Task.CompletedTask);

        await middleware.InvokeAsync(Context(path));

        Assert.Empty(sink.Events);
    }

    // Not deferred, so that each event is in the sink when the middleware returns (RequestEventWriterTests
    // cover the deferred writing).
    private static RequestCompletionMiddleware Middleware(CapturingSink sink, LogEventLevel minimum, RequestDelegate next) =>
        new(next, new RequestEventWriter(
            new LoggerConfiguration().MinimumLevel.Is(minimum).WriteTo.Sink(sink).CreateLogger(),
            Options.Create(new ObservabilitySettings { DeferRequestEvents = false })), _settings);

    private static DefaultHttpContext Context(string path) => new()
    {
        Request = { Method = "GET", Path = path },
        TraceIdentifier = "req-1",
        Connection = { Id = "conn-1" },
    };
}

using Messages.Api.Logging;
using Messages.Api.Observability;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

public sealed class RequestCompletionLevelTests
{
    private static readonly ObservabilitySettings _settings = new() { QuietPaths = ["/health", "/metrics"] };

    [Theory]
    [InlineData("/health", 200, LogEventLevel.Verbose)]
    [InlineData("/health/ready", 503, LogEventLevel.Error)]
    [InlineData("/Health/live", 200, LogEventLevel.Verbose)]
    [InlineData("/metrics", 200, LogEventLevel.Verbose)]
    [InlineData("/healthz", 200, LogEventLevel.Information)]
    [InlineData("/api/health", 200, LogEventLevel.Information)]
    [InlineData("/api/private", 401, LogEventLevel.Information)]
    [InlineData("/api/private", 500, LogEventLevel.Error)]
    public void Level_PathAndStatus_FollowsQuietPathsAndFailures(string path, int status, LogEventLevel expected)
    {
        var httpContext = new DefaultHttpContext { Request = { Path = path }, Response = { StatusCode = status } };

        var level = RequestCompletion.Level(_settings, httpContext, exception: null);

        Assert.Equal(expected, level);
    }

    [Fact]
    public void Level_QuietPathWithException_IsError()
    {
        var httpContext = new DefaultHttpContext { Request = { Path = "/health/live" } };

        var level = RequestCompletion.Level(_settings, httpContext, new InvalidOperationException("probe failed"));

        Assert.Equal(LogEventLevel.Error, level);
    }
}

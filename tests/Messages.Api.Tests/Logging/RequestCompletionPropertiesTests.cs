using Messages.Api.Logging;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace Messages.Api.Tests.Logging;

/// <summary>The event's properties for values the API shares between events, and for those it cannot.</summary>
public sealed class RequestCompletionPropertiesTests
{
    [Fact]
    public void Properties_ManyDistinctMethods_EachEventNamesItsOwn()
    {
        // More methods than are kept: a client choosing its method gets it back, never another's.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 600; i++)
            {
                var method = $"METHOD{i}";
                var properties = Properties(method, 405);

                Assert.Equal(method, properties["RequestMethod"]);
                Assert.Equal(405, properties["StatusCode"]);
            }
        }
    }

    [Theory]
    [InlineData(100)]
    [InlineData(200)]
    [InlineData(599)]
    [InlineData(600)]
    [InlineData(99)]
    public void Properties_AnyStatusCode_IsTheResponses(int statusCode)
    {
        Assert.Equal(statusCode, Properties("GET", statusCode)["StatusCode"]);
    }

    [Fact]
    public void Properties_TwoEvents_HaveTheirOwnElapsed()
    {
        Assert.Equal(1.5, Properties("GET", 200, elapsedMs: 1.5)["Elapsed"]);
        Assert.Equal(2.5, Properties("GET", 200, elapsedMs: 2.5)["Elapsed"]);
    }

    [Fact]
    public void Properties_Elapsed_IsRoundedToATenthOfAMicrosecond()
    {
        Assert.Equal(1.2346, Properties("GET", 200, elapsedMs: 1.23456789)["Elapsed"]);
        Assert.Equal(0.0001, Properties("GET", 200, elapsedMs: 0.00005001)["Elapsed"]);
    }

    private static Dictionary<string, object?> Properties(string method, int statusCode, double elapsedMs = 1.0)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        var request = RequestCompletion.Capture(context, LogEventLevel.Information, elapsedMs, statusCode);
        return RequestCompletion.Create(request, exception: null).Properties
            .Where(property => property.Value is ScalarValue)
            .ToDictionary(property => property.Key, property => ((ScalarValue)property.Value).Value);
    }
}

using System.Collections.Concurrent;
using System.Text;
using Messages.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Messages.Api.Tests.Observability;

/// <summary>The built API, with OTLP turned on by environment variables, pushes its metrics to a collector.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Run_OtlpEnabled_PushesTheApiMetricsToTheCollector()
    {
        var received = new ConcurrentQueue<(string ContentType, byte[] Body)>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collector = builder.Build();
        collector.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.ContentType ?? string.Empty, body.ToArray()));
            return Results.Bytes([], "application/x-protobuf");
        });
        await collector.StartAsync();

        var settings = ProcessSettings.UnreachableIssuer();
        settings["Observability__OtlpEnabled"] = "true";
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Urls.Single();
        settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        settings["OTEL_METRIC_EXPORT_INTERVAL"] = "200";
        await using var api = ApiProcess.Start(settings);
        await api.WaitUntilReadyAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !received.Any(export => Contains(export.Body, "messages.auth.outcomes")))
        {
            await Task.Delay(100);
        }

        var export = Assert.Single(received.Where(export => Contains(export.Body, "messages.auth.outcomes")).Take(1));
        Assert.Equal("application/x-protobuf", export.ContentType);
        Assert.True(Contains(export.Body, "/api/public"), "the export should carry the route of the readiness request");
    }

    // Protobuf writes strings as plain UTF-8 bytes.
    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}

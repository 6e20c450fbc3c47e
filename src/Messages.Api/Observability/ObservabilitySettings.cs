namespace Messages.Api.Observability;

/// <summary>Request-log levels and metric exporters, from the <c>Observability</c> configuration section.</summary>
public sealed class ObservabilitySettings
{
    public const string SectionName = "Observability";

    /// <summary>
    /// Path prefixes (whole segments) of probe and scrape traffic: their completion events are written
    /// at Verbose and they are not counted as auth outcomes. appsettings.json lists /health and /metrics.
    /// </summary>
    public string[] QuietPaths { get; set; } = [];

    /// <summary>
    /// True (the default): a request's completion event is built and written by a background task,
    /// every 20 ms and at shutdown, from what the request stored as it completed; false: on the
    /// request's thread before it completes. docs/observability.md ("Configuration") says what changes.
    /// </summary>
    public bool DeferRequestEvents { get; set; } = true;

    /// <summary>Serve metrics in Prometheus text format at <c>/metrics</c>.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>Push metrics over OTLP; endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* variables.</summary>
    public bool OtlpEnabled { get; set; }

    public bool IsQuiet(PathString path)
    {
        foreach (var prefix in QuietPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}

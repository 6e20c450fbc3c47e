namespace Messages.Api.Lifecycle;

/// <summary>How an instance stops on SIGTERM: the <c>Shutdown</c> section.</summary>
public sealed class ShutdownSettings
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// The whole stop, drain delay included: in-flight requests still running after it are aborted.
    /// Keep it under the platform's grace period (Kubernetes' terminationGracePeriodSeconds, 30 s by default).
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>
    /// How long readiness reports unhealthy while the server still takes connections, so a load balancer
    /// polling readiness stops sending new requests before the listener closes. 0 by default.
    /// </summary>
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;
}

using Messages.Api.Logging;

namespace Messages.Api.Observability;

/// <summary>
/// Wraps JwtBearer's backchannel, through which its configuration manager fetches the discovery
/// document and the JWKS, to count each fetch and each failure. Sees only public documents.
/// </summary>
internal sealed class JwksFetchMetricsHandler(ApiMetrics metrics, ILogger<JwksFetchMetricsHandler> logger) : DelegatingHandler
{
    private const string Discovery = "discovery";
    private const string Jwks = "jwks";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var document = request.RequestUri?.AbsolutePath.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal) == true
            ? Discovery
            : Jwks;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception)
        {
            LogEvents.JwksRefreshFailed(logger, exception, document, statusCode: null);
            metrics.JwksFetched(document, succeeded: false);
            throw;
        }

        if (!response.IsSuccessStatusCode)
        {
            LogEvents.JwksRefreshFailed(logger, exception: null, document, (int)response.StatusCode);
        }

        metrics.JwksFetched(document, response.IsSuccessStatusCode);
        return response;
    }
}

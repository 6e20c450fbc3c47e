using Messages.Api.Logging;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Messages.Api.Authentication;

/// <summary>
/// The issuer's discovery document and signing keys, fetched and cached for JwtBearer, and whether any
/// keys have been obtained yet: a token that cannot be verified before then (a cold start during an
/// issuer outage) answers 503, not 401.
/// </summary>
internal sealed class IssuerKeys(ILogger<IssuerKeys> logger, TimeProvider time) : IConfigurationRetriever<OpenIdConnectConfiguration>
{
    private int _obtained;

    public bool Obtained => Volatile.Read(ref _obtained) == 1;

    /// <summary>
    /// The configuration manager for JwtBearer: the address, timeout and HTTPS rule JwtBearer would use,
    /// the cache lifetime and the unknown-kid refresh throttle, and no "last known good" fallback, which
    /// would keep accepting a key for an hour after the issuer withdrew it. A failed refresh keeps the
    /// cached keys.
    /// </summary>
    public IssuerKeyManager CreateManager(JwtBearerOptions options, Auth0Settings settings)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        // JwtBearer has derived the address from the authority (or the development issuer set it).
        var address = options.MetadataAddress;
        var backchannel = new HttpClient(options.BackchannelHttpHandler ?? new HttpClientHandler())
        {
            Timeout = settings.BackchannelTimeout,
            MaxResponseContentBufferSize = 1024 * 1024,
        };
        return new IssuerKeyManager(address, this, new HttpDocumentRetriever(backchannel) { RequireHttps = options.RequireHttpsMetadata }, time)
        {
            AutomaticRefreshInterval = settings.KeyCacheLifetime,
            RefreshInterval = settings.KeyRefreshThrottle,
        };
    }

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel);
        }
        catch (Exception exception)
        {
            LogEvents.SigningKeysUnavailable(logger, exception, address, Obtained);
            throw;
        }

        if (configuration.SigningKeys.Count > 0)
        {
            Interlocked.Exchange(ref _obtained, 1);
        }

        LogEvents.SigningKeysFetched(logger, address, configuration.SigningKeys.Count);
        return configuration;
    }
}

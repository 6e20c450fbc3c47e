namespace Messages.Api.Authentication;

/// <summary>The token issuer and audience, from the <c>Auth0</c> configuration section.</summary>
public sealed class Auth0Settings
{
    public const string SectionName = "Auth0";

    /// <summary>An Auth0 tenant's host, e.g. <c>example.auth0.com</c>; gives the issuer <c>https://{Domain}/</c>.</summary>
    public string? Domain { get; set; }

    /// <summary>A full issuer URL for any OpenID Connect provider; overrides <see cref="Domain"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>The API identifier that tokens must carry in <c>aud</c>.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Clients whose tokens may carry no <c>aud</c> at all (AWS Cognito's access tokens name their
    /// client in <c>client_id</c> instead). Empty by default: every token then needs the audience.
    /// </summary>
    public string[] ClientIds { get; set; } = [];

    /// <summary>True to refuse tokens without a <c>typ</c> header (RFC 7519 makes it optional).</summary>
    public bool RequireTokenType { get; set; }

    /// <summary>False only for a local issuer over plain http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Accepted signing algorithms: asymmetric only.</summary>
    public string[] Algorithms { get; set; } = ["RS256"];

    /// <summary>Tolerance for clocks that differ between issuer and API when checking exp and nbf.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one fetch of the discovery document or the JWKS may take.</summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long fetched signing keys are used before they are fetched again in the background.</summary>
    public TimeSpan KeyCacheLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// The least time between two fetches asked for by tokens naming an unknown key (kid): also the
    /// longest a key the issuer has just published can be refused, whatever anyone sends.
    /// </summary>
    public TimeSpan KeyRefreshThrottle { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The exact issuer (<c>iss</c>) expected in tokens, or null when none is configured or it is invalid.</summary>
    public string? Issuer
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(Authority))
            {
                // Kept as written: iss must equal it exactly, and an issuer such as https://accounts.google.com
                // has no trailing slash, which Uri.AbsoluteUri would add.
                var text = Authority.Trim();
                return Uri.TryCreate(text, UriKind.Absolute, out _) ? text : null;
            }

            return DomainIssuer(Domain);
        }
    }

    public bool IsIssuerConfigured => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(Domain);

    // Tolerates "example.auth0.com", "https://example.auth0.com" and "https://example.auth0.com/".
    private static string? DomainIssuer(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var text = domain.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        var isBareHost = Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && uri.AbsolutePath == "/"
            && string.IsNullOrEmpty(uri.Query)
            && string.IsNullOrEmpty(uri.Fragment)
            && string.IsNullOrEmpty(uri.UserInfo);
        return isBareHost ? $"https://{uri!.Authority}/" : null;
    }
}

using Microsoft.Extensions.Options;

namespace Messages.Api.Authentication;

/// <summary>
/// Stops start-up on invalid settings, naming the key. Missing settings are tolerated only in
/// Development, where the API starts with protected routes closed to every token.
/// </summary>
internal sealed class Auth0SettingsValidator(IHostEnvironment environment) : IValidateOptions<Auth0Settings>
{
    private static readonly HashSet<string> _asymmetricAlgorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];

    public ValidateOptionsResult Validate(string? name, Auth0Settings options)
    {
        var failures = new List<string>();
        var required = !environment.IsDevelopment();

        if (!options.IsIssuerConfigured)
        {
            if (required)
            {
                failures.Add("Auth0:Domain is required (or Auth0:Authority, a full issuer URL), e.g. Auth0__Domain=example.auth0.com.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.Authority))
        {
            ValidateAuthority(options, failures);
        }
        else if (options.Issuer is null)
        {
            failures.Add($"Auth0:Domain must be a host name such as example.auth0.com, not '{options.Domain}'.");
        }

        // With client ids (Cognito), tokens without aud are accepted by client_id; an audience is
        // then needed only if some tokens carry one, and without it every token carrying aud is refused.
        if (string.IsNullOrWhiteSpace(options.Audience) && options.ClientIds.Length == 0 && (required || options.IsIssuerConfigured))
        {
            failures.Add("Auth0:Audience is required: the identifier of the API in Auth0, e.g. Auth0__Audience=https://quickstarts/api"
                + " (or Auth0:ClientIds, for a provider whose access tokens carry no aud, such as AWS Cognito).");
        }

        if (options.ClientIds.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("Auth0:ClientIds must not hold an empty client id.");
        }

        if (options.Algorithms is not { Length: > 0 } || !options.Algorithms.All(_asymmetricAlgorithms.Contains))
        {
            failures.Add($"Auth0:Algorithms must list asymmetric algorithms only ({string.Join(", ", _asymmetricAlgorithms)}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("Auth0:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        if (options.BackchannelTimeout <= TimeSpan.Zero || options.BackchannelTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add("Auth0:BackchannelTimeout must be more than zero and at most 00:01:00.");
        }

        // IdentityModel's own floor for the cache lifetime is 5 minutes, and 1 second for the throttle.
        if (options.KeyCacheLifetime < TimeSpan.FromMinutes(5) || options.KeyCacheLifetime > TimeSpan.FromDays(7))
        {
            failures.Add("Auth0:KeyCacheLifetime must be between 00:05:00 and 7.00:00:00.");
        }

        if (options.KeyRefreshThrottle < TimeSpan.FromSeconds(1) || options.KeyRefreshThrottle > TimeSpan.FromHours(1)
            || options.KeyRefreshThrottle > options.KeyCacheLifetime)
        {
            failures.Add("Auth0:KeyRefreshThrottle must be between 00:00:01 and 01:00:00, and not longer than Auth0:KeyCacheLifetime.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAuthority(Auth0Settings options, List<string> failures)
    {
        if (!Uri.TryCreate(options.Authority!.Trim(), UriKind.Absolute, out var authority)
            || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(authority.Query)
            || !string.IsNullOrEmpty(authority.Fragment))
        {
            failures.Add($"Auth0:Authority must be an absolute http(s) URL such as https://example.auth0.com/, not '{options.Authority}'.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && options.RequireHttpsMetadata)
        {
            failures.Add("Auth0:Authority uses http: set Auth0:RequireHttpsMetadata=false, and only for a local issuer.");
        }
    }
}

using Messages.Api.Tests.Infrastructure;

namespace Messages.Api.Tests.Providers;

/// <summary>
/// One OpenID provider as the README's Providers section configures it: its settings (environment
/// variables, exactly as printed there), the access tokens it issues (headers and claims in its own
/// shape, signed by the test issuer), and tokens of its that the API must refuse.
/// </summary>
public sealed record ProviderProfile(
    string Name,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<TokenShape> Tokens,
    IReadOnlyList<Refusal> Refusals)
{
    /// <summary>
    /// The issuer URL's path as the provider writes it (<c>/oauth2/default</c>, <c>/{tenant}/v2.0</c>...),
    /// which the test issuer takes on, so that iss has the provider's form. Auth0's Domain gives "/".
    /// </summary>
    public string IssuerPath =>
        Settings.TryGetValue("Auth0__Authority", out var authority) ? new Uri(authority).AbsolutePath : "/";

    /// <summary>
    /// The README's settings as configuration keys, less the issuer: the test host points at the test
    /// issuer (same path form) over plain http. Auth0's Domain must be https, so it is left out too.
    /// </summary>
    public Dictionary<string, string> TestSettings()
    {
        var settings = Settings
            .Where(setting => setting.Key is not ("Auth0__Authority" or "Auth0__Domain"))
            .ToDictionary(setting => setting.Key.Replace("__", ":", StringComparison.Ordinal), setting => setting.Value);
        // The test host's usual audience must not stay when the provider's settings have none (Cognito).
        settings.TryAdd("Auth0:Audience", string.Empty);
        return settings;
    }

    public override string ToString() => Name;
}

/// <summary>A kind of access token the provider issues: with the read:messages scope granted, or without.</summary>
public sealed record TokenShape(string Kind, Func<TestIssuer, bool, string> Create);

/// <summary>A token of the provider's that must be refused on <paramref name="Path"/> with this status and code.</summary>
public sealed record Refusal(string What, Func<TestIssuer, string> Create, int Status, string Code, string Path = AuthMatrix.Private);

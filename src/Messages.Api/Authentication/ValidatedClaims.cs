using System.Security.Claims;

namespace Messages.Api.Authentication;

/// <summary>
/// The claim values of a cached identity, grouped by type once when the token is cached, so that a
/// request answered from the cache reads its scopes without scanning or allocating.
/// </summary>
public sealed class ValidatedClaims
{
    private readonly Dictionary<string, string[]> _values;

    public ValidatedClaims(ClaimsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        _values = identity.Claims
            .GroupBy(claim => claim.Type, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Select(claim => claim.Value).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The identity these values were read from: they describe no other.</summary>
    public ClaimsIdentity Identity { get; }

    public IReadOnlyList<string> Values(string claimType) => _values.TryGetValue(claimType, out var values) ? values : [];
}

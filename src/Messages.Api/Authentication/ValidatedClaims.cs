using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// The claim values of a cached identity, grouped by type once when the token is cached, so that a
/// request answered from the cache reads its scopes without scanning or allocating.
/// </summary>
public sealed class ValidatedClaims
{
    private readonly Dictionary<string, string[]> _values;

    private ValidatedClaims(ClaimsIdentity identity, Dictionary<string, string[]> values, int count)
    {
        Identity = identity;
        _values = values;
        Count = count;
    }

    /// <summary>The identity these values were read from: they describe no other.</summary>
    public ClaimsIdentity Identity { get; }

    /// <summary>How many claims the identity holds.</summary>
    public int Count { get; }

    public IReadOnlyList<string> Values(string claimType) => _values.TryGetValue(claimType, out var values) ? values : [];

    /// <summary>
    /// A compact copy of a validated identity, for keeping: the same claims (type, value, value type,
    /// issuer) in a new case-sensitive identity that holds no reference to the parsed token, with one
    /// string per claim type and per issuer, and the values shared with the grouped lookup.
    /// </summary>
    public static ValidatedClaims Copy(ClaimsIdentity validated)
    {
        ArgumentNullException.ThrowIfNull(validated);
        var identity = new CaseSensitiveClaimsIdentity(validated.AuthenticationType, validated.NameClaimType, validated.RoleClaimType);
        var values = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var count = 0;
        string? issuer = null;
        foreach (var group in validated.Claims.GroupBy(claim => claim.Type, StringComparer.Ordinal))
        {
            var groupValues = new string[group.Count()];
            var index = 0;
            foreach (var claim in group)
            {
                issuer = string.Equals(claim.Issuer, issuer, StringComparison.Ordinal) ? issuer : claim.Issuer;
                var originalIssuer = string.Equals(claim.OriginalIssuer, issuer, StringComparison.Ordinal) ? issuer : claim.OriginalIssuer;
                identity.AddClaim(new Claim(group.Key, claim.Value, claim.ValueType, issuer, originalIssuer, identity));
                groupValues[index++] = claim.Value;
            }

            values[group.Key] = groupValues;
            count += groupValues.Length;
        }

        return new ValidatedClaims(identity, values, count);
    }
}

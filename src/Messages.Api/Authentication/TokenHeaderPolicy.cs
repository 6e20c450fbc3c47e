using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Checks of the token's JOSE header that IdentityModel leaves open. Runs as the TypeValidator, after
/// the signature has been verified. Key-locating headers (jku, x5u, jwk, x5c) need no check here: keys
/// come only from the issuer's JWKS, by kid, and those headers are never read.
/// </summary>
internal static class TokenHeaderPolicy
{
    /// <summary>Access tokens (RFC 9068 at+jwt) and Auth0's plain JWT; media types compare case-insensitively.</summary>
    public static readonly IReadOnlyList<string> ValidTypes = ["JWT", "at+jwt"];

    public static string ValidateType(string? type, SecurityToken securityToken)
    {
        // RFC 7515 section 4.1.11: this API understands no extension, so any crit header is refused.
        if (securityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            throw new SecurityTokenCriticalHeaderException();
        }

        if (type is null || !ValidTypes.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidTypeException("The token type is not accepted.");
        }

        return type;
    }
}

/// <summary>A token whose <c>crit</c> header names extensions this API does not understand.</summary>
internal sealed class SecurityTokenCriticalHeaderException() : SecurityTokenException("The token names a critical header extension.");

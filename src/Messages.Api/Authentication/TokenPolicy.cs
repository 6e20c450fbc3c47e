using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Checks IdentityModel leaves open: the crit and typ headers, and exp as a JSON number. Runs as the
/// TypeValidator, after the signature and lifetime have been verified. Key-locating headers (jku, x5u,
/// jwk, x5c) need no check: keys come only from the issuer's JWKS, by kid, and those are never read.
/// </summary>
internal static class TokenPolicy
{
    /// <summary>Access tokens (RFC 9068 at+jwt) and Auth0's plain JWT; media types compare case-insensitively.</summary>
    public static readonly IReadOnlyList<string> ValidTypes = ["JWT", "at+jwt"];

    private const string MediaTypePrefix = "application/";

    public static string ValidateType(string? type, SecurityToken securityToken)
    {
        // RFC 7515 section 4.1.11: this API understands no extension, so any crit header is refused.
        if (securityToken is JsonWebToken token && token.TryGetHeaderValue<object>("crit", out _))
        {
            throw new SecurityTokenCriticalHeaderException();
        }

        // IdentityModel also reads "exp": "9999999999" as a time; RFC 7519 says a NumericDate is a number.
        if (securityToken is JsonWebToken { EncodedPayload: var payload } && !HasNumericExpiration(payload))
        {
            throw new SecurityTokenNoExpirationException("The token's exp is not a number.");
        }

        if (type is null)
        {
            throw new SecurityTokenInvalidTypeException("The token has no type.");
        }

        // RFC 7515 section 4.1.9: "at+jwt" stands for "application/at+jwt"; both spellings are accepted.
        var mediaType = type.StartsWith(MediaTypePrefix, StringComparison.OrdinalIgnoreCase) ? type[MediaTypePrefix.Length..] : type;
        if (!ValidTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidTypeException("The token type is not accepted.");
        }

        return type;
    }

    private static bool HasNumericExpiration(string encodedPayload)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPayload));
        return payload.RootElement.TryGetProperty("exp", out var expiration) && expiration.ValueKind == JsonValueKind.Number;
    }
}

/// <summary>A token whose <c>crit</c> header names extensions this API does not understand.</summary>
internal sealed class SecurityTokenCriticalHeaderException() : SecurityTokenException("The token names a critical header extension.");

using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Checks IdentityModel leaves open: the crit and typ headers, exp as a JSON number, and token_use.
/// Runs as the TypeValidator, after the signature and lifetime have been verified. Key-locating
/// headers (jku, x5u, jwk, x5c) need no check: keys come only from the issuer's JWKS, by kid, and
/// those are never read.
/// </summary>
internal static class TokenPolicy
{
    /// <summary>Access tokens (RFC 9068 at+jwt) and Auth0's plain JWT; media types compare case-insensitively.</summary>
    public static readonly IReadOnlyList<string> ValidTypes = ["JWT", "at+jwt"];

    private const string MediaTypePrefix = "application/";
    private const string TokenUseClaim = "token_use";
    private const string AccessTokenUse = "access";
    private const string ClientIdClaim = "client_id";

    /// <summary>
    /// Checks the token's headers and kind. A token without typ is accepted unless
    /// <paramref name="requireType"/>: RFC 7519 makes typ optional, and Okta and Cognito leave it out.
    /// </summary>
    public static string ValidateType(string? type, SecurityToken securityToken, bool requireType)
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

        // Cognito marks its ID tokens token_use "id"; only access tokens may call the API.
        if (securityToken is JsonWebToken withUse && withUse.TryGetPayloadValue<object>(TokenUseClaim, out var use)
            && use is not AccessTokenUse)
        {
            throw new SecurityTokenNotAccessTokenException();
        }

        // A typ present must be one of ours, whatever its JSON type: only a typ absent is optional.
        if (securityToken is JsonWebToken withHeader && !withHeader.TryGetHeaderValue<object>(JwtHeaderParameterNames.Typ, out _))
        {
            return requireType ? throw new SecurityTokenInvalidTypeException("The token has no type.") : string.Empty;
        }

        if (type is null)
        {
            throw new SecurityTokenInvalidTypeException("The token type is not a string.");
        }

        // RFC 7515 section 4.1.9: "at+jwt" stands for "application/at+jwt"; both spellings are accepted.
        var mediaType = type.StartsWith(MediaTypePrefix, StringComparison.OrdinalIgnoreCase) ? type[MediaTypePrefix.Length..] : type;
        if (!ValidTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidTypeException("The token type is not accepted.");
        }

        return type;
    }

    /// <summary>
    /// The audience check once <c>Auth0:ClientIds</c> is configured: a token carrying <c>aud</c> must
    /// contain the audience exactly, as always; only a token with no audience at all may instead name
    /// one of <paramref name="clientIds"/> in its <c>client_id</c> (a JSON string), as Cognito's do.
    /// </summary>
    public static bool ValidateAudience(IEnumerable<string> audiences, SecurityToken securityToken, string? audience, IReadOnlyCollection<string> clientIds)
    {
        var any = false;
        foreach (var value in audiences)
        {
            if (audience is not null && string.Equals(value, audience, StringComparison.Ordinal))
            {
                return true;
            }

            any = true;
        }

        return !any && securityToken is JsonWebToken token
            && token.TryGetPayloadValue<object>(ClientIdClaim, out var clientId) && clientId is string id
            && clientIds.Contains(id, StringComparer.Ordinal);
    }

    private static bool HasNumericExpiration(string encodedPayload)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(encodedPayload));
        return payload.RootElement.TryGetProperty("exp", out var expiration) && expiration.ValueKind == JsonValueKind.Number;
    }
}

/// <summary>A token whose <c>crit</c> header names extensions this API does not understand.</summary>
internal sealed class SecurityTokenCriticalHeaderException() : SecurityTokenException("The token names a critical header extension.");

/// <summary>A token whose <c>token_use</c> says it is not an access token (Cognito's ID tokens).</summary>
internal sealed class SecurityTokenNotAccessTokenException() : SecurityTokenException("The token is not an access token.");

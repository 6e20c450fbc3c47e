using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Why a request carries no valid access token. Codes are those of Auth0's quickstarts, so their
/// clients keep working; descriptions are fixed texts that never echo anything from the request.
/// </summary>
internal sealed record BearerFailure(string Code, string Description, bool TokenPresented, int Status = StatusCodes.Status401Unauthorized)
{
    /// <summary>
    /// Far above any real access token (Auth0's are 1 to 8 KiB), far below IdentityModel's 250 KB: the
    /// header is refused before anything is decoded. Kestrel itself refuses request headers over 32 KiB (431).
    /// </summary>
    public const int MaxTokenLength = 16 * 1024;

    public static readonly BearerFailure HeaderMissing =
        new("authorization_header_missing", "Authorization header is expected.", TokenPresented: false);

    public static readonly BearerFailure NotBearer =
        new("invalid_header", "Authorization header must start with Bearer.", TokenPresented: false);

    public static readonly BearerFailure TokenMissing =
        new("invalid_header", "Token not found.", TokenPresented: true);

    public static readonly BearerFailure NotOneToken =
        new("invalid_header", "Authorization header must be Bearer token.", TokenPresented: true);

    public static readonly BearerFailure SeveralHeaders =
        new("invalid_header", "Only one Authorization header is allowed.", TokenPresented: true);

    public static readonly BearerFailure Malformed =
        new("invalid_header", "Unable to parse authentication token.", TokenPresented: true);

    public static readonly BearerFailure TooLarge =
        new("invalid_header", "Token is too large.", TokenPresented: true);

    public static readonly BearerFailure Expired =
        new("token_expired", "Token is expired.", TokenPresented: true);

    public static readonly BearerFailure NotYetValid =
        new("token_not_yet_valid", "Token is not valid yet.", TokenPresented: true);

    public static readonly BearerFailure NoExpiration =
        new("invalid_claims", "Token has no expiration time.", TokenPresented: true);

    /// <summary>Cognito's ID tokens (<c>token_use</c> "id") and any other token that says it is not an access token.</summary>
    public static readonly BearerFailure NotAccessToken =
        new("invalid_claims", "Token is not an access token.", TokenPresented: true);

    /// <summary>A registered claim of the wrong JSON type (a <c>sub</c>, <c>iss</c> or <c>aud</c> that is an object, say).</summary>
    public static readonly BearerFailure MalformedClaim =
        new("invalid_claims", "Token has a claim of the wrong type.", TokenPresented: true);

    public static readonly BearerFailure InvalidAudience =
        new("invalid_audience", "Token was not issued for this API.", TokenPresented: true);

    public static readonly BearerFailure InvalidIssuer =
        new("invalid_issuer", "Token was not issued by the trusted issuer.", TokenPresented: true);

    public static readonly BearerFailure InvalidAlgorithm =
        new("invalid_algorithm", "Token is not signed with an accepted algorithm.", TokenPresented: true);

    public static readonly BearerFailure InvalidSignature =
        new("invalid_signature", "Token signature could not be verified.", TokenPresented: true);

    public static readonly BearerFailure InvalidType =
        new("invalid_token_header", "Token type is not accepted.", TokenPresented: true);

    public static readonly BearerFailure CriticalHeader =
        new("invalid_token_header", "Token header names a critical extension that is not understood.", TokenPresented: true);

    /// <summary>
    /// No signing keys have been obtained from the issuer yet (a cold start during an issuer outage).
    /// Not the caller's fault, so 503: a 401 would tell clients to throw away a good token.
    /// </summary>
    public static readonly BearerFailure IssuerUnavailable =
        new("issuer_unavailable", "The token issuer cannot be reached to verify the token; try again later.",
            TokenPresented: true, StatusCodes.Status503ServiceUnavailable);

    public static readonly BearerFailure Invalid =
        new("invalid_token", "Token is invalid.", TokenPresented: true);

    /// <summary>Classifies a validation exception; anything unknown is a plain invalid token.</summary>
    public static BearerFailure From(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => Expired,
        SecurityTokenNotYetValidException => NotYetValid,
        SecurityTokenNoExpirationException => NoExpiration,
        SecurityTokenInvalidAudienceException => InvalidAudience,
        SecurityTokenInvalidIssuerException => InvalidIssuer,
        SecurityTokenInvalidAlgorithmException => InvalidAlgorithm,
        SecurityTokenInvalidSignatureException => InvalidSignature,
        SecurityTokenInvalidTypeException => InvalidType,
        SecurityTokenCriticalHeaderException => CriticalHeader,
        SecurityTokenNotAccessTokenException => NotAccessToken,
        _ when IsMistypedClaim(exception) => MalformedClaim,
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => Invalid,
    };

    // IdentityModel reads the registered claims while it decodes the payload: valid JSON with, say, an
    // array for sub fails there as IDX14101 (payload, not header: IDX14102) over its own IDX110xx type
    // error, where JSON that does not parse at all fails over System.Text.Json's reader error.
    private static bool IsMistypedClaim(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ArgumentException { InnerException: JsonException inner } outer
                && outer.Message.StartsWith("IDX14101:", StringComparison.Ordinal)
                && inner.Message.StartsWith("IDX110", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

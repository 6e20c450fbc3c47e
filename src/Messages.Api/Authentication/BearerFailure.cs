using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Authentication;

/// <summary>
/// Why a request carries no valid access token. Codes are those of Auth0's quickstarts, so their
/// clients keep working; descriptions are fixed texts that never echo anything from the request.
/// </summary>
internal sealed record BearerFailure(string Code, string Description, bool TokenPresented)
{
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

    public static readonly BearerFailure Expired =
        new("token_expired", "Token is expired.", TokenPresented: true);

    public static readonly BearerFailure NotYetValid =
        new("token_not_yet_valid", "Token is not valid yet.", TokenPresented: true);

    public static readonly BearerFailure NoExpiration =
        new("invalid_claims", "Token has no expiration time.", TokenPresented: true);

    public static readonly BearerFailure InvalidAudience =
        new("invalid_audience", "Token was not issued for this API.", TokenPresented: true);

    public static readonly BearerFailure InvalidIssuer =
        new("invalid_issuer", "Token was not issued by the trusted issuer.", TokenPresented: true);

    public static readonly BearerFailure InvalidAlgorithm =
        new("invalid_algorithm", "Token is not signed with an accepted algorithm.", TokenPresented: true);

    public static readonly BearerFailure InvalidSignature =
        new("invalid_signature", "Token signature could not be verified.", TokenPresented: true);

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
        SecurityTokenMalformedException or ArgumentException => Malformed,
        _ => Invalid,
    };
}

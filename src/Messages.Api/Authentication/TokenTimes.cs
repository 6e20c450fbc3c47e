using Microsoft.IdentityModel.JsonWebTokens;

namespace Messages.Api.Authentication;

/// <summary>
/// The times of a validated token for <c>AuthenticationProperties</c>, as UTC instants or null. Never
/// built from <see cref="JsonWebToken.ValidFrom"/> or <see cref="JsonWebToken.IssuedAt"/>: they are
/// <see cref="DateTime.MinValue"/> when the claim is absent, and converting that to a
/// <see cref="DateTimeOffset"/> applies the host's offset, which throws east of UTC.
/// </summary>
internal static class TokenTimes
{
    // The range DateTimeOffset.FromUnixTimeSeconds accepts (years 1 to 9999).
    private const long MinSeconds = -62_135_596_800;
    private const long MaxSeconds = 253_402_300_799;

    /// <summary>When the token was issued (<c>iat</c>), or null when it has none or it is not a number of seconds.</summary>
    public static DateTimeOffset? IssuedUtc(JsonWebToken token) => Read(token, JwtRegisteredClaimNames.Iat);

    /// <summary>When the token expires (<c>exp</c>), or null when it has none.</summary>
    public static DateTimeOffset? ExpiresUtc(JsonWebToken token) => Read(token, JwtRegisteredClaimNames.Exp);

    // JsonWebToken refuses, when parsing, a token whose iat, nbf or exp is not a number of seconds.
    private static DateTimeOffset? Read(JsonWebToken token, string claim) =>
        token.TryGetPayloadValue<long>(claim, out var seconds) && seconds is >= MinSeconds and <= MaxSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}

using System.Text;
using System.Text.Json;
using Messages.Api.Authentication;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Authentication;

public sealed class TokenTimesTests
{
    [Fact]
    public void IssuedUtc_IatInSeconds_IsThatInstantInUtc()
    {
        var token = Token(new { iat = 1_764_547_200L, exp = 1_764_550_800L });

        Assert.Equal(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), TokenTimes.IssuedUtc(token));
        Assert.Equal(TimeSpan.Zero, TokenTimes.IssuedUtc(token)!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2025, 12, 1, 1, 0, 0, TimeSpan.Zero), TokenTimes.ExpiresUtc(token));
    }

    [Fact]
    public void IssuedUtc_NoIatNorNbf_IsNull()
    {
        var token = Token(new { exp = 1_764_550_800L });

        Assert.Null(TokenTimes.IssuedUtc(token));
        Assert.Equal(DateTime.MinValue, token.ValidFrom);
    }

    [Fact]
    public void IssuedUtc_IatBeyondYear9999_IsNull()
    {
        var token = Token(new { iat = 9_000_000_000_000_000L });

        Assert.Null(TokenTimes.IssuedUtc(token));
    }

    private static JsonWebToken Token(object payload) =>
        new(Encode("{\"alg\":\"RS256\"}") + "." + Encode(JsonSerializer.Serialize(payload)) + ".");

    private static string Encode(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}

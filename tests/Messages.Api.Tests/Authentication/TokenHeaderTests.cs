using System.Text;
using Messages.Api.Authentication;
using Messages.Api.Tests.Infrastructure;
using Messages.Api.Tests.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Messages.Api.Tests.Authentication;

[Collection(ApiCollection.Name)]
public sealed class TokenHeaderTests(ApiFactory api)
{
    private static readonly string[] _allowed = ["RS256"];

    [Theory]
    [InlineData("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}", true, "RS256")]
    [InlineData("{\"kid\":\"k1\",\"x\":{\"alg\":\"none\"},\"alg\":\"HS256\"}", true, "HS256")]
    [InlineData("{\"typ\":\"JWT\",\"kid\":\"k1\"}", true, null)]
    [InlineData("{\"alg\":\"RS256\",\"alg\":\"none\"}", true, null)]
    [InlineData("{\"alg\":[\"RS256\"]}", true, null)]
    [InlineData("[\"RS256\"]", false, null)]
    [InlineData("not json", false, null)]
    public void TryReadAlgorithm_Header_ReadsTheAlgorithm(string header, bool readable, string? algorithm)
    {
        var token = Base64UrlEncoder.Encode(header) + ".eyJzdWIiOiJ4In0.c2ln";

        var read = TokenHeader.TryReadAlgorithm(token, out var found);

        Assert.Equal((readable, algorithm), (read, found));
    }

    [Theory]
    [InlineData("ey!!*.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData(".eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("no-dot-at-all")]
    public void TryReadAlgorithm_NoReadableHeader_IsFalse(string token)
    {
        Assert.False(TokenHeader.TryReadAlgorithm(token, out _));
    }

    [Fact]
    public void TryReadAlgorithm_HostileSuiteTokens_DecidesAsParsingTheWholeTokenDid()
    {
        var compared = 0;
        foreach (var (name, hostile) in HostileCases.Cases)
        {
            // Only a token that parses as a JWT can reach the algorithm check (after a bad signature).
            if (hostile.Copies != 1 || hostile.Authorization(api.Issuer) is not { } authorization
                || !BearerHeader.TryRead(authorization, out var token, out _) || WholeTokenAlgorithm(token.ToString()) is not { } whole)
            {
                continue;
            }

            var fromHeader = TokenHeader.TryReadAlgorithm(token, out var algorithm) && (algorithm is null || !_allowed.Contains(algorithm));

            Assert.True(!_allowed.Contains(whole) == fromHeader, $"{name}: whole token says '{whole}', the header says '{algorithm}'");
            compared++;
        }

        Assert.True(compared >= 30, $"{compared} hostile tokens compared");
    }

    [Fact]
    public void TryReadAlgorithm_Forged16KiBToken_DecodesNothingButTheHeader()
    {
        var header = Base64UrlEncoder.Encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + Guid.NewGuid().ToString("N") + "\"}");
        var payload = Base64UrlEncoder.Encode("{\"sub\":\"" + new string('x', 11 * 1024) + "\"}");
        var token = $"{header}.{payload}.{Base64UrlEncoder.Encode(Encoding.ASCII.GetBytes(new string('s', 256)))}";
        TokenHeader.TryReadAlgorithm(token, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var read = TokenHeader.TryReadAlgorithm(token, out var algorithm);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var wholeBefore = GC.GetAllocatedBytesForCurrentThread();
        var whole = WholeTokenAlgorithm(token);
        var wholeAllocated = GC.GetAllocatedBytesForCurrentThread() - wholeBefore;

        Assert.InRange(token.Length, 15 * 1024, BearerFailure.MaxTokenLength);
        Assert.True(read);
        Assert.Equal(("RS256", "RS256"), (algorithm, whole));
        Assert.InRange(allocated, 0, 128);
        Assert.True(wholeAllocated > token.Length, $"parsing the whole token allocated {wholeAllocated} bytes");
    }

    private static string? WholeTokenAlgorithm(string token)
    {
        try
        {
            return new JsonWebToken(token).Alg;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException)
        {
            return null;
        }
    }
}

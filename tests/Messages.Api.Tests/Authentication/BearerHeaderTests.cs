using Messages.Api.Authentication;
using Microsoft.Extensions.Primitives;

namespace Messages.Api.Tests.Authentication;

public sealed class BearerHeaderTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi")]
    [InlineData("bearer abc.def.ghi")]
    [InlineData("BEARER abc.def.ghi")]
    [InlineData("Bearer   abc.def.ghi")]
    [InlineData("Bearer abc.def.ghi ")]
    [InlineData("\tBearer abc.def.ghi\t")]
    public void TryRead_BearerToken_ReturnsToken(string header)
    {
        var found = BearerHeader.TryRead(new StringValues(header), out var token, out _);

        Assert.True(found);
        Assert.Equal("abc.def.ghi", token.ToString());
    }

    [Theory]
    [InlineData(null, "authorization_header_missing", false)]
    [InlineData("", "invalid_header", false)]
    [InlineData(" ", "invalid_header", false)]
    [InlineData("Basic dXNlcjpwYXNz", "invalid_header", false)]
    [InlineData("Bearerabc.def.ghi", "invalid_header", false)]
    [InlineData("Bearer", "invalid_header", true)]
    [InlineData("Bearer ", "invalid_header", true)]
    [InlineData("Bearer a b", "invalid_header", true)]
    public void TryRead_NoUsableToken_GivesReason(string? header, string code, bool tokenPresented)
    {
        var values = header is null ? StringValues.Empty : new StringValues(header);

        var found = BearerHeader.TryRead(values, out _, out var failure);

        Assert.False(found);
        Assert.Equal(code, failure.Code);
        Assert.Equal(tokenPresented, failure.TokenPresented);
    }

    [Fact]
    public void TryRead_TwoHeaders_IsRefused()
    {
        var found = BearerHeader.TryRead(new StringValues(["Bearer a.b.c", "Bearer d.e.f"]), out _, out var failure);

        Assert.False(found);
        Assert.Same(BearerFailure.SeveralHeaders, failure);
    }

    [Fact]
    public void TryRead_TokenAtTheLimit_ReturnsToken()
    {
        var found = BearerHeader.TryRead(new StringValues("Bearer " + new string('a', BearerFailure.MaxTokenLength)), out var token, out _);

        Assert.True(found);
        Assert.Equal(BearerFailure.MaxTokenLength, token.Length);
    }

    [Fact]
    public void TryRead_TokenOverTheLimit_IsRefusedAsTooLarge()
    {
        var found = BearerHeader.TryRead(new StringValues("Bearer " + new string('a', BearerFailure.MaxTokenLength + 1)), out _, out var failure);

        Assert.False(found);
        Assert.Same(BearerFailure.TooLarge, failure);
    }
}

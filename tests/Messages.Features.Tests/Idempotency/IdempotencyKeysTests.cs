using Messages.Features.Idempotency;

namespace Messages.Features.Tests.Idempotency;

public sealed class IdempotencyKeysTests
{
    [Theory]
    [InlineData("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("8e03978e-40d5-43e8-bc93-6894a57f9324", "8e03978e-40d5-43e8-bc93-6894a57f9324")]
    [InlineData("  order-42 ", "order-42")]
    [InlineData("\"with \\\"quotes\\\" and \\\\\"", "with \"quotes\" and \\")]
    [InlineData("\"a, b\"", "a, b")]
    [InlineData("x", "x")]
    public void TryParse_ValidValue_ReturnsTheKey(string header, string expected)
    {
        var parsed = IdempotencyKeys.TryParse(header, out var key);

        Assert.True(parsed);
        Assert.Equal(expected, key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"one\" trailing")]
    [InlineData("\"bad \\n escape\"")]
    [InlineData("two, keys")]
    [InlineData("\"a\", \"b\"")]
    [InlineData("half\"quoted")]
    [InlineData("caf\u00e9")]
    [InlineData("tab\tinside")]
    [InlineData("\"caf\u00e9\"")]
    public void TryParse_InvalidValue_ReturnsFalse(string header)
    {
        Assert.False(IdempotencyKeys.TryParse(header, out _));
    }

    [Fact]
    public void TryParse_LengthLimit_IsInclusiveForBothForms()
    {
        var longest = new string('k', IdempotencyKeys.MaxLength);
        var tooLong = longest + "k";

        Assert.True(IdempotencyKeys.TryParse(longest, out _));
        Assert.True(IdempotencyKeys.TryParse($"\"{longest}\"", out _));
        Assert.False(IdempotencyKeys.TryParse(tooLong, out _));
        Assert.False(IdempotencyKeys.TryParse($"\"{tooLong}\"", out _));
    }
}

using FluentValidation;
using FluentValidation.Results;
using Messages.Features.MessageBoard;

namespace Messages.Features.Tests.MessageBoard;

/// <summary>Each slice's validator on its own: which inputs pass, and which field a failure names.</summary>
public sealed class MessageValidatorTests
{
    private const string Id = "0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d";

    [Theory]
    [InlineData("hello")]
    [InlineData("  padded but fine  ")]
    [InlineData("héllo wörld ✓ 👋")]
    [InlineData("family \U0001F468\u200D\U0001F469\u200D\U0001F467 and flag \U0001F3F3\uFE0F\u200D\U0001F308")]
    [InlineData("\U0001F468\u200D\U0001F4BB")]
    [InlineData("co\u00ADoperate")]
    [InlineData("zero\u200Bwidth inside words")]
    [InlineData("שלום עולם")]
    [InlineData("مرحبا")]
    public void CreateMessage_ValidText_Passes(string text)
    {
        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command(text));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void CreateMessage_TextOfMaximumLengthInsideWhiteSpace_Passes()
    {
        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command("   " + new string('a', 500) + "   "));

        Assert.True(result.IsValid);
    }

    [Fact]
    public void CreateMessage_MaximumLengthOfEmoji_PassesCountingCharactersNotUtf16Units()
    {
        var text = string.Concat(Enumerable.Repeat("👋", 500));

        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command(text));

        Assert.Equal(1000, text.Length);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("line\nbreak")]
    [InlineData("tab\there")]
    [InlineData("nul\0")]
    [InlineData("delete\u007f")]
    [InlineData("next line\u0085")]
    [InlineData("escape\u001b[31m")]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData(" \u00AD \u2060 ")]
    [InlineData("\u3164\u115F")]
    [InlineData("\u2800\u180E")]
    [InlineData("\u034F\uFE0F")]
    [InlineData("admin\u202Egnp.exe")]
    [InlineData("\u202Aleft to right embedding")]
    [InlineData("pop\u202C")]
    [InlineData("isolate \u2066x\u2069")]
    [InlineData("first strong \u2068isolate")]
    [InlineData("\u2067rtl isolate")]
    public void CreateMessage_InvalidText_FailsOnText(string? text)
    {
        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command(text));

        var failure = Assert.Single(result.Errors);
        Assert.Equal(nameof(CreateMessage.Command.Text), failure.PropertyName);
    }

    [Fact]
    public void CreateMessage_TextOneOverMaximum_FailsOnLength()
    {
        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command(new string('a', 501)));

        var failure = Assert.Single(result.Errors);
        Assert.Contains("1 to 500", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateMessage_FailureMessage_DoesNotEchoTheText()
    {
        var result = Validate(new CreateMessage.Validator(), new CreateMessage.Command("secret\u0001value"));

        Assert.DoesNotContain("secret", Assert.Single(result.Errors).ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Id, true)]
    [InlineData("0192F1C4-5B7E-7CC3-A1D2-3E4F5A6B7C8D", false)]
    [InlineData("0192f1c45b7e7cc3a1d23e4f5a6b7c8d", false)]
    [InlineData("{0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d}", false)]
    [InlineData("42", false)]
    [InlineData("", false)]
    [InlineData("../etc/passwd", false)]
    public void GetAndDeleteMessage_Id_PassesOnlyForMessageIds(string id, bool valid)
    {
        var get = Validate(new GetMessage.Validator(), new GetMessage.Query(id));
        var delete = Validate(new DeleteMessage.Validator(), new DeleteMessage.Command(id));

        Assert.Equal(valid, get.IsValid);
        Assert.Equal(valid, delete.IsValid);
        Assert.All(get.Errors.Concat(delete.Errors), failure => Assert.Equal("Id", failure.PropertyName));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(1, true)]
    [InlineData(ListMessages.MaxLimit, true)]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(ListMessages.MaxLimit + 1, false)]
    public void ListMessages_Limit_PassesBetweenOneAndMaximum(int? limit, bool valid)
    {
        var result = Validate(new ListMessages.Validator(), new ListMessages.Query(limit, Cursor: null));

        Assert.Equal(valid, result.IsValid);
        Assert.All(result.Errors, failure => Assert.Equal("Limit", failure.PropertyName));
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("")]
    [InlineData("MTIz")]
    [InlineData("LTEuMDE5MmYxYzQtNWI3ZS03Y2MzLWExZDItM2U0ZjVhNmI3Yzhk")]
    public void ListMessages_ForeignCursor_FailsOnCursor(string cursor)
    {
        var result = Validate(new ListMessages.Validator(), new ListMessages.Query(Limit: null, cursor));

        Assert.Equal("Cursor", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void ListMessages_CursorFromAPage_Passes()
    {
        var cursor = MessageCursor.After(new BoardMessage(Id, "text", "auth0|alice", DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000)));

        var result = Validate(new ListMessages.Validator(), new ListMessages.Query(Limit: 10, cursor.Encode()));

        Assert.True(result.IsValid);
    }

    private static ValidationResult Validate<T>(IValidator<T> validator, T request) => validator.Validate(request);
}

using Messages.Features.MessageBoard;

namespace Messages.Features.Tests.MessageBoard;

public sealed class MessageCursorTests
{
    [Fact]
    public void Encode_ThenDecode_ReturnsTheSamePosition()
    {
        var cursor = new MessageCursor(1_700_000_000_123, "0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d");

        var decoded = MessageCursor.TryDecode(cursor.Encode(), out var result);

        Assert.True(decoded);
        Assert.Equal(cursor, result);
    }

    [Fact]
    public void Encode_IsUrlSafe()
    {
        var encoded = new MessageCursor(long.MaxValue, "0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d").Encode();

        Assert.Matches("^[A-Za-z0-9_-]+$", encoded);
    }

    [Fact]
    public void After_Message_PointsAtItsTimeAndId()
    {
        var message = new BoardMessage("0192f1c4-5b7e-7cc3-a1d2-3e4f5a6b7c8d", "t", "a", DateTimeOffset.FromUnixTimeMilliseconds(42));

        var cursor = MessageCursor.After(message);

        Assert.Equal(new MessageCursor(42, message.Id), cursor);
    }
}

using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Messages.Features.MessageBoard;

/// <summary>
/// A position in the newest-first list: the last message a page showed. Clients see it as an opaque
/// string; it is the key the next page starts after, so pages stay stable while messages are added.
/// </summary>
public readonly record struct MessageCursor(long CreatedAtUnixMilliseconds, string Id)
{
    public static MessageCursor After(BoardMessage message) => new(message.CreatedAt.ToUnixTimeMilliseconds(), message.Id);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{CreatedAtUnixMilliseconds}.{Id}")));

    public static bool TryDecode(string? text, out MessageCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(text) || text.Length > 128 || !Base64Url.IsValid(text))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('.');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
            || !MessageId.IsValid(parts[1]))
        {
            return false;
        }

        cursor = new MessageCursor(createdAt, parts[1]);
        return true;
    }
}

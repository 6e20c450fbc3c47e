namespace Messages.Features.MessageBoard;

/// <summary>Message ids: UUID version 7 in their 36-character text form, made by the API, ordered by time.</summary>
public static class MessageId
{
    public static string New(DateTimeOffset createdAt) => Guid.CreateVersion7(createdAt).ToString("D");

    public static bool IsValid(string? id) =>
        id is { Length: 36 } && Guid.TryParseExact(id, "D", out var guid) && guid.ToString("D") == id;
}

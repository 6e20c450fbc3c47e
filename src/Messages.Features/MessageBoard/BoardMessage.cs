namespace Messages.Features.MessageBoard;

/// <summary>A stored message: <c>{"id", "text", "author", "createdAt"}</c>; the author is the creator's <c>sub</c>.</summary>
public sealed record BoardMessage(string Id, string Text, string Author, DateTimeOffset CreatedAt);

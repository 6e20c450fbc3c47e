namespace Messages.Features.Quickstart;

/// <summary>The quickstart's body: <c>{"message": "..."}</c>.</summary>
public sealed record MessageResponse(string Message);

namespace Messages.Api.Authentication;

internal static class ClaimNames
{
    public const string Subject = "sub";
}

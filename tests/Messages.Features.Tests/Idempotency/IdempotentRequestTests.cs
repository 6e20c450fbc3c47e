using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;

namespace Messages.Features.Tests.Idempotency;

public sealed class IdempotentRequestTests
{
    [Fact]
    public void For_SameCommandAgain_SameFingerprint()
    {
        var first = IdempotentRequest.For(new CreateMessage.Command("hello"), "auth0|alice", "k");
        var second = IdempotentRequest.For(new CreateMessage.Command("hello") { IdempotencyKey = "\"k\"" }, "auth0|alice", "k");

        Assert.Equal(first.Fingerprint, second.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", first.Fingerprint);
    }

    [Fact]
    public void For_DifferentText_DifferentFingerprint()
    {
        var first = IdempotentRequest.For(new CreateMessage.Command("hello"), "auth0|alice", "k");
        var second = IdempotentRequest.For(new CreateMessage.Command("hello!"), "auth0|alice", "k");

        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
    }

    [Fact]
    public void For_DifferentRequestTypeWithSameFields_DifferentFingerprint()
    {
        var create = IdempotentRequest.For(new CreateMessage.Command("x"), "auth0|alice", "k");
        var other = IdempotentRequest.For(new OtherCommand("x"), "auth0|alice", "k");

        Assert.NotEqual(create.Fingerprint, other.Fingerprint);
    }

    private sealed record OtherCommand(string? Text);
}

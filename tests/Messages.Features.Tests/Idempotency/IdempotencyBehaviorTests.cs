using System.Text.Json.Serialization;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Errors;
using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;
using Messages.Features.Tests.Authorization;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Messages.Features.Tests.Idempotency;

public sealed class IdempotencyBehaviorTests
{
    private readonly IIdempotencyStore _store = Substitute.For<IIdempotencyStore>();
    private readonly List<Create> _handled = [];
    private Func<Create, Answer> _handler = command => new Answer($"made {command.Text}");

    [Fact]
    public async Task Handle_NoKey_RunsHandlerWithoutTouchingTheStore()
    {
        var answer = await Behavior().Handle(new Create("a"), Next, CancellationToken.None);

        Assert.Equal("made a", answer.Value);
        Assert.Single(_handled);
        Assert.Empty(_store.ReceivedCalls());
    }

    [Fact]
    public async Task Handle_KeyAcquired_RunsHandlerWithClaimAndStoresItsAnswer()
    {
        var claim = AcquireReturns();

        var answer = await Behavior().Handle(new Create("a") { IdempotencyKey = "\"key-1\"" }, Next, CancellationToken.None);

        Assert.Equal("made a", answer.Value);
        Assert.Same(claim, Assert.Single(_handled).Claim);
        await _store.Received(1).ClaimAsync(Arg.Is<IdempotentRequest>(request => request.Key == "key-1" && request.Scope == "auth0|alice"), Arg.Any<CancellationToken>());
        await _store.Received(1).CompleteAsync(claim, """{"value":"made a"}""", Arg.Any<CancellationToken>());
        await _store.DidNotReceiveWithAnyArgs().ReleaseAsync(default!, default);
    }

    [Fact]
    public async Task Handle_HandlerStoredTheAnswerItself_DoesNotCompleteAgain()
    {
        AcquireReturns();
        _handler = command =>
        {
            command.Claim!.MarkCompleted();
            return new Answer("stored with the write");
        };

        await Behavior().Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None);

        await _store.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task Handle_KeyCompletedBefore_ReplaysTheStoredAnswerWithoutRunningTheHandler()
    {
        _store.ClaimAsync(Arg.Any<IdempotentRequest>(), Arg.Any<CancellationToken>())
            .Returns(call => IdempotencyClaim.Completed(call.Arg<IdempotentRequest>(), """{"value":"first answer"}"""));

        var answer = await Behavior().Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None);

        Assert.Equal("first answer", answer.Value);
        Assert.Empty(_handled);
    }

    [Theory]
    [InlineData(IdempotencyOutcome.InProgress, IdempotencyErrorKind.InProgress, "idempotency_key_in_progress")]
    [InlineData(IdempotencyOutcome.KeyReused, IdempotencyErrorKind.KeyReused, "idempotency_key_reused")]
    public async Task Handle_KeyNotAvailable_ThrowsWithCodeWithoutRunningTheHandler(IdempotencyOutcome outcome, IdempotencyErrorKind kind, string code)
    {
        _store.ClaimAsync(Arg.Any<IdempotentRequest>(), Arg.Any<CancellationToken>()).Returns(call => outcome == IdempotencyOutcome.InProgress
            ? IdempotencyClaim.InProgress(call.Arg<IdempotentRequest>())
            : IdempotencyClaim.KeyReused(call.Arg<IdempotentRequest>()));

        var error = await Assert.ThrowsAsync<IdempotencyError>(() =>
            Behavior().Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None).AsTask());

        Assert.Equal(kind, error.Kind);
        Assert.Equal(code, error.Code);
        Assert.Empty(_handled);
    }

    [Fact]
    public async Task Handle_HandlerFails_ReleasesTheKeyAndRethrows()
    {
        var claim = AcquireReturns();
        _handler = _ => throw new InvalidOperationException("database down");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Behavior().Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None).AsTask());

        Assert.Equal("database down", error.Message);
        await _store.Received(1).ReleaseAsync(claim, Arg.Any<CancellationToken>());
        await _store.DidNotReceiveWithAnyArgs().CompleteAsync(default!, default!, default);
    }

    [Fact]
    public async Task Handle_CallerWithoutSubject_RefusesInsteadOfSharingKeys()
    {
        var user = FakeUser.WithClaims();
        user.Subject.Returns((string?)null);

        var error = await Assert.ThrowsAsync<ResourceError>(() =>
            Behavior(user).Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None).AsTask());

        Assert.Equal("subject_missing", error.Code);
        Assert.Empty(_handled);
        Assert.Empty(_store.ReceivedCalls());
    }

    [Fact]
    public async Task Handle_DifferentCallersSameKey_ClaimDifferentScopes()
    {
        AcquireReturns();
        var bob = FakeUser.WithClaims();
        bob.Subject.Returns("auth0|bob");

        await Behavior().Handle(new Create("a") { IdempotencyKey = "shared" }, Next, CancellationToken.None);
        await Behavior(bob).Handle(new Create("a") { IdempotencyKey = "shared" }, Next, CancellationToken.None);

        var scopes = _store.ReceivedCalls().Where(call => call.GetMethodInfo().Name == nameof(IIdempotencyStore.ClaimAsync))
            .Select(call => ((IdempotentRequest)call.GetArguments()[0]!).Scope);
        Assert.Equal(["auth0|alice", "auth0|bob"], scopes);
    }

    [Fact]
    public async Task Handle_CompletingFailsBecauseTheLockWasLost_PropagatesInProgress()
    {
        AcquireReturns();
        _store.CompleteAsync(Arg.Any<IdempotencyClaim>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(IdempotencyError.InProgress());

        var error = await Assert.ThrowsAsync<IdempotencyError>(() =>
            Behavior().Handle(new Create("a") { IdempotencyKey = "key-1" }, Next, CancellationToken.None).AsTask());

        Assert.Equal(IdempotencyErrorKind.InProgress, error.Kind);
    }

    [Fact]
    public async Task Send_CreateMessageWithKey_StoreGetsTheClaimWithTheMessage()
    {
        var claim = AcquireReturns();
        var messages = Substitute.For<IMessageStore>();
        await using var provider = Features(messages);

        var message = await provider.GetRequiredService<ISender>().Send(new CreateMessage.Command("hi") { IdempotencyKey = "key-1" });

        await messages.Received(1).AddAsync(message, claim, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Send_CreateMessageWithInvalidKey_FailsValidationBeforeAnyClaim()
    {
        var messages = Substitute.For<IMessageStore>();
        await using var provider = Features(messages);

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            provider.GetRequiredService<ISender>().Send(new CreateMessage.Command("hi") { IdempotencyKey = new string('k', 256) }).AsTask());

        Assert.Equal(nameof(CreateMessage.Command.IdempotencyKey), Assert.Single(error.Errors).PropertyName);
        Assert.Empty(_store.ReceivedCalls());
    }

    // The real generated pipeline: authorization, validation, idempotency, handler.
    private ServiceProvider Features(IMessageStore messages) =>
        FeaturePipeline.Build(FakeUser.WithClaims(("scope", "write:messages")), messages, _store);

    private IdempotencyBehavior<Create, Answer> Behavior(ICurrentUser? user = null) => new(_store, user ?? FakeUser.WithClaims());

    private IdempotencyClaim AcquireReturns()
    {
        // The same instance for every call of this test, so assertions can compare it.
        var fixedClaim = IdempotencyClaim.Acquired(new IdempotentRequest("auth0|alice", "key-1", "f"), "lock-1");
        _store.ClaimAsync(Arg.Any<IdempotentRequest>(), Arg.Any<CancellationToken>()).Returns(fixedClaim);
        return fixedClaim;
    }

    private ValueTask<Answer> Next(Create command, CancellationToken cancellationToken)
    {
        _handled.Add(command);
        return ValueTask.FromResult(_handler(command));
    }

    [RequiresScope("write:messages")]
    public sealed record Create(string Text) : ICommand<Answer>, IIdempotentCommand
    {
        [JsonIgnore]
        public string? IdempotencyKey { get; init; }

        [JsonIgnore]
        public IdempotencyClaim? Claim { get; init; }

        IIdempotentCommand IIdempotentCommand.WithClaim(IdempotencyClaim claim) => this with { Claim = claim };
    }

    public sealed record Answer(string Value);
}

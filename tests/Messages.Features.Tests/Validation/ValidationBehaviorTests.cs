using FluentValidation;
using Mediator;
using Messages.Features.Authorization;
using Messages.Features.MessageBoard;
using Messages.Features.Tests.Authorization;
using Messages.Features.Validation;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messages.Features.Tests.Validation;

public sealed class ValidationBehaviorTests
{
    private bool _handlerRan;

    [Fact]
    public async Task Handle_InvalidRequest_ThrowsEveryFailureAndSkipsHandler()
    {
        var behavior = new ValidationBehavior<ReadRequest, string>([new AlwaysFails("First"), new AlwaysFails("Second")]);

        var error = await Assert.ThrowsAsync<ValidationException>(() => behavior.Handle(new ReadRequest(), Next, CancellationToken.None).AsTask());

        Assert.Equal(["First", "Second"], error.Errors.Select(failure => failure.PropertyName));
        Assert.False(_handlerRan);
    }

    [Fact]
    public async Task Handle_ValidRequest_RunsHandler()
    {
        var behavior = new ValidationBehavior<ReadRequest, string>([new InlineValidator<ReadRequest>()]);

        var result = await behavior.Handle(new ReadRequest(), Next, CancellationToken.None);

        Assert.Equal("handled", result);
        Assert.True(_handlerRan);
    }

    [Fact]
    public async Task Handle_RequestWithoutValidators_RunsHandler()
    {
        var behavior = new ValidationBehavior<ReadRequest, string>([]);

        var result = await behavior.Handle(new ReadRequest(), Next, CancellationToken.None);

        Assert.Equal("handled", result);
    }

    [Fact]
    public async Task Send_InvalidCommandFromAnonymousCaller_ThrowsUnauthenticatedNotValidation()
    {
        var store = Substitute.For<IMessageStore>();

        var error = await Assert.ThrowsAsync<AuthError>(() => SendAsync(new CreateMessage.Command(Text: null), FakeUser.Anonymous(), store));

        Assert.Equal(AuthErrorKind.Unauthenticated, error.Kind);
        await store.DidNotReceiveWithAnyArgs().AddAsync(default!, default, default);
    }

    [Fact]
    public async Task Send_InvalidCommandFromCallerWithoutScope_ThrowsForbiddenNotValidation()
    {
        var store = Substitute.For<IMessageStore>();

        var error = await Assert.ThrowsAsync<AuthError>(() =>
            SendAsync(new CreateMessage.Command(Text: null), FakeUser.WithClaims(("scope", "read:messages")), store));

        Assert.Equal(AuthErrorKind.Forbidden, error.Kind);
    }

    [Fact]
    public async Task Send_InvalidCommandFromAuthorizedCaller_ThrowsValidationAndStoresNothing()
    {
        var store = Substitute.For<IMessageStore>();

        var error = await Assert.ThrowsAsync<ValidationException>(() =>
            SendAsync(new CreateMessage.Command(Text: " "), FakeUser.WithClaims(("scope", "write:messages")), store));

        Assert.Equal("Text", Assert.Single(error.Errors).PropertyName);
        await store.DidNotReceiveWithAnyArgs().AddAsync(default!, default, default);
    }

    private static async Task<BoardMessage> SendAsync(CreateMessage.Command command, ICurrentUser user, IMessageStore store)
    {
        await using var provider = FeaturePipeline.Build(user, store);
        return await provider.GetRequiredService<ISender>().Send(command);
    }

    private ValueTask<string> Next(ReadRequest request, CancellationToken cancellationToken)
    {
        _handlerRan = true;
        return ValueTask.FromResult("handled");
    }

    private sealed class AlwaysFails : AbstractValidator<ReadRequest>
    {
        public AlwaysFails(string property) => RuleFor(request => request).Must(_ => false).OverridePropertyName(property);
    }
}

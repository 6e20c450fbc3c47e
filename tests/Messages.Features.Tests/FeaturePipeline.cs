using Messages.Features.Authorization;
using Messages.Features.Idempotency;
using Messages.Features.MessageBoard;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;

namespace Messages.Features.Tests;

/// <summary>
/// The real generated mediator with every behavior (authorization, validation, idempotency) and the
/// handlers, over fakes of what the host provides: the caller and the stores.
/// </summary>
public static class FeaturePipeline
{
    public static ServiceProvider Build(ICurrentUser user, IMessageStore? messages = null, IIdempotencyStore? idempotency = null) =>
        new ServiceCollection()
            .AddFeatures()
            .AddSingleton(user)
            .AddSingleton(messages ?? Substitute.For<IMessageStore>())
            .AddSingleton(idempotency ?? Substitute.For<IIdempotencyStore>())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
}

using Mediator;
using Messages.Features.Authorization;
using Messages.Features.Quickstart;

namespace Messages.Features.Tests.Authorization;

/// <summary>Fail closed at build time too: no request type in Messages.Features may leave its caller undeclared.</summary>
public sealed class RequestDeclarationTests
{
    private static readonly Type[] _requestTypes = typeof(FeaturesServiceCollectionExtensions).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(type))
        .ToArray();

    public static TheoryData<Type> RequestTypes() => new(_requestTypes);

    [Fact]
    public void Features_DeclareRequestTypes()
    {
        Assert.Contains(typeof(GetPublicMessage.Query), _requestTypes);
        Assert.Contains(typeof(GetPrivateMessage.Query), _requestTypes);
        Assert.Contains(typeof(GetPrivateScopedMessage.Query), _requestTypes);
    }

    [Theory]
    [MemberData(nameof(RequestTypes))]
    public void RequestType_DeclaresItsCaller(Type requestType)
    {
        var requirement = AuthRequirement.For(requestType);

        Assert.True(requirement.IsDeclared,
            $"{requestType.FullName} must declare [Public], [RequiresAuth] or [RequiresScope] (found: {requirement.Kind}).");
    }
}

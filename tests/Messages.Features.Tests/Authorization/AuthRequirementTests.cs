using Messages.Features.Authorization;
using Messages.Features.Quickstart;

namespace Messages.Features.Tests.Authorization;

public sealed class AuthRequirementTests
{
    [Theory]
    [InlineData(typeof(PublicRequest), AuthRequirementKind.Public)]
    [InlineData(typeof(AuthRequest), AuthRequirementKind.Authenticated)]
    [InlineData(typeof(ReadRequest), AuthRequirementKind.Authenticated)]
    [InlineData(typeof(UndeclaredRequest), AuthRequirementKind.Undeclared)]
    [InlineData(typeof(ConflictingRequest), AuthRequirementKind.Conflicting)]
    public void For_AttributesOnType_GiveKind(Type requestType, AuthRequirementKind expected)
    {
        var requirement = AuthRequirement.For(requestType);

        Assert.Equal(expected, requirement.Kind);
    }

    [Fact]
    public void For_SeveralScopes_ListsEveryScope()
    {
        var requirement = AuthRequirement.For(typeof(ReadWriteRequest));

        Assert.Equal(["read:messages", "write:messages"], requirement.Scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Of_SameType_ReturnsCachedInstance()
    {
        var first = AuthRequirement.Of<ReadRequest>();
        var second = AuthRequirement.Of<ReadRequest>();

        Assert.Same(first, second);
    }

    [Fact]
    public void For_NestedRequest_IsNamedAfterItsSlice()
    {
        var requirement = AuthRequirement.For(typeof(GetPrivateScopedMessage.Query));

        Assert.Equal("GetPrivateScopedMessage", requirement.RequestName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("read:messages write:messages")]
    public void RequiresScope_BlankOrSeveralScopes_Throws(string scope)
    {
        Assert.ThrowsAny<ArgumentException>(() => new RequiresScopeAttribute(scope));
    }
}

using Messages.Features.Authorization;
using Messages.Features.MessageBoard;
using Messages.Features.Quickstart;

namespace Messages.Features.Tests.Authorization;

public sealed class ScopesTests
{
    [Fact]
    public void All_ListsEachConstantWithItsDescription_InDeclarationOrder()
    {
        var names = Scopes.All.Select(scope => scope.Name);

        Assert.Equal([Scopes.ReadMessages, Scopes.WriteMessages], names);
        Assert.All(Scopes.All, scope => Assert.False(string.IsNullOrWhiteSpace(scope.Description), scope.Name));
    }

    [Fact]
    public void RequestTypes_RequireOnlyCatalogScopes()
    {
        Type[] scoped = [typeof(GetPrivateScopedMessage.Query), typeof(ListMessages.Query), typeof(GetMessage.Query), typeof(CreateMessage.Command), typeof(DeleteMessage.Command)];

        var required = scoped.SelectMany(type => AuthRequirement.For(type).Scopes).Distinct();

        Assert.All(required, scope => Assert.Contains(scope, Scopes.All.Select(defined => defined.Name)));
    }
}

namespace Messages.Analyzers.Tests.Build;

/// <summary>Tests that run real builds: one at a time, so two compilers do not share two cores.</summary>
[CollectionDefinition(Name)]
public sealed class BuildCollection
{
    public const string Name = "Real builds";
    public const string Trait = "Build";
}

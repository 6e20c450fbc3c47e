namespace Messages.Features.Authorization;

/// <summary>
/// The request needs a valid access token that grants <see cref="Scope"/>. A scope implies
/// authentication; several attributes on one request mean every scope is needed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RequiresScopeAttribute : Attribute
{
    public RequiresScopeAttribute(string scope)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        if (scope.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("A scope is a single token without white space.", nameof(scope));
        }

        Scope = scope;
    }

    public string Scope { get; }
}

using System.ComponentModel;
using System.Reflection;

namespace Messages.Features.Authorization;

/// <summary>
/// Every scope the API defines, declared once with its description. <see cref="RequiresScopeAttribute"/>
/// takes one of these constants (analyzer MAPI003 refuses anything else, MAPI005 a constant without a
/// description); the OpenAPI document, the README and the token command's help list <see cref="All"/>.
/// </summary>
public static class Scopes
{
    [Description("Read messages: list them, get one, and the quickstart's private-scoped route.")]
    public const string ReadMessages = "read:messages";

    [Description("Write messages: create them, and delete your own.")]
    public const string WriteMessages = "write:messages";

    /// <summary>Each scope with its description, in declaration order.</summary>
    public static IReadOnlyList<ScopeDefinition> All { get; } = Read();

    private static ScopeDefinition[] Read() =>
        [.. typeof(Scopes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral)
            .OrderBy(field => field.MetadataToken)
            .Select(field => new ScopeDefinition(
                (string)field.GetRawConstantValue()!,
                field.GetCustomAttribute<DescriptionAttribute>()?.Description
                    ?? throw new InvalidOperationException($"Scopes.{field.Name} needs a [Description].")))];
}

/// <summary>A scope of the catalog: its name as tokens carry it, and what it lets a caller do.</summary>
public sealed record ScopeDefinition(string Name, string Description);

using System.Globalization;
using Messages.Api.DevelopmentIssuer;

namespace Messages.LocalIssuer;

/// <summary>
/// A folder of signing keys (<c>key-&lt;UTC time&gt;.pem</c>): all are published, the newest signs.
/// </summary>
public static class KeyFolder
{
    public static string[] Paths(string folder) =>
        [.. Directory.GetFiles(folder, "key-*.pem").Order(StringComparer.Ordinal)];

    public static DevelopmentSigningKey AddKey(string folder)
    {
        Directory.CreateDirectory(folder);
        var name = $"key-{DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}.pem";
        return DevelopmentSigningKey.LoadOrCreate(Path.Combine(folder, name));
    }

    public static DevelopmentSigningKey Newest(string folder) =>
        DevelopmentSigningKey.LoadOrCreate(Paths(folder).LastOrDefault()
            ?? throw new InvalidOperationException($"No key-*.pem in {folder}: run new-key first."));

    public static IReadOnlyList<IReadOnlyDictionary<string, string>> PublicKeys(string folder)
    {
        var keys = new List<IReadOnlyDictionary<string, string>>();
        foreach (var path in Paths(folder))
        {
            using var key = DevelopmentSigningKey.LoadOrCreate(path);
            keys.Add(key.PublicJwk());
        }

        return keys;
    }
}

using System.Diagnostics;
using Messages.Api.DevelopmentIssuer;

namespace Messages.ClusterLoad;

/// <summary>The local cluster as deploy/local-cluster.sh describes it in its cluster.env file.</summary>
public sealed class Cluster
{
    private readonly Dictionary<string, string> _values;

    private Cluster(string folder, string control, Dictionary<string, string> values)
    {
        Folder = folder;
        Control = control;
        _values = values;
    }

    public string Folder { get; }

    public string Control { get; }

    public Uri Nginx => new(_values["NGINX_URL"]);

    public IReadOnlyList<Uri> Instances => [.. _values["API_URLS"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url))];

    public string Issuer => _values["ISSUER"];

    public string Audience => _values["AUDIENCE"];

    public string Database => _values["DATABASE"];

    public static Cluster Load(string folder, string control)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(folder, "cluster.env")))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[line[..equals]] = line[(equals + 1)..].Trim('"');
            }
        }

        if (values.GetValueOrDefault("ISSUER_KIND") != "local")
        {
            throw new InvalidOperationException("The scenarios need the cluster's local issuer (to mint tokens and rotate its key).");
        }

        return new Cluster(folder, control, values);
    }

    /// <summary>Tokens for <paramref name="subjects"/>, signed with the issuer's newest key.</summary>
    public IReadOnlyList<Caller> MintCallers(int subjects, string generation)
    {
        var newest = Directory.GetFiles(_values["KEYS_DIR"], "key-*.pem").Order(StringComparer.Ordinal).Last();
        using var key = DevelopmentSigningKey.LoadOrCreate(newest);
        return [.. Enumerable.Range(0, subjects).Select(i =>
        {
            var subject = $"load-{generation}-{i:D2}";
            return new Caller(subject, key.CreateToken(Audience, subject, "read:messages write:messages", [], TimeSpan.FromHours(1), Issuer), key.KeyId);
        })];
    }

    /// <summary>A new signing key, made now (RSA key generation is slow on a busy machine) and published later.</summary>
    public static string PrepareKey()
    {
        var path = Path.Combine(Path.GetTempPath(), $"messages-cluster-next-{Guid.NewGuid():N}.pem");
        DevelopmentSigningKey.LoadOrCreate(path).Dispose();
        return path;
    }

    /// <summary>
    /// Moves a prepared key into the issuer's key folder (as <c>Messages.LocalIssuer new-key</c> would
    /// name it): from this instant the JWKS publishes it and new tokens are signed with it.
    /// </summary>
    public void PublishKey(string preparedPath) =>
        File.Move(preparedPath, Path.Combine(_values["KEYS_DIR"], $"key-{DateTime.UtcNow:yyyyMMddHHmmssfff}.pem"));

    /// <summary>A token signed by a key the issuer never published: an unknown <c>kid</c> for every instance.</summary>
    public string StrayToken()
    {
        var path = Path.Combine(Path.GetTempPath(), $"messages-cluster-stray-{Guid.NewGuid():N}.pem");
        try
        {
            using var key = DevelopmentSigningKey.LoadOrCreate(path);
            return key.CreateToken(Audience, "load-stray", "read:messages", [], TimeSpan.FromMinutes(10), Issuer);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Runs <c>bash deploy/local-cluster.sh &lt;arguments&gt;</c>; its output is printed with a prefix.</summary>
    public async Task<int> RunControlAsync(string arguments, Action<string> print, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Control);
        foreach (var argument in arguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MESSAGES_CLUSTER_DIR"] = Folder;
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text) { print(text); } };
        process.ErrorDataReceived += (_, line) => { if (line.Data is { Length: > 0 } text) { print(text); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }
}

public sealed record Caller(string Subject, string Token, string KeyId);

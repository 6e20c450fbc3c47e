using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;

namespace Messages.ClusterLoad;

/// <summary>After the load: what the client was told is what every instance and the database hold.</summary>
public static class Verification
{
    /// <summary>Every create answered 201 and not deleted is read back from every instance, directly.</summary>
    public static async Task<List<string>> ReadBackAsync(HttpClient http, Cluster cluster, Load load, Action<string> print)
    {
        var problems = new List<string>();
        var deleted = load.DeletedIds.ToHashSet(StringComparer.Ordinal);
        var readable = load.Created.Where(created => !deleted.Contains(created.Id)).ToArray();
        using var gate = new SemaphoreSlim(16);
        var reads = 0;
        foreach (var instance in cluster.Instances)
        {
            await Task.WhenAll(readable.Select(async created =>
            {
                await gate.WaitAsync();
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(instance, $"api/messages/{created.Id}"));
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", created.Caller.Token);
                    using var response = await http.SendAsync(request);
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    Interlocked.Increment(ref reads);
                    if (response.StatusCode != HttpStatusCode.OK || body.RootElement.GetProperty("text").GetString() != created.Text)
                    {
                        lock (problems)
                        {
                            problems.Add($"{instance} answered {(int)response.StatusCode} for created message {created.Id}");
                        }
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        print($"read back: {readable.Length} messages answered 201 and not deleted, x {cluster.Instances.Count} instances = {reads} direct reads, {problems.Count} wrong");
        return problems;
    }

    /// <summary>Rows in PostgreSQL by Idempotency-Key (the key is in the text): one per key, none once deleted.</summary>
    public static async Task<List<string>> CountByKeyAsync(Cluster cluster, string runId, Load load, Action<string> print)
    {
        var rows = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var source = NpgsqlDataSource.Create(cluster.Database))
        await using (var command = source.CreateCommand("SELECT id, text FROM messages WHERE text LIKE @prefix"))
        {
            command.Parameters.AddWithValue("prefix", $"load {runId} %");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var text = reader.GetString(1);
                if (!rows.TryGetValue(text, out var ids))
                {
                    rows[text] = ids = [];
                }

                ids.Add(reader.GetString(0));
            }
        }

        var problems = new List<string>();
        var deleted = load.DeletedIds.ToHashSet(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var created in load.Created)
        {
            known.Add(created.Text);
            var ids = rows.GetValueOrDefault(created.Text) ?? [];
            var expected = deleted.Contains(created.Id) ? 0 : 1;
            if (ids.Count > 1)
            {
                problems.Add($"key {created.Key} is stored {ids.Count} times");
            }
            else if (ids.Count != expected || (expected == 1 && ids[0] != created.Id))
            {
                problems.Add($"key {created.Key}: answered id {created.Id}, stored [{string.Join(", ", ids)}], deleted: {expected == 0}");
            }
        }

        var unsettled = 0;
        foreach (var (key, text, _) in load.FailedCreates)
        {
            known.Add(text);
            var count = rows.GetValueOrDefault(text)?.Count ?? 0;
            unsettled += count;
            if (count > 1)
            {
                problems.Add($"key {key} (create not answered 201) is stored {count} times");
            }
        }

        problems.AddRange(rows.Keys.Where(text => !known.Contains(text)).Select(text => $"a message no create asked for: {text}"));
        var duplicates = rows.Values.Count(ids => ids.Count > 1);
        print($"database: {rows.Count} keys with rows, {rows.Values.Sum(ids => ids.Count)} rows; keys stored more than once: {duplicates}; "
            + $"creates answered 201: {load.Created.Count} (deleted since: {deleted.Count}); creates never answered 201: {load.FailedCreates.Count} (of which stored: {unsettled})");
        return problems;
    }
}

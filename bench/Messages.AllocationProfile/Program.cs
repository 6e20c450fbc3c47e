using System.Diagnostics.Tracing;
using System.Globalization;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

// What a running process allocates per request, by type, over a window of load:
//   dotnet Messages.AllocationProfile.dll <pid> <seconds> [types to list]
// The runtime samples allocations (an AllocationTick event about every 100 KB, naming the type that
// crossed it), so the figures are estimates that converge over many requests; requests are counted by
// ASP.NET Core's own "total-requests" counter over the same window.
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Messages.AllocationProfile <pid> <seconds> [types]");
    return 2;
}

var processId = int.Parse(args[0], CultureInfo.InvariantCulture);
var window = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
var listed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 25;

var providers = new[]
{
    new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.GC),
    new EventPipeProvider("Microsoft.AspNetCore.Hosting", EventLevel.Informational, 0,
        new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" }),
};
using var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false);
using var source = new EventPipeEventSource(session.EventStream);

var bytesByType = new Dictionary<string, long>(StringComparer.Ordinal);
double? firstTotal = null, lastTotal = null;
DateTime? windowStart = null;
source.Clr.GCAllocationTick += allocation =>
{
    // Counted from the first requests count on, so that both figures cover the same window.
    if (firstTotal is not null)
    {
        var type = allocation.TypeName ?? "(unknown)";
        bytesByType[type] = bytesByType.GetValueOrDefault(type) + allocation.AllocationAmount64;
    }
};
source.Dynamic.All += traced =>
{
    if (traced.EventName == "EventCounters"
        && traced.PayloadValue(0) is IDictionary<string, object> payload
        && payload.TryGetValue("Payload", out var fields) && fields is IDictionary<string, object> counter
        && counter.TryGetValue("Name", out var name) && (string)name == "total-requests"
        && counter.TryGetValue("Mean", out var value))
    {
        var total = Convert.ToDouble(value, CultureInfo.InvariantCulture);
        windowStart ??= traced.TimeStamp;
        firstTotal ??= total;
        lastTotal = total;
        if (traced.TimeStamp - windowStart >= window)
        {
            session.Stop();
        }
    }
};
source.Process();

var requests = (lastTotal ?? 0) - (firstTotal ?? 0);
if (requests <= 0)
{
    Console.Error.WriteLine("allocations: no requests counted (is the process an ASP.NET Core app under load?)");
    return 1;
}

var allocated = bytesByType.Values.Sum();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocated: {allocated / requests:F0} bytes per request ({requests:F0} requests)"));
foreach (var (type, bytes) in bytesByType.OrderByDescending(entry => entry.Value).Take(listed))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / requests,8:F0}  {type}"));
}

return 0;

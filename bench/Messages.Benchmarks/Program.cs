using BenchmarkDotNet.Running;
using Messages.Benchmarks;

// dotnet run -c Release --project bench/Messages.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/Messages.Benchmarks -- event-cpu [events]
if (args is ["event-cpu", ..])
{
    RequestEventCpu.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(TokenValidationBenchmarks).Assembly).Run(args);

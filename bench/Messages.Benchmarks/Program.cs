using BenchmarkDotNet.Running;
using Messages.Benchmarks;

// dotnet run -c Release --project bench/Messages.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(TokenValidationBenchmarks).Assembly).Run(args);

using AzSecAnalyzers.Benchmarks;

try
{
    var options = BenchmarkOptions.Parse(args);
    if (options.Help)
    {
        Console.WriteLine(BenchmarkOptions.Usage);
        return 0;
    }

    return await Benchmark.RunAsync(options, Console.Out).ConfigureAwait(false);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

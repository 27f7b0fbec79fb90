using RepairDispatch.Benchmarks;

// Benchmark driver for RepairDispatch (see docs/benchmarks.md; bench/run.sh runs the whole thing).
//   seed --db PATH [--orders 100000] [--spare-appliances 40000]
//   run  --db PATH --url http://127.0.0.1:PORT --admin-password PW [--seconds 10] [--warmup 3] [--concurrency 16]
//        [--mixed-seconds 20] [--mixed-rps 200] [--mixed-get-share 0.8] [--phases api-get,baseline-read,api-post,baseline-insert,mixed]
//   free-port                              prints a free TCP port on 127.0.0.1
//   wait-ready --url URL [--timeout 60]    waits until URL/health/ready answers 200
// Exit code of run: 0 every goal met, 1 a goal missed, 2 errors (failed requests, bad arguments).
try
{
    var options = Options.Parse(args.Skip(1));
    return args.FirstOrDefault() switch
    {
        "seed" => await Seeder.RunAsync(options),
        "run" => await Runner.RunAsync(options),
        "free-port" => Tools.FreePort(),
        "wait-ready" => await Tools.WaitReadyAsync(options),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RepairDispatch.Benchmarks seed --db PATH [--orders 100000] [--spare-appliances 40000]
               RepairDispatch.Benchmarks run  --db PATH --url http://127.0.0.1:PORT --admin-password PW
                   [--seconds 10] [--warmup 3] [--concurrency 16] [--mixed-seconds 20] [--mixed-rps 200] [--mixed-get-share 0.8]
                   [--phases api-get,baseline-read,api-post,baseline-insert,mixed]
               RepairDispatch.Benchmarks free-port
               RepairDispatch.Benchmarks wait-ready --url http://127.0.0.1:PORT [--timeout 60]
        """);
    return 2;
}

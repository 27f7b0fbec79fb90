using RepairDispatch.Benchmarks;
using RepairDispatch.Benchmarks.Planning;

// Benchmark driver for RepairDispatch (see docs/benchmarks.md; bench/run.sh runs the whole thing).
//   seed --db PATH [--orders 100000] [--spare-appliances 40000]
//   run  --db PATH --url http://127.0.0.1:PORT --admin-password PW [--seconds 10] [--warmup 3] [--concurrency 16] [--rounds 5]
//        [--mixed-seconds 20] [--mixed-rps 200] [--mixed-get-share 0.8] [--prewarm 15] [--intake fresh|duplicate] [--pids SERVICE_PIDS]
//        [--bare-url URL of bare-serve: adds the bare-get and bare-post phases] [--phases api-get,baseline-read,api-post,baseline-insert,mixed] (diagnostics: http-live, http-me)
//   settlement-seed --db PATH [--orders 1000000] [--manufacturers 10]   one month of completed manufacturer orders (bench/settlement.sh, bench/statements.sh)
//   chain-seed --db PATH [--stores 50] [--technicians 1000] [--customers 2000000] [--orders 5000000] [--days 730] [--chunk 1000000]
//        a chain's data, set-based (bench/chain.sh)
//   stock-seed --db PATH [--parts 200] [--movements 1000000]   a stock ledger on a chain-seeded database (bench/chain.sh)
//   chain-run  --db PATH --url URL --admin-password PW [--rps 50] [--seconds 30] [--warmup 5] [--sample 20000] [--pids PID]
//        p99 of the chain's list, phone search and get-by-id at a fixed rate (bench/chain.sh)
//   settlement-run  --db PATH --url URL --admin-password PW [--service-pid PID] [--out DIR] [--export-rounds 2]
//   statement-run   --db PATH --url URL --admin-password PW [--service-pid PID] [--out DIR] [--rounds 2]   a 100,000-line XLSX statement (bench/statements.sh)
//   mobile-seed --db PATH [--technicians 200] [--jobs-per-technician 8]   today's assigned jobs (bench/mobile.sh)
//   mobile-run  --db PATH --url URL --admin-password PW [--retry-share 0.1] [--concurrency N] [--pids SERVICE_PID]
//   photos-images --out DIR [--count 800] [--bytes 2097152]   different JPEGs of about that size (bench/photos.sh)
//   photos-run  --db PATH --url URL --admin-password PW --images DIR --scratch DIR [--per-technician 4] [--pid SERVICE_PID]
//   kill-check --db PATH --acked FILE [--final true]   acknowledged orders missing after kill -9, integrity (bench/killtest.sh)
//   soak --urls URL[,URL] --db PATH --admin-password PW --gateway-port PORT [--seconds 600] [--orders-per-second 4] [--pids PID[,PID]]
//        steady mixed load with memory over time and the database checks (bench/soak.sh)
//   bare-serve --db PATH --url URL         the bare HTTP reference endpoint (no service logic), until killed
//   free-port                              prints a free TCP port on 127.0.0.1
//   wait-ready --url URL [--path /health/ready] [--timeout 60]   waits until URL+path answers 200
//   vrptw FILE [--seconds 10] [--threads 0] solves a Solomon VRPTW instance, prints one JSON line (bench/solomon.sh)
//   dayplan [--technicians 40] [--visits 400] [--seed 1] [--seconds 30] [--threads 0] [--day requested|booked]   a generated city day
//        (every request, or what the desk could book of them): optimiser vs greedy baseline (bench/dayplan.sh)
// Exit code of run, settlement-run, mobile-run and photos-run: 0 every goal met (mobile-run: every check passed), 1 a goal missed
// (a check failed), 2 errors (failed requests, bad arguments).
try
{
    // vrptw takes the instance file before its options.
    var positional = args.FirstOrDefault() == "vrptw" ? args.Skip(1).Take(1).ToArray() : [];
    var options = Options.Parse(args.Skip(1 + positional.Length));
    return args.FirstOrDefault() switch
    {
        "vrptw" when positional.Length == 1 => VrptwCommand.Run(positional[0], options),
        "dayplan" => DayPlanCommand.Run(options),
        "seed" => await Seeder.RunAsync(options),
        "run" => await Runner.RunAsync(options),
        "bare-serve" => await BareServer.RunAsync(options),
        "settlement-seed" => await SettlementSeeder.RunAsync(options),
        "settlement-run" => await SettlementBench.RunAsync(options),
        "chain-seed" => await ChainSeeder.RunAsync(options),
        "chain-run" => await ChainBench.RunAsync(options),
        "kpi-seed" => await KpiSeeder.RunAsync(options),
        "kpi-run" => await KpiBench.RunAsync(options),
        "stock-seed" => await StockSeeder.RunAsync(options),
        "statement-run" => await StatementBench.RunAsync(options),
        "mobile-seed" => await MobileSeeder.RunAsync(options),
        "mobile-run" => await MobileBench.RunAsync(options),
        "photos-images" => BenchPhotos.Run(options),
        "photos-run" => await PhotosBench.RunAsync(options),
        "candidates-run" => await CandidatesBench.RunAsync(options),
        "write-load" => await WriteLoad.RunAsync(options),
        "kill-check" => await KillCheck.RunAsync(options),
        "soak" => await RepairDispatch.Benchmarks.Soak.SoakCommand.RunAsync(options),
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
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or Microsoft.Data.Sqlite.SqliteException)
{
    // A setup request that failed or a database not as expected: an error (2), not a missed goal.
    await Console.Error.WriteLineAsync(e.ToString());
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: RepairDispatch.Benchmarks seed --db PATH [--orders 100000] [--spare-appliances 40000]
               RepairDispatch.Benchmarks run  --db PATH --url http://127.0.0.1:PORT --admin-password PW
                   [--seconds 10] [--warmup 3] [--concurrency 16] [--rounds 5] [--mixed-seconds 20] [--mixed-rps 200] [--mixed-get-share 0.8]
                   [--prewarm 15] [--intake fresh|duplicate] [--bare-url http://127.0.0.1:PORT] [--pids PID,PID] [--phases api-get,baseline-read,api-post,baseline-insert,mixed]
                   (diagnostic phases: http-live = GET /health/live, http-me = GET /api/v1/me)
               RepairDispatch.Benchmarks settlement-seed --db PATH [--orders 1000000]
               RepairDispatch.Benchmarks chain-seed --db PATH [--stores 50] [--technicians 1000] [--customers 2000000] [--orders 5000000] [--days 730] [--chunk 1000000]
               RepairDispatch.Benchmarks stock-seed --db PATH [--parts 200] [--movements 1000000]
               RepairDispatch.Benchmarks chain-run --db PATH --url http://127.0.0.1:PORT --admin-password PW [--rps 50] [--seconds 30] [--warmup 5] [--sample 20000] [--pids PID]
               RepairDispatch.Benchmarks settlement-run --db PATH --url http://127.0.0.1:PORT --admin-password PW [--service-pid PID] [--out DIR] [--export-rounds 2]
               RepairDispatch.Benchmarks mobile-seed --db PATH [--technicians 200] [--jobs-per-technician 8]
               RepairDispatch.Benchmarks mobile-run --db PATH --url http://127.0.0.1:PORT --admin-password PW [--retry-share 0.1] [--concurrency N] [--pids PID]
               RepairDispatch.Benchmarks photos-images --out DIR [--count 800] [--bytes 2097152]
               RepairDispatch.Benchmarks photos-run --db PATH --url http://127.0.0.1:PORT --admin-password PW --images DIR --scratch DIR [--per-technician 4] [--pid PID]
               RepairDispatch.Benchmarks candidates-run --url http://127.0.0.1:PORT --admin-password PW [--technicians 200] [--requests 500]
               RepairDispatch.Benchmarks write-load --url http://127.0.0.1:PORT --admin-password PW --out FILE [--seconds 30] [--concurrency 8]
               RepairDispatch.Benchmarks kill-check --db PATH --acked FILE [--final true]
               RepairDispatch.Benchmarks soak --urls URL[,URL] --db PATH --admin-password PW --gateway-port PORT [--seconds 600]
                   [--orders-per-second 4] [--desks 4] [--technicians 20] [--finance 2] [--retry-share 0.05] [--sample-seconds 30] [--pids PID[,PID]] [--drain-seconds 150]
               RepairDispatch.Benchmarks bare-serve --db PATH --url http://127.0.0.1:PORT
               RepairDispatch.Benchmarks free-port
               RepairDispatch.Benchmarks wait-ready --url http://127.0.0.1:PORT [--path /health/ready] [--timeout 60]
               RepairDispatch.Benchmarks vrptw INSTANCE_FILE [--seconds 10] [--threads 0]
               RepairDispatch.Benchmarks dayplan [--technicians 40] [--visits 400] [--seed 1] [--seconds 30] [--threads 0] [--day requested|booked]
        """);
    return 2;
}

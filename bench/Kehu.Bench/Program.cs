using System.Globalization;
using Kehu.Bench;
using Kehu.Bench.Generate;
using Kehu.Bench.Run;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = """
    Kehu benchmark (bench/README.md)

      generate --provider sqlite|postgres --connection "<connection string>"
               [--companies 1000000] [--contacts 2000000] [--records 5000000] [--seed 20261127]

      generate-trade --provider sqlite|postgres --connection "<connection string>"
               [--orders 200000] [--lines-per-order 5] [--customers 20000] [--products 5000] [--years 3] [--seed 20261127]

      run      --base-url http://127.0.0.1:5080 --provider sqlite|postgres --connection "<connection string>"
               [--clients 16] [--duration 30s] [--warmup 5s] [--deep-pages 500]
               [--only <substring>[,<substring>...]] [--results <folder>] [--label <text>]

      run-reports --provider sqlite|postgres --connection "<connection string>" [--base-url http://127.0.0.1:5080]
               [--clients 16] [--duration 20s] [--warmup 5s] [--only <route part>[,...]] [--results <folder>] [--label <text>]
               (without --base-url: the hand SQL only)

      run-export --base-url http://127.0.0.1:5080 --pid <the app's process id>
               [--route /api/v1/stock-moves/export] [--formats xlsx,csv] [--runs 1] [--results <folder>] [--label <text>]

      run-import --base-url http://127.0.0.1:5080 --pid <the app's process id>
               [--companies 100000] [--records 1000000] [--copy-connection "<PostgreSQL connection string>"]
               [--work-dir /tmp] [--results <folder>] [--label <text>]
    """;

void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var options = new Args(args.Skip(1));
    switch (args[0])
    {
        case "generate":
        {
            var o = new GenerateOptions(
                options.Provider(), options.Required("connection"),
                options.Int("companies", 1_000_000), options.Int("contacts", 2_000_000), options.Int("records", 5_000_000),
                options.Int("seed", 20261127));
            options.EnsureAllUsed();
            var result = await new Generator(o, Log).RunAsync();
            var file = Results.Write(Results.DefaultFolder(), $"generate-{result.Provider.ToLowerInvariant()}", result, Results.GenerateMarkdown(result));
            Log($"Wrote {file}");
            return 0;
        }
        case "generate-trade":
        {
            var o = new TradeOptions(
                options.Provider(), options.Required("connection"),
                options.Int("orders", 200_000), options.Int("lines-per-order", 5), options.Int("customers", 20_000),
                options.Int("products", 5_000), options.Int("years", 3), options.Int("seed", 20261127));
            options.EnsureAllUsed();
            if (o.Orders < 1 || o.LinesPerOrder < 1 || o.Customers < 1 || o.Products < 1 || o.Years < 1)
                throw new UsageException("--orders, --lines-per-order, --customers, --products and --years must be at least 1.");
            var result = await new TradeGenerator(o, Log).RunAsync();
            var file = Results.Write(Results.DefaultFolder(), $"generate-trade-{result.Provider.ToLowerInvariant()}", result, Results.TradeMarkdown(result));
            Log($"Wrote {file}");
            return 0;
        }
        case "run":
        {
            var o = new RunOptions(
                new Uri(options.Required("base-url")), options.Provider(), options.Required("connection"),
                options.Int("clients", 16), options.Duration("duration", TimeSpan.FromSeconds(30)),
                options.Duration("warmup", TimeSpan.FromSeconds(5)), options.Int("deep-pages", 500),
                options.Get("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                options.Get("label"));
            var folder = options.Get("results") ?? Results.DefaultFolder();
            options.EnsureAllUsed();
            var report = await new Runner(o, Log).RunAsync();
            var file = Results.Write(folder, $"run-{report.Provider.ToLowerInvariant()}", report, Results.RunMarkdown(report));
            Log($"Wrote {file} (.json and .md)");
            return 0;
        }
        case "run-reports":
        {
            var url = options.Get("base-url");
            var o = new ReportRunOptions(
                url is null ? null : new Uri(url), options.Provider(), options.Required("connection"),
                options.Int("clients", 16), options.Duration("duration", TimeSpan.FromSeconds(20)),
                options.Duration("warmup", TimeSpan.FromSeconds(5)),
                options.Get("only")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [],
                options.Get("label"));
            var folder = options.Get("results") ?? Results.DefaultFolder();
            options.EnsureAllUsed();
            var report = await new ReportRunner(o, Log).RunAsync();
            var file = Results.Write(folder, $"reports-{report.Provider.ToLowerInvariant()}", report, Results.ReportMarkdown(report));
            Log($"Wrote {file} (.json and .md)");
            return 0;
        }
        case "run-export":
        {
            var o = new ExportRunOptions(
                new Uri(options.Required("base-url")), options.Int("pid", 0), options.Get("route") ?? "/api/v1/stock-moves/export",
                (options.Get("formats") ?? "xlsx,csv").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                options.Int("runs", 1), options.Get("label"));
            var folder = options.Get("results") ?? Results.DefaultFolder();
            options.EnsureAllUsed();
            if (o.Pid <= 0) throw new UsageException("--pid is required: the app's process id, whose memory is sampled.");
            var report = await new ExportRunner(o, Log).RunAsync();
            var file = Results.Write(folder, "export", report, ExportRunner.Markdown(report));
            Log($"Wrote {file} (.json and .md)");
            return 0;
        }
        case "run-import":
        {
            var o = new ImportRunOptions(
                new Uri(options.Required("base-url")), options.Int("pid", 0), options.Int("companies", 100_000), options.Int("records", 1_000_000),
                options.Get("copy-connection"), options.Get("work-dir") ?? Path.GetTempPath(), options.Get("label"));
            var folder = options.Get("results") ?? Results.DefaultFolder();
            options.EnsureAllUsed();
            if (o.Pid <= 0) throw new UsageException("--pid is required: the app's process id, whose memory is sampled.");
            if (o.Companies <= 0) throw new UsageException("--companies must be at least 1.");
            var report = await new ImportRunner(o, Log).RunAsync();
            var file = Results.Write(folder, "import", report, ImportRunner.Markdown(report));
            Log($"Wrote {file} (.json and .md)");
            return 0;
        }
        default:
            Console.Error.WriteLine($"Unknown command '{args[0]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (GenerateRefusedException e)
{
    Console.Error.WriteLine($"Refused: {e.Message}");
    return 3;
}
catch (BenchFailedException e)
{
    Console.Error.WriteLine($"Failed: {e.Message}");
    return 4;
}

using System.Diagnostics;

namespace Kehu.Bench.Generate;

/// <summary>The timed phases of a load, shared by the generators: each phase is logged and kept
/// for the result file; <see cref="Load"/> streams one table through the bulk path.</summary>
public abstract class LoadSteps(Action<string> logger)
{
    protected readonly Action<string> log = logger;
    protected readonly List<PhaseResult> phases = [];

    protected async Task Phase(string name, long rows, Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        log($"{name} ...");
        await work();
        Done(name, rows, sw.Elapsed);
    }

    protected void Sync(string name, long rows, Action work)
    {
        var sw = Stopwatch.StartNew();
        log($"{name} ...");
        work();
        Done(name, rows, sw.Elapsed);
    }

    protected void Done(string name, long rows, TimeSpan elapsed)
    {
        var rate = rows > 0 ? rows / Math.Max(elapsed.TotalSeconds, 1e-6) : 0;
        phases.Add(new PhaseResult(name, rows, elapsed.TotalSeconds, Math.Round(rate)));
        log(rows > 0
            ? $"{name}: {rows:N0} rows in {elapsed.TotalSeconds:0.0}s = {rate:N0} rows/s"
            : $"{name}: {elapsed.TotalSeconds:0.0}s");
    }

    protected void Load(BulkTarget db, Table table, long expected, Action<TableWriter> write)
    {
        var sw = Stopwatch.StartNew();
        log($"{table.Name}: loading {expected:N0} rows ...");
        using var writer = new ProgressWriter(db.OpenTable(table), table.Name, expected, sw, log);
        write(writer);
        writer.Complete();
        if (writer.Rows != expected) throw new InvalidOperationException($"{table.Name}: wrote {writer.Rows} rows, expected {expected}.");
        Done(table.Name, writer.Rows, sw.Elapsed);
    }
}

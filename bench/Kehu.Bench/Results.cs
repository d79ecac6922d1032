using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Kehu.Bench.Generate;
using Kehu.Bench.Run;

namespace Kehu.Bench;

/// <summary>Writes a result as JSON and Markdown under bench/results/ (git-ignored).</summary>
public static class Results
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>bench/results beside this project in the repository, else ./results.</summary>
    public static string DefaultFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kehu.slnx"))) return Path.Combine(dir.FullName, "bench", "results");
        }
        return Path.GetFullPath("results");
    }

    public static string Write<T>(string folder, string name, T value, string markdown)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, $"{name}-{DateTime.Now:yyyyMMdd-HHmmss}");
        File.WriteAllText(stem + ".json", JsonSerializer.Serialize(value, Json));
        File.WriteAllText(stem + ".md", markdown);
        return stem + ".json";
    }

    public static string GenerateMarkdown(GenerateResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Data generation — {r.Provider}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{r.Companies:N0} companies ({r.Grams:N0} name bigrams), {r.Contacts:N0} contacts ({r.ContactGrams:N0} search grams), {r.Records:N0} contact records; total {r.TotalSeconds / 60:0.0} min.");
        AppendPhases(sb, r.Phases);
        return sb.ToString();
    }

    public static string TradeMarkdown(TradeResult r)
    {
        var sb = new StringBuilder();
        var o = r.Options;
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Trade data generation — {r.Provider}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{o.Years} years, {o.Orders:N0} sales orders (~{o.LinesPerOrder} lines each), {o.Customers:N0} customers, {o.Products:N0} products, seed {o.Seed}; total {r.TotalSeconds / 60:0.0} min.");
        sb.AppendLine();
        sb.AppendLine("| table | rows |");
        sb.AppendLine("|---|---:|");
        foreach (var (table, rows) in r.FinalRowCounts) sb.AppendLine(CultureInfo.InvariantCulture, $"| {table} | {rows:N0} |");
        AppendPhases(sb, r.Phases);
        return sb.ToString();
    }

    private static void AppendPlans(StringBuilder sb, IReadOnlyList<QueryPlan> plans)
    {
        foreach (var p in plans)
        {
            sb.AppendLine();
            sb.AppendLine(CultureInfo.InvariantCulture, $"### {p.Name}");
            sb.AppendLine();
            sb.AppendLine("```sql");
            sb.AppendLine(p.Sql.Trim());
            sb.AppendLine("```");
            sb.AppendLine();
            sb.AppendLine("```");
            sb.AppendLine(p.Plan.TrimEnd());
            sb.AppendLine("```");
        }
    }

    private static void AppendPhases(StringBuilder sb, IReadOnlyList<PhaseResult> phases)
    {
        sb.AppendLine();
        sb.AppendLine("| phase | rows | seconds | rows/s |");
        sb.AppendLine("|---|---:|---:|---:|");
        foreach (var p in phases)
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {p.Phase} | {(p.Rows > 0 ? p.Rows.ToString("N0", CultureInfo.InvariantCulture) : "")} | {p.Seconds:0.0} | {(p.Rows > 0 ? p.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture) : "")} |");
    }

    public static string RunMarkdown(RunReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Benchmark run — {r.Provider}{(r.Label is null ? "" : " — " + r.Label)}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{r.StartedAt:yyyy-MM-dd HH:mm} · {r.Clients} clients · {r.DurationSeconds:0}s per scenario after {r.WarmupSeconds:0}s warm-up · {r.Companies:N0} companies · {Environment.ProcessorCount} cores");
        sb.AppendLine();
        sb.Append(Table(r, markdown: true));
        sb.AppendLine();
        sb.AppendLine("`vs raw`: the API scenario's requests/s as a share of its raw-SQL baseline's. `load`: the machine's 1-minute load average when the scenario ended. `alt` rows are alternative query shapes, not what the app runs.");
        if (r.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in r.Notes) sb.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        }
        sb.AppendLine();
        sb.AppendLine("## Query plans");
        AppendPlans(sb, r.Plans);
        return sb.ToString();
    }

    /// <summary>The results table; API rows carry their throughput as a share of the raw-SQL baseline.</summary>
    public static string Table(RunReport r, bool markdown)
    {
        var sb = new StringBuilder();
        var rows = r.Scenarios.Select(s => new[]
        {
            s.Name, Ms(s.P50), Ms(s.P95), Ms(s.P99), s.RequestsPerSecond.ToString("0", CultureInfo.InvariantCulture),
            s.RatioToBaseline is { } x ? x.ToString("0%", CultureInfo.InvariantCulture) : "",
            s.Errors > 0 ? s.Errors.ToString(CultureInfo.InvariantCulture) : "",
            s.LoadAverage is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) : "",
            s.Verdict,
        }).ToList();
        string[] head = ["scenario", "p50 ms", "p95 ms", "p99 ms", "req/s", "vs raw", "errors", "load", "targets (p95 <= 100 ms, >= 50% of raw)"];
        if (markdown)
        {
            sb.AppendLine("| " + string.Join(" | ", head) + " |");
            sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        else
        {
            var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(x => x[i].Length))).ToArray();
            string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i == 0 || i == cells.Length - 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
            sb.AppendLine(Line(head));
            sb.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
            foreach (var row in rows) sb.AppendLine(Line(row));
        }
        return sb.ToString();
    }

    public static string ReportMarkdown(ReportRunReport r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"# Report benchmark — {r.Provider}{(r.Label is null ? "" : " — " + r.Label)}");
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{r.StartedAt:yyyy-MM-dd HH:mm} · {r.Clients} clients · {r.DurationSeconds:0}s per scenario after {r.WarmupSeconds:0}s warm-up · {Environment.ProcessorCount} cores · targets: p95 <= {r.P95TargetMs:0} ms, API p95 <= {r.MaxP95Ratio}x its hand SQL");
        sb.AppendLine();
        sb.Append(ReportTable(r, markdown: true));
        var checks = r.Rows.Where(x => x.Check is not null).ToList();
        if (checks.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("## Totals: API against hand SQL");
            sb.AppendLine();
            foreach (var x in checks) sb.AppendLine(CultureInfo.InvariantCulture, $"- {x.Report} ({x.Period}): {x.Check}");
        }
        if (r.Notes.Count > 0)
        {
            sb.AppendLine();
            foreach (var n in r.Notes) sb.AppendLine(CultureInfo.InvariantCulture, $"- {n}");
        }
        sb.AppendLine();
        sb.AppendLine("## Query plans (hand SQL)");
        AppendPlans(sb, r.Plans);
        return sb.ToString();
    }

    /// <summary>One row per report and period: the API's and the hand SQL's latency, their p95 ratio, the verdict.</summary>
    public static string ReportTable(ReportRunReport r, bool markdown)
    {
        string Cell(ScenarioResult? s, Func<ScenarioResult, double> f, bool rate = false) =>
            s is null ? "" : rate ? f(s).ToString("0.0", CultureInfo.InvariantCulture) : Ms(f(s));
        var rows = r.Rows.Select(x => new[]
        {
            x.Report, x.Period, x.Api == "ok" ? "" : x.Api,
            Cell(x.ApiResult, s => s.P50), Cell(x.ApiResult, s => s.P95), Cell(x.ApiResult, s => s.P99), Cell(x.ApiResult, s => s.RequestsPerSecond, true),
            Cell(x.SqlResult, s => s.P50), Cell(x.SqlResult, s => s.P95), Cell(x.SqlResult, s => s.P99), Cell(x.SqlResult, s => s.RequestsPerSecond, true),
            x.P95Ratio is { } q ? q.ToString("0.00", CultureInfo.InvariantCulture) + "x" : "",
            x.SqlResult?.LoadAverage is { } l ? l.ToString("0.0", CultureInfo.InvariantCulture) : "",
            x.Verdict,
        }).ToList();
        string[] head = ["report", "period", "api", "api p50", "api p95", "api p99", "api req/s", "sql p50", "sql p95", "sql p99", "sql req/s", "p95 vs sql", "load", "verdict"];
        var sb = new StringBuilder();
        if (markdown)
        {
            sb.AppendLine("| " + string.Join(" | ", head) + " |");
            sb.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row) + " |");
        }
        else
        {
            var widths = head.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(x => x[i].Length))).ToArray();
            string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i <= 2 || i == cells.Length - 1 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
            sb.AppendLine(Line(head));
            sb.AppendLine(new string('-', widths.Sum() + 2 * (widths.Length - 1)));
            foreach (var row in rows) sb.AppendLine(Line(row));
        }
        return sb.ToString();
    }

    private static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : ms < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
}

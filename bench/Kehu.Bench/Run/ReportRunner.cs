using System.Globalization;
using System.Net;
using System.Text.Json;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Seeding;

namespace Kehu.Bench.Run;

public sealed record ReportRunOptions(
    Uri? BaseUrl, DatabaseProvider Provider, string ConnectionString, int Clients, TimeSpan Duration, TimeSpan Warmup,
    IReadOnlyList<string> Only, string? Label);

/// <summary>One report over one period: the API's figures, its hand-written SQL's, and the verdict.</summary>
public sealed record ReportRow(
    string Report, string Period, string From, string To, string Api, ScenarioResult? ApiResult, ScenarioResult? SqlResult,
    double? P95Ratio, string Verdict, string? Check);

public sealed record ReportRunReport(
    string Provider, string? Label, DateTime StartedAt, int Clients, double DurationSeconds, double WarmupSeconds,
    double P95TargetMs, double MaxP95Ratio, IReadOnlyList<ReportRow> Rows, IReadOnlyList<string> Notes, IReadOnlyList<QueryPlan> Plans);

/// <summary>
/// Measures the analysis reports (src/Kehu.Web/Modules/Analytics/README.md) through the API, as
/// the administrator (who sees everything), for the last 365 days and for the whole range, and
/// the same figures as ONE hand-written SQL query per report over ADO.NET. Before measuring, the
/// totals of the sales reports, 进销存, 客户发展 and 投诉分析 from the API are compared with the hand
/// SQL's, the previous period's (上期) included where the report shows it. A route that
/// is not there yet is reported as not available; its SQL is still measured.
/// </summary>
public sealed class ReportRunner(ReportRunOptions o, Action<string> log)
{
    public const double PostgresP95TargetMs = 1000;
    public const double SqliteP95TargetMs = 2000;
    public const double MaxP95Ratio = 1.5;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly List<string> notes = [];
    private bool Postgres => o.Provider == DatabaseProvider.Postgres;

    public sealed record Period(string Name, DateOnly From, DateOnly To)
    {
        public int Days => To.DayNumber - From.DayNumber + 1;
        public DateOnly PreviousFrom => From.AddDays(-Days);
        /// <summary>The company's local midnight that starts <see cref="From"/>, in UTC.</summary>
        public DateTime FromUtc => TimeZoneInfo.ConvertTimeToUtc(From.ToDateTime(TimeOnly.MinValue), Zone);
        /// <summary>The local midnight after <see cref="To"/>, in UTC (exclusive).</summary>
        public DateTime ToUtc => TimeZoneInfo.ConvertTimeToUtc(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Zone);
        /// <summary>The local midnight that starts the previous period (上期), in UTC.</summary>
        public DateTime PreviousFromUtc => TimeZoneInfo.ConvertTimeToUtc(PreviousFrom.ToDateTime(TimeOnly.MinValue), Zone);
        public string Query => $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
    }

    private sealed record Report(string Route, Func<Period, SqlQuery> Sql, Func<JsonElement, List<object?[]>, Period, string>? Check = null);

    public async Task<ReportRunReport> RunAsync()
    {
        var startedAt = DateTime.Now;
        var target = Postgres ? PostgresP95TargetMs : SqliteP95TargetMs;
        await using var raw = new RawSql(o.Provider, o.ConnectionString);
        var orders = await raw.ScalarAsync("SELECT count(*) FROM sales_orders", default);
        var lines = await raw.ScalarAsync("SELECT count(*) FROM sales_order_lines", default);
        var moves = await raw.ScalarAsync("SELECT count(*) FROM stock_moves", default);
        var firstRow = await raw.RowsAsync(new SqlQuery("SELECT min(order_date) FROM sales_orders", []), default);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));
        var first = firstRow[0][0] is { } f ? AsDate(f) : today;
        Period[] periods = [new("year", today.AddDays(-364), today), new("all", first, today)];
        log($"{o.Provider}: {orders:N0} sales orders, {lines:N0} lines, {moves:N0} stock moves; periods {string.Join(", ", periods.Select(p => $"{p.Name} {p.From:yyyy-MM-dd}..{p.To:yyyy-MM-dd}"))}; " +
            $"{o.Clients} clients, {o.Warmup.TotalSeconds:0}s warm-up + {o.Duration.TotalSeconds:0}s per scenario; target p95 <= {target:0} ms, API p95 <= {MaxP95Ratio}x its SQL.");

        using var kehu = o.BaseUrl is null ? null : new KehuClient(o.BaseUrl, o.Clients);
        using var admin = kehu is null ? null : await kehu.ApiLoginAsync("admin", DemoData.Password);
        if (admin is null) Note("No --base-url: the hand SQL only.");

        var reports = Reports().Where(r => o.Only.Count == 0 || o.Only.Any(x => r.Route.Contains(x, StringComparison.OrdinalIgnoreCase))).ToList();
        var plans = new List<QueryPlan>();
        foreach (var r in reports)
        {
            var q = r.Sql(periods[0]);
            plans.Add(new QueryPlan($"{r.Route} ({periods[0].Name})", q.Sql, await raw.ExplainAsync(q, default)));
        }
        log("Query plans (hand SQL, last 365 days):");
        foreach (var p in plans) log($"  {p.Name}:{Environment.NewLine}{Indent(p.Plan)}");

        var rows = new List<ReportRow>();
        foreach (var r in reports)
        {
            var available = "not measured";
            if (admin is not null)
            {
                var status = await KehuClient.StatusAsync(admin, $"/api/v1/reports/{r.Route}?{periods[0].Query}");
                // An unknown route under /api answers 404, or 401 when the fallback policy meets a bearer token.
                available = status == HttpStatusCode.OK ? "ok" : $"not available ({(int)status})";
                if (status != HttpStatusCode.OK) Note($"/api/v1/reports/{r.Route} answered {(int)status}: reported as not available, its SQL still measured.");
            }
            foreach (var period in periods)
            {
                var sql = r.Sql(period);
                string? check = null;
                if (available == "ok" && r.Check is not null)
                {
                    using var doc = await KehuClient.GetJsonAsync(admin!, $"/api/v1/reports/{r.Route}?{period.Query}");
                    check = r.Check(doc.RootElement, await raw.RowsAsync(sql, default), period);
                    if (check.StartsWith("MISMATCH", StringComparison.Ordinal)) Note($"CHECK FAILED {r.Route} ({period.Name}): {check}");
                    else log($"check {r.Route} ({period.Name}): {check}");
                }
                ScenarioResult? api = null;
                if (available == "ok")
                {
                    var url = $"/api/v1/reports/{r.Route}?{period.Query}";
                    api = await Measure(new Scenario($"api {r.Route} ({period.Name})", (_, ct) => KehuClient.GetAsync(admin!, url, ct)));
                }
                var hand = await Measure(new Scenario($"sql {r.Route} ({period.Name})", async (_, ct) => await raw.RowsAsync(sql, ct)));
                double? ratio = api is not null && hand.P95 > 0 ? api.P95 / hand.P95 : null;
                var misses = new List<string>();
                var measured = api ?? hand;
                if (measured.Errors > 0) misses.Add($"{measured.Errors} errors");
                if (!(measured.P95 <= target)) misses.Add($"{(api is null ? "sql " : "")}p95 {measured.P95:0} > {target:0} ms");
                if (ratio > MaxP95Ratio) misses.Add($"{ratio:0.00}x > {MaxP95Ratio}x its SQL");
                if (check?.StartsWith("MISMATCH", StringComparison.Ordinal) == true) misses.Add("totals differ");
                var verdict = misses.Count == 0 ? (api is null ? "met (sql only)" : "met") : "missed: " + string.Join("; ", misses);
                rows.Add(new ReportRow(r.Route, period.Name, period.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    period.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), available, api, hand, ratio, verdict, check));
            }
        }

        var report = new ReportRunReport(o.Provider.ToString(), o.Label, startedAt, o.Clients, o.Duration.TotalSeconds, o.Warmup.TotalSeconds,
            target, MaxP95Ratio, rows, notes, plans);
        Console.WriteLine();
        Console.Write(Kehu.Bench.Results.ReportTable(report, markdown: false));
        foreach (var n in notes) Console.WriteLine("note: " + n);
        return report;
    }

    private async Task<ScenarioResult> Measure(Scenario s)
    {
        log($"{s.Name} ...");
        // A report over years of data may take longer than the whole scenario under 16 clients.
        var r = await LoadLoop.MeasureAsync(s, o.Clients, o.Warmup, o.Duration, minSamplesPerClient: 1);
        log($"  p50 {r.P50:0.0} ms  p95 {r.P95:0.0} ms  p99 {r.P99:0.0} ms  {r.RequestsPerSecond:0.0} req/s  ({r.Requests:N0} requests{(r.Errors > 0 ? $", {r.Errors} ERRORS: {r.FirstError}" : "")})");
        return r;
    }

    private void Note(string text)
    {
        notes.Add(text);
        log("note: " + text);
    }

    private static string Indent(string text) =>
        string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(l => "      " + l.TrimEnd('\r')));

    // ---- the hand SQL, one statement per report ----

    /// <summary>Parameters in the form each database compares them in: SQLite's TEXT dates and
    /// times as EF Core writes them, PostgreSQL's date and timestamptz.</summary>
    private SqlQuery Q(string sql, Period p) => new(sql,
    [
        ("from", Date(p.From)), ("to", Date(p.To)), ("prevFrom", Date(p.PreviousFrom)),
        ("fromUtc", Time(p.FromUtc)), ("toUtc", Time(p.ToUtc)), ("prevFromUtc", Time(p.PreviousFromUtc)), ("now", Time(DateTime.UtcNow)),
    ]);

    private object Date(DateOnly d) => Postgres ? d : d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private object Time(DateTime t) => Postgres ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The company's local day of a UTC time stamp (Asia/Shanghai has no daylight saving).</summary>
    private string LocalDay(string column) => Postgres ? $"({column} AT TIME ZONE 'Asia/Shanghai')::date" : $"date({column}, '+8 hours')";

    private string Hours(string from, string to) => Postgres
        ? $"extract(epoch FROM ({to} - {from})) / 3600"
        : $"(julianday({to}) - julianday({from})) * 24";

    private const string Counted = "o.state IN (4, 5)";

    private List<Report> Reports()
    {
        SqlQuery ByCustomer(Period p) => Q($"""
            SELECT o.customer_id, c.name, count(*) AS orders, sum(o.total) AS amount
            FROM sales_orders o JOIN companies c ON c.id = o.customer_id
            WHERE {Counted} AND o.order_date >= @from AND o.order_date <= @to
            GROUP BY o.customer_id, c.name
            ORDER BY 4 DESC, 1
            """, p);
        return
        [
            new("sales/by-period", p => Q($"""
                SELECT o.order_date, count(*) AS orders, sum(o.total) AS amount
                FROM sales_orders o
                WHERE {Counted} AND o.order_date >= @prevFrom AND o.order_date <= @to
                GROUP BY o.order_date
                ORDER BY o.order_date
                """, p), CheckByPeriod),
            new("sales/by-salesperson", p => Q($"""
                SELECT o.salesperson_id, u.display_name, count(*) AS orders, sum(o.total) AS amount
                FROM sales_orders o JOIN users u ON u.id = o.salesperson_id
                WHERE {Counted} AND o.order_date >= @from AND o.order_date <= @to
                GROUP BY o.salesperson_id, u.display_name
                ORDER BY 4 DESC, 1
                """, p), CheckRanking),
            new("sales/by-customer", ByCustomer, CheckRanking),
            new("sales/by-product", p => Q($"""
                SELECT l.product_id, pr.code, pr.name, sum(l.quantity) AS quantity, sum(l.amount) AS amount, sum(-m.amount) AS cost
                FROM sales_orders o
                JOIN sales_order_lines l ON l.order_id = o.id
                JOIN products pr ON pr.id = l.product_id
                LEFT JOIN stock_moves m ON m.document_type = 'sales-order' AND m.document_id = o.id AND m.document_line = l.line_no
                WHERE {Counted} AND o.order_date >= @from AND o.order_date <= @to
                GROUP BY l.product_id, pr.code, pr.name
                ORDER BY 5 DESC, 1
                """, p), CheckByProduct),
            new("customers/composition", p => Q(string.Join("\nUNION ALL\n",
                new[] { "level_id", "source_id", "industry_id", "region_id", "status_id", "owner_id" }.Select(c =>
                    $"SELECT '{c}' AS dimension, c.{c} AS value, count(*) AS customers FROM companies c WHERE c.is_customer AND c.created_at < @toUtc GROUP BY c.{c}")), p)),
            new("customers/development", p => Q($"""
                SELECT {LocalDay("c.created_at")} AS day, count(*) AS customers
                FROM companies c
                WHERE c.is_customer AND c.created_at >= @prevFromUtc AND c.created_at < @toUtc
                GROUP BY {LocalDay("c.created_at")}
                ORDER BY 1
                """, p), CheckDevelopment),
            new("customers/activity", p => Q("""
                SELECT 'recorder' AS dimension, r.recorder_id AS value, count(*) AS records
                FROM contact_records r WHERE r.contacted_at >= @fromUtc AND r.contacted_at < @toUtc GROUP BY r.recorder_id
                UNION ALL
                SELECT 'customer', r.company_id, count(*)
                FROM contact_records r WHERE r.contacted_at >= @fromUtc AND r.contacted_at < @toUtc GROUP BY r.company_id
                UNION ALL
                SELECT 'overdue', CAST(NULL AS bigint), count(*)
                FROM contact_records r JOIN companies c ON c.id = r.company_id
                WHERE r.next_contact_at >= @fromUtc AND r.next_contact_at < @toUtc AND r.next_contact_at < @now
                  AND (c.last_contact_at IS NULL OR c.last_contact_at < r.next_contact_at)
                """, p)),
            new("customers/contribution", ByCustomer),
            new("service/complaints", p => Q(string.Join("\nUNION ALL\n",
                new[] { (LocalDay("k.received_at"), "day", "@prevFromUtc"), ("k.company_id", "customer", "@fromUtc"), ("k.product_id", "product", "@fromUtc"), ("k.type_id", "type", "@fromUtc"), ("k.state", "state", "@fromUtc") }
                    .Select(d => $"SELECT '{d.Item2}' AS dimension, CAST({d.Item1} AS text) AS value, count(*) AS complaints FROM complaints k WHERE k.received_at >= {d.Item3} AND k.received_at < @toUtc GROUP BY {d.Item1}")), p), CheckComplaints),
            new("service/resolution", p => Q(Postgres
                ? $"""
                  SELECT count(*), avg(h), percentile_cont(0.9) WITHIN GROUP (ORDER BY h)
                  FROM (SELECT {Hours("k.received_at", "k.closed_at")} AS h FROM complaints k
                        WHERE k.state = 5 AND k.received_at >= @fromUtc AND k.received_at < @toUtc) AS x
                  """
                : $"""
                  WITH x AS (SELECT {Hours("k.received_at", "k.closed_at")} AS h FROM complaints k
                             WHERE k.state = 5 AND k.received_at >= @fromUtc AND k.received_at < @toUtc)
                  SELECT (SELECT count(*) FROM x), (SELECT avg(h) FROM x),
                         (SELECT h FROM x ORDER BY h LIMIT 1 OFFSET (SELECT max(CAST(0.9 * count(*) + 0.9999 AS INTEGER) - 1, 0) FROM x))
                  """, p)),
            new("service/completion", p => Q("""
                SELECT t.service_staff_id, t.status, count(*) AS tickets, avg(t.completion) AS completion, sum(t.service_hours) AS hours
                FROM service_tickets t
                WHERE t.assigned_at >= @fromUtc AND t.assigned_at < @toUtc
                GROUP BY t.service_staff_id, t.status
                """, p)),
            new("inventory", p => Q("""
                SELECT m.product_id,
                       sum(CASE WHEN m.at < @fromUtc THEN m.quantity ELSE 0 END) AS opening_quantity,
                       sum(CASE WHEN m.at < @fromUtc THEN m.amount ELSE 0 END) AS opening_amount,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Receipt' THEN m.quantity ELSE 0 END) AS in_quantity,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Receipt' THEN m.amount ELSE 0 END) AS in_amount,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Issue' THEN -m.quantity ELSE 0 END) AS out_quantity,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Issue' THEN -m.amount ELSE 0 END) AS out_amount,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Adjustment' THEN m.quantity ELSE 0 END) AS adjustment_quantity,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Adjustment' THEN m.amount ELSE 0 END) AS adjustment_amount,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Opening' THEN m.quantity ELSE 0 END) AS opening_entry_quantity,
                       sum(CASE WHEN m.at >= @fromUtc AND m.kind = 'Opening' THEN m.amount ELSE 0 END) AS opening_entry_amount,
                       sum(m.quantity) AS closing_quantity,
                       sum(m.amount) AS closing_amount
                FROM stock_moves m
                WHERE m.at < @toUtc
                GROUP BY m.product_id
                """, p), CheckInventory),
        ];
    }

    // ---- checks: the API's totals against the hand SQL's ----

    private static DateOnly AsDate(object v) => v switch
    {
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        string s => DateOnly.ParseExact(s[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new FormatException($"Not a date: {v}"),
    };

    private static decimal Num(object? v) => v is null ? 0 : Convert.ToDecimal(v, CultureInfo.InvariantCulture);

    private static decimal Json(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : decimal.MinValue;

    /// <summary>Compares figures to the cent (SQLite sums TEXT decimals as doubles).</summary>
    private static string Compare(IEnumerable<(string Name, decimal Api, decimal Sql)> figures, bool absolute = false)
    {
        var list = figures.ToList();
        var bad = list.Where(f => f.Api == decimal.MinValue
            || Math.Abs((absolute ? Math.Abs(f.Api) : f.Api) - decimal.Round(absolute ? Math.Abs(f.Sql) : f.Sql, 2)) > 0.005m).ToList();
        string Show((string Name, decimal Api, decimal Sql) f) =>
            $"{f.Name} api {(f.Api == decimal.MinValue ? "missing" : f.Api.ToString(CultureInfo.InvariantCulture))} sql {decimal.Round(f.Sql, 3).ToString(CultureInfo.InvariantCulture)}";
        return bad.Count == 0
            ? "totals equal: " + string.Join(", ", list.Select(f => $"{f.Name} {decimal.Round(f.Sql, 2).ToString("N2", CultureInfo.InvariantCulture)}"))
            : "MISMATCH " + string.Join("; ", bad.Select(Show));
    }

    private static JsonElement Total(JsonElement root, string name = "total") =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var t) ? t : default;

    /// <summary>Day rows split into the period's and the previous period's (上期), by the day in <paramref name="dayColumn"/>.</summary>
    private static (List<object?[]> Now, List<object?[]> Before) SplitAtFrom(IEnumerable<object?[]> rows, Period p, int dayColumn = 0)
    {
        var split = rows.ToLookup(r => AsDate(r[dayColumn]!) >= p.From);
        return ([.. split[true]], [.. split[false]]);
    }

    private static string CheckByPeriod(JsonElement root, List<object?[]> rows, Period p)
    {
        var (now, before) = SplitAtFrom(rows, p);
        var total = Total(root);
        var previous = Total(root, "previousTotal");
        return Compare(
        [
            ("orders", Json(total, "orders"), now.Sum(r => Num(r[1]))), ("amount", Json(total, "amount"), now.Sum(r => Num(r[2]))),
            ("previous orders", Json(previous, "orders"), before.Sum(r => Num(r[1]))), ("previous amount", Json(previous, "amount"), before.Sum(r => Num(r[2]))),
        ]);
    }

    /// <summary>新增客户 in the period and in the previous period (上期), which the report shows next to each other.</summary>
    private static string CheckDevelopment(JsonElement root, List<object?[]> rows, Period p)
    {
        var (now, before) = SplitAtFrom(rows, p);
        return Compare(
        [
            ("customers", Json(root, "total"), now.Sum(r => Num(r[1]))),
            ("previous customers", Json(root, "previousTotal"), before.Sum(r => Num(r[1]))),
        ]);
    }

    private static string CheckComplaints(JsonElement root, List<object?[]> rows, Period p)
    {
        var (now, before) = SplitAtFrom(rows.Where(r => (string)r[0]! == "day"), p, dayColumn: 1);
        var series = Total(root, "series");
        return Compare(
        [
            ("complaints", Json(root, "total"), rows.Where(r => (string)r[0]! == "state").Sum(r => Num(r[2]))),
            ("series", Json(series, "total"), now.Sum(r => Num(r[2]))),
            ("previous series", Json(series, "previousTotal"), before.Sum(r => Num(r[2]))),
        ]);
    }

    private static string CheckRanking(JsonElement root, List<object?[]> rows, Period p)
    {
        var total = Total(root);
        return Compare([("orders", Json(total, "orders"), rows.Sum(r => Num(r[2]))), ("amount", Json(total, "amount"), rows.Sum(r => Num(r[3])))]);
    }

    private static string CheckByProduct(JsonElement root, List<object?[]> rows, Period p)
    {
        var total = Total(root);
        var amount = rows.Sum(r => Num(r[4]));
        var cost = rows.Sum(r => Num(r[5]));
        return Compare(
        [
            ("quantity", Json(total, "quantity"), rows.Sum(r => Num(r[3]))), ("amount", Json(total, "amount"), amount),
            ("cost", Json(total, "cost"), cost), ("margin", Json(total, "margin"), amount - cost),
        ]);
    }

    private static string CheckInventory(JsonElement root, List<object?[]> rows, Period p)
    {
        var total = Total(root);
        string[] names =
        [
            "openingQuantity", "openingAmount", "inQuantity", "inAmount", "outQuantity", "outAmount", "adjustmentQuantity",
            "adjustmentAmount", "openingEntryQuantity", "openingEntryAmount", "closingQuantity", "closingAmount",
        ];
        var figures = names.Select((n, i) => (n, Json(total, n), rows.Sum(r => Num(r[i + 1])))).ToList();
        // 出库 may be shown as a positive or a signed figure: compare the sizes.
        var outs = figures.Where(f => f.n.StartsWith("out", StringComparison.Ordinal)).ToList();
        var rest = Compare(figures.Except(outs));
        var outCheck = Compare(outs, absolute: true);
        return rest.StartsWith("MISMATCH", StringComparison.Ordinal) || outCheck.StartsWith("MISMATCH", StringComparison.Ordinal)
            ? "MISMATCH " + string.Join(" | ", new[] { rest, outCheck }.Where(c => c.StartsWith("MISMATCH", StringComparison.Ordinal)).Select(c => c[9..]))
            : rest + ", " + outCheck[14..];
    }
}

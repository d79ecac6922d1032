using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Seeding;
using Kehu.Web.Platform.Text;

namespace Kehu.Bench.Run;

public sealed record RunOptions(
    Uri BaseUrl, DatabaseProvider Provider, string ConnectionString, int Clients, TimeSpan Duration, TimeSpan Warmup,
    int DeepPages, IReadOnlyList<string> Only, string? Label);

public sealed record RunReport(
    string Provider, string? Label, DateTime StartedAt, int Clients, double DurationSeconds, double WarmupSeconds,
    long Companies, IReadOnlyList<ScenarioResult> Scenarios, IReadOnlyList<string> Notes, IReadOnlyList<QueryPlan> Plans);

public sealed record QueryPlan(string Name, string Sql, string Plan);

public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>
/// Measures a running Kehu and the same queries as raw SQL on its database. Each API scenario is
/// run right before its raw-SQL baseline, so a ratio compares two measurements taken moments apart
/// on the same (noisy, shared) machine.
/// </summary>
public sealed class Runner(RunOptions o, Action<string> log)
{
    public const double ListP95TargetMs = 100;
    public const double MinApiShareOfRaw = 0.5;
    public const string ShortTerm = "机电";
    public const string LongTerm = "上海机电";
    /// <summary>A common surname and given-name character: a few hundred contacts per million.</summary>
    public const string ContactNameTerm = "王伟";
    /// <summary>Four digits of a mobile or phone number: about a thousand contacts per million.</summary>
    public const string ContactNumberTerm = "5678";

    private readonly List<string> notes = [];

    public async Task<RunReport> RunAsync()
    {
        var startedAt = DateTime.Now;
        using var kehu = new KehuClient(o.BaseUrl, o.Clients);
        await using var raw = new RawSql(o.Provider, o.ConnectionString);

        var companies = await raw.ScalarAsync("SELECT count(*) FROM companies", default);
        var minId = await raw.ScalarAsync("SELECT min(id) FROM companies", default);
        var maxId = await raw.ScalarAsync("SELECT max(id) FROM companies", default);
        log($"{o.Provider}: {companies:N0} companies (ids {minId}..{maxId}); {o.Clients} clients, {o.Warmup.TotalSeconds:0}s warm-up + {o.Duration.TotalSeconds:0}s per scenario.");

        using var anonymous = kehu.Anonymous();
        using var admin = await kehu.ApiLoginAsync("admin", DemoData.Password);
        using var xiaolin = await kehu.ApiLoginAsync("xiaolin", DemoData.Password);
        var xiaolinId = await raw.ScalarAsync("SELECT id FROM users WHERE normalized_user_name = 'xiaolin'", default);

        // The deep page: follow "next" from the first page, as a user paging on would.
        var deepStarted = DateTime.UtcNow;
        string? cursor = null;
        for (var i = 0; i < o.DeepPages; i++)
        {
            using var page = await KehuClient.GetJsonAsync(admin, "/api/v1/companies?limit=20" + (cursor is null ? "" : "&cursor=" + cursor));
            var next = page.RootElement.GetProperty("nextCursor");
            if (next.ValueKind != JsonValueKind.String) break;
            cursor = next.GetString();
        }
        if (cursor is null) throw new BenchFailedException("The list has no second page; generate data first.");
        var deepId = CursorId(cursor);
        log($"Deep page: {o.DeepPages} pages in via nextCursor ({(DateTime.UtcNow - deepStarted).TotalSeconds:0.0}s), rows before id {deepId}.");

        HttpClient? pages = null;
        try
        {
            pages = await kehu.CookieLoginAsync("admin", DemoData.Password, o.Clients);
            var status = await KehuClient.StatusAsync(pages, "/customers/companies");
            if (status == HttpStatusCode.NotFound)
            {
                Note("HTML list page /customers/companies returned 404 in this build: skipped (it exists after the pages are merged).");
                pages.Dispose();
                pages = null;
            }
            else if (status != HttpStatusCode.OK)
            {
                Note($"HTML list page /customers/companies returned {(int)status}: skipped.");
                pages.Dispose();
                pages = null;
            }
        }
        catch (BenchFailedException e)
        {
            Note($"Page login failed ({e.Message}): HTML scenario skipped.");
            pages?.Dispose();
            pages = null;
        }

        var shortQ = Search(ShortTerm);
        var longQ = Search(LongTerm);
        await CheckSameRowsAsync(admin, raw, xiaolin, xiaolinId, cursor, deepId, shortQ, longQ);
        var contactName = ContactTerm(ContactNameTerm);
        var contactNumber = ContactTerm(ContactNumberTerm);
        await CheckSameContactsAsync(admin, raw, contactName, contactNumber);

        var scenarios = new List<Scenario>();
        var p95 = ListP95TargetMs;
        var share = MinApiShareOfRaw;
        var url = (string q) => "/api/v1/companies?" + q;
        var enc = (string s) => Uri.EscapeDataString(s);
        const SearchShape app = SearchShape.AppJoin;
        const SearchShape alt = SearchShape.InSubquery;

        // The cost of any request through the app's pipeline (no auth; the health check opens a
        // database connection): what an endpoint costs before it does its own work.
        scenarios.Add(new("http floor: GET /healthz", (_, ct) => KehuClient.GetAsync(anonymous, "/healthz", ct)));
        scenarios.Add(new("api list first page", (_, ct) => KehuClient.GetAsync(admin, url("limit=20"), ct), "raw list first page", p95, share));
        if (pages is not null)
            scenarios.Add(new("html list first page", (_, ct) => KehuClient.GetAsync(pages, "/customers/companies", ct), "raw list first page", p95, share));
        scenarios.Add(new("raw list first page", async (_, ct) => await raw.ListAsync(null, null, true, ct)));
        scenarios.Add(new("raw list first page, no count", async (_, ct) => await raw.ListAsync(null, null, false, ct)));

        scenarios.Add(new($"api list page {o.DeepPages} deep", (_, ct) => KehuClient.GetAsync(admin, url("limit=20&cursor=" + cursor), ct), $"raw list page {o.DeepPages} deep", p95, share));
        scenarios.Add(new($"raw list page {o.DeepPages} deep", async (_, ct) => await raw.ListAsync(deepId, null, true, ct)));

        scenarios.Add(new($"api search {ShortTerm}", (_, ct) => KehuClient.GetAsync(admin, url($"q={enc(ShortTerm)}&limit=20"), ct), $"raw search {ShortTerm}", p95, share));
        scenarios.Add(new($"raw search {ShortTerm}", async (_, ct) => await raw.SearchAsync(shortQ.Gram, shortQ.Term, null, true, app, ct)));
        scenarios.Add(new($"raw search {ShortTerm}, no count", async (_, ct) => await raw.SearchAsync(shortQ.Gram, shortQ.Term, null, false, app, ct)));
        scenarios.Add(new($"alt raw search {ShortTerm}: gram-ordered page", async (_, ct) => await raw.SearchAsync(shortQ.Gram, shortQ.Term, null, true, SearchShape.GramOrder, ct)));
        scenarios.Add(new($"alt raw search {ShortTerm}: gram-ordered page, gram-only count", async (_, ct) => await raw.SearchBestAsync(shortQ.Grams, shortQ.Term, ct)));

        scenarios.Add(new($"api search {LongTerm}", (_, ct) => KehuClient.GetAsync(admin, url($"q={enc(LongTerm)}&limit=20"), ct), $"raw search {LongTerm}", p95, share));
        scenarios.Add(new($"raw search {LongTerm}", async (_, ct) => await raw.SearchAsync(longQ.Gram, longQ.Term, null, true, app, ct)));
        scenarios.Add(new($"raw search {LongTerm}, no count", async (_, ct) => await raw.SearchAsync(longQ.Gram, longQ.Term, null, false, app, ct)));
        scenarios.Add(new($"alt raw search {LongTerm}: gram-ordered page", async (_, ct) => await raw.SearchAsync(longQ.Gram, longQ.Term, null, true, SearchShape.GramOrder, ct)));
        scenarios.Add(new($"alt raw search {LongTerm}: rarest bigram, gram-ordered page", async (_, ct) => await raw.SearchBestAsync(longQ.Grams, longQ.Term, ct)));

        foreach (var t in new[] { contactName, contactNumber })
        {
            scenarios.Add(new($"api contacts search {t.Text}", (_, ct) => KehuClient.GetAsync(admin, $"/api/v1/contacts?q={enc(t.Text)}&limit=20", ct), $"raw contacts search {t.Text}", p95, share));
            scenarios.Add(new($"raw contacts search {t.Text}", async (_, ct) => await raw.ContactSearchAsync(t, ct)));
        }

        var span = maxId - minId + 1;
        scenarios.Add(new("api company detail", (r, ct) => KehuClient.GetAsync(admin, $"/api/v1/companies/{minId + r.NextInt64(span)}", ct), "raw company detail", null, share));
        scenarios.Add(new("raw company detail", async (r, ct) => await raw.DetailAsync(minId + r.NextInt64(span), ct)));
        if (o.Provider == DatabaseProvider.Sqlite)
            scenarios.Add(new("alt raw company detail + the app's per-open PRAGMAs", async (r, ct) => await raw.DetailAsync(minId + r.NextInt64(span), ct, withAppPragmas: true)));

        scenarios.Add(new("api list first page (xiaolin)", (_, ct) => KehuClient.GetAsync(xiaolin, url("limit=20"), ct), "raw list first page (xiaolin)", p95, share));
        scenarios.Add(new("raw list first page (xiaolin)", async (_, ct) => await raw.ListAsync(null, xiaolinId, true, ct)));
        scenarios.Add(new($"api search {ShortTerm} (xiaolin)", (_, ct) => KehuClient.GetAsync(xiaolin, url($"q={enc(ShortTerm)}&limit=20"), ct), $"raw search {ShortTerm} (xiaolin)", p95, share));
        scenarios.Add(new($"raw search {ShortTerm} (xiaolin)", async (_, ct) => await raw.SearchAsync(shortQ.Gram, shortQ.Term, xiaolinId, true, app, ct)));
        scenarios.Add(new($"alt raw search {ShortTerm} (xiaolin): gram-ordered page", async (_, ct) => await raw.SearchAsync(shortQ.Gram, shortQ.Term, xiaolinId, true, SearchShape.GramOrder, ct)));

        var plans = new List<QueryPlan>();
        foreach (var (name, q) in new (string, SqlQuery)[]
        {
            ("list first page", RawSql.ListPage(null, null)),
            ("list count", RawSql.ListCount(null)),
            ($"list page {o.DeepPages} deep", RawSql.ListPage(deepId, null)),
            ($"search {ShortTerm} (app shape)", raw.SearchPage(shortQ.Gram, shortQ.Term, null, app)),
            ($"search {ShortTerm} count (app shape)", raw.SearchCount(shortQ.Gram, shortQ.Term, null, app)),
            ($"search {ShortTerm} (IN shape)", raw.SearchPage(shortQ.Gram, shortQ.Term, null, alt)),
            ($"search {ShortTerm} (gram-ordered)", raw.SearchPage(shortQ.Gram, shortQ.Term, null, SearchShape.GramOrder)),
            ($"search {ShortTerm} gram-only count", RawSql.GramOnlyCount(shortQ.Gram)),
            ($"search {LongTerm} (app shape)", raw.SearchPage(longQ.Gram, longQ.Term, null, app)),
            ($"search {LongTerm} count (app shape)", raw.SearchCount(longQ.Gram, longQ.Term, null, app)),
            ($"search {LongTerm} (IN shape)", raw.SearchPage(longQ.Gram, longQ.Term, null, alt)),
            ($"search {LongTerm} (gram-ordered)", raw.SearchPage(longQ.Gram, longQ.Term, null, SearchShape.GramOrder)),
            ("list first page (xiaolin)", RawSql.ListPage(null, xiaolinId)),
            ($"search {ShortTerm} (xiaolin, app shape)", raw.SearchPage(shortQ.Gram, shortQ.Term, xiaolinId, app)),
            ($"search {ShortTerm} (xiaolin, gram-ordered)", raw.SearchPage(shortQ.Gram, shortQ.Term, xiaolinId, SearchShape.GramOrder)),
            ("detail", RawSql.Detail(minId)),
            ($"contacts search {contactName.Text}", raw.ContactSearchPage(contactName.Grams[0], contactName)),
            ($"contacts search {contactNumber.Text}", raw.ContactSearchPage(contactNumber.Grams[0], contactNumber)),
        })
        {
            plans.Add(new QueryPlan(name, q.Sql, await raw.ExplainAsync(q, default)));
        }
        log("Query plans (raw SQL in the app's shape):");
        foreach (var p in plans) log($"  {p.Name}:{Environment.NewLine}{Indent(p.Plan)}");

        var selected = o.Only.Count == 0
            ? scenarios
            : scenarios.Where(s => o.Only.Any(f => s.Name.Contains(f, StringComparison.OrdinalIgnoreCase))).ToList();
        var results = new List<ScenarioResult>();
        foreach (var s in selected)
        {
            log($"{s.Name} ...");
            var r = await LoadLoop.MeasureAsync(s, o.Clients, o.Warmup, o.Duration);
            results.Add(r);
            log($"  p50 {r.P50:0.00} ms  p95 {r.P95:0.00} ms  p99 {r.P99:0.00} ms  {r.RequestsPerSecond:0} req/s  ({r.Requests:N0} requests{(r.Errors > 0 ? $", {r.Errors} ERRORS: {r.FirstError}" : "")})");
        }
        pages?.Dispose();

        var judged = results.Select(r => Judge(r, results)).ToList();
        var report = new RunReport(o.Provider.ToString(), o.Label, startedAt, o.Clients, o.Duration.TotalSeconds, o.Warmup.TotalSeconds, companies, judged, notes, plans);
        Console.WriteLine();
        Console.Write(Kehu.Bench.Results.Table(report, markdown: false));
        foreach (var n in notes) Console.WriteLine("note: " + n);
        return report;
    }

    private static string Indent(string text) =>
        string.Join(Environment.NewLine, text.TrimEnd().Split('\n').Select(l => "      " + l.TrimEnd('\r')));

    private void Note(string text)
    {
        notes.Add(text);
        log("note: " + text);
    }

    private static ScenarioResult Judge(ScenarioResult r, List<ScenarioResult> all)
    {
        var baseline = r.Baseline is null ? null : all.FirstOrDefault(b => b.Name == r.Baseline);
        double? ratio = baseline is { RequestsPerSecond: > 0 } ? r.RequestsPerSecond / baseline.RequestsPerSecond : null;
        var misses = new List<string>();
        if (r.Errors > 0) misses.Add($"{r.Errors} errors");
        if (r.P95TargetMs is { } t && !(r.P95 <= t)) misses.Add($"p95 {r.P95:0} > {t:0} ms");
        if (r.MinRatio is { } m && ratio is { } x && x < m) misses.Add($"{x:0%} < {m:0%} of raw");
        var verdict = r.P95TargetMs is null && r.MinRatio is null ? ""
            : misses.Count == 0 ? (ratio is null && r.MinRatio is not null ? "ok (no baseline run)" : "ok")
            : "MISS: " + string.Join("; ", misses);
        return r with { RatioToBaseline = ratio, Verdict = verdict };
    }

    private sealed record SearchTerm(string Term, string Gram, IReadOnlyList<string> Grams);

    /// <summary>The term and bigram the app derives from <c>q</c> (CompanyScope.Search).</summary>
    private static SearchTerm Search(string q)
    {
        var term = NameNormalizer.Normalize(q);
        var grams = NameNormalizer.Bigrams(term);
        return new SearchTerm(term, grams[0], grams);
    }

    /// <summary>The term the app derives from a contact search's <c>q</c> (ContactSearch.ParseAsync).</summary>
    private static RawSql.ContactTerm ContactTerm(string q)
    {
        var text = NameNormalizer.Normalize(q);
        return text.All(char.IsAsciiDigit)
            ? new RawSql.ContactTerm(text, true, GramSearch.Grams(text, ContactSearch.DigitGram))
            : new RawSql.ContactTerm(text, false, text.Length == 1 ? [text] : GramSearch.Grams(text, 2));
    }

    /// <summary>The raw contact search must return the rows the API returns.</summary>
    private async Task CheckSameContactsAsync(HttpClient admin, RawSql raw, params RawSql.ContactTerm[] terms)
    {
        foreach (var t in terms)
        {
            using var doc = await KehuClient.GetJsonAsync(admin, $"/api/v1/contacts?limit=20&q={Uri.EscapeDataString(t.Text)}");
            var apiIds = doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            var rawIds = (await raw.ContactSearchAsync(t, default)).Take(20).ToList();
            if (apiIds.Count == 0) Note($"Contact search {t.Text} found nothing: generate data first.");
            if (!apiIds.SequenceEqual(rawIds))
                Note($"CHECK FAILED for contacts search {t.Text}: API returned ids [{string.Join(",", apiIds.Take(5))}…], raw SQL [{string.Join(",", rawIds.Take(5))}…].");
            else
                log($"check contacts search {t.Text}: API and raw SQL return the same {apiIds.Count} rows.");
        }
    }

    private static long CursorId(string cursor)
    {
        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 3);
        return long.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    /// <summary>The raw queries must return the rows the API returns, or the comparison is moot.</summary>
    private async Task CheckSameRowsAsync(HttpClient admin, RawSql raw, HttpClient xiaolin, long xiaolinId, string cursor, long deepId,
        SearchTerm shortQ, SearchTerm longQ)
    {
        async Task<(List<long> Ids, string Total)> Api(HttpClient c, string query)
        {
            using var doc = await KehuClient.GetJsonAsync(c, "/api/v1/companies?limit=20" + query);
            var ids = doc.RootElement.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
            // The API counts on a list's first page only.
            var totalElement = doc.RootElement.GetProperty("total");
            if (totalElement.ValueKind == JsonValueKind.Null) return (ids, "not counted");
            var total = totalElement.GetInt32().ToString("N0", CultureInfo.InvariantCulture);
            return (ids, doc.RootElement.GetProperty("totalIsCapped").GetBoolean() ? total + "+" : total);
        }
        var enc = (string s) => Uri.EscapeDataString(s);
        var checks = new (string Name, Task<(List<long> Ids, string Total)> ApiPage, Task<List<long>> RawPage)[]
        {
            ("list first page", Api(admin, ""), raw.ListAsync(null, null, false, default)),
            ("list deep page", Api(admin, "&cursor=" + cursor), raw.ListAsync(deepId, null, false, default)),
            ($"search {ShortTerm}", Api(admin, "&q=" + enc(ShortTerm)), raw.SearchAsync(shortQ.Gram, shortQ.Term, null, false, SearchShape.AppJoin, default)),
            ($"alt search {ShortTerm}", Api(admin, "&q=" + enc(ShortTerm)), raw.SearchBestAsync(shortQ.Grams, shortQ.Term, default)),
            ($"search {LongTerm}", Api(admin, "&q=" + enc(LongTerm)), raw.SearchAsync(longQ.Gram, longQ.Term, null, false, SearchShape.AppJoin, default)),
            ($"alt search {LongTerm}", Api(admin, "&q=" + enc(LongTerm)), raw.SearchBestAsync(longQ.Grams, longQ.Term, default)),
            ("xiaolin list", Api(xiaolin, ""), raw.ListAsync(null, xiaolinId, false, default)),
            ($"xiaolin search {ShortTerm}", Api(xiaolin, "&q=" + enc(ShortTerm)), raw.SearchAsync(shortQ.Gram, shortQ.Term, xiaolinId, false, SearchShape.AppJoin, default)),
            ($"alt xiaolin search {ShortTerm}", Api(xiaolin, "&q=" + enc(ShortTerm)), raw.SearchAsync(shortQ.Gram, shortQ.Term, xiaolinId, false, SearchShape.GramOrder, default)),
        };
        foreach (var (name, apiTask, rawTask) in checks)
        {
            var (apiIds, total) = await apiTask;
            var rawIds = (await rawTask).Take(20).ToList();
            if (!apiIds.SequenceEqual(rawIds))
                Note($"CHECK FAILED for {name}: API returned ids [{string.Join(",", apiIds.Take(5))}…], raw SQL [{string.Join(",", rawIds.Take(5))}…].");
            else
                log($"check {name}: API and raw SQL return the same {apiIds.Count} rows (total shown: {total}).");
        }
    }
}

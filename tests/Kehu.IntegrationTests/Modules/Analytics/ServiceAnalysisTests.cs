using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Service;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Analytics.AnalyticsTestData;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>服务分析 over HTTP: complaints registered by 小李 and taken through the workflow by 孙经理
/// and 小张, the expected figures computed here from the rows read back.</summary>
public abstract class ServiceAnalysisTests(KehuApp app)
{
    private sealed record ComplaintRow(long Id, long CompanyId, long? TypeId, long? ProductId, ComplaintState State, DateTime ReceivedAt, DateTime? ClosedAt);

    private Task<List<ComplaintRow>> ComplaintsAsync() => app.WithDbAsync(db => db.Complaints.AsNoTracking()
        .Select(c => new ComplaintRow(c.Id, c.CompanyId, c.TypeId, c.ProductId, c.State, c.ReceivedAt, c.ClosedAt)).ToListAsync());

    private Task<long> CompanyAsync(int index = 0) =>
        app.WithDbAsync(db => db.Companies.Where(c => c.IsCustomer).OrderBy(c => c.Id).Select(c => c.Id).Skip(index).FirstAsync());

    private static async Task<long> RegisterAsync(HttpClient xiaoli, long companyId, DateTime receivedAt, long? typeId = null, long? productId = null)
    {
        using var response = await xiaoli.PostAsJsonAsync("/api/v1/complaints",
            new { companyId, subject = "分析" + Guid.NewGuid().ToString("N")[..6], receivedAt = At(receivedAt), typeId, productId });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static async Task<long> SubmitAsync(HttpClient xiaoli, long id)
    {
        using var response = await xiaoli.PostAsync($"/api/v1/complaints/{id}/submit", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
    }

    private static async Task<JsonObject> CompleteAsync(HttpClient api, long taskId, object body)
    {
        using var response = await api.PostAsJsonAsync($"/api/v1/tasks/{taskId}/complete", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    /// <summary>Registered, submitted and closed by 孙经理 at the review step.</summary>
    private async Task<long> ClosedAsync(HttpClient xiaoli, HttpClient sun, long companyId, DateTime receivedAt, long? typeId = null, long? productId = null)
    {
        var id = await RegisterAsync(xiaoli, companyId, receivedAt, typeId, productId);
        await CompleteAsync(sun, await SubmitAsync(xiaoli, id), new { action = "approve", fields = new { resolution = "电话指导后解决" } });
        return id;
    }

    private Task SetTimesAsync(long id, DateTime receivedAt, DateTime closedAt) =>
        app.WithDbAsync(db => db.Complaints.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.ReceivedAt, DateTime.SpecifyKind(receivedAt, DateTimeKind.Utc))
            .SetProperty(c => c.ClosedAt, DateTime.SpecifyKind(closedAt, DateTimeKind.Utc))));

    [Fact]
    public async Task Complaints_CountsThoseReceivedInThePeriod_PerLocalDay_ByCustomerProductTypeAndState()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var admin = await app.ApiAsAsync("admin");
        var (first, second) = (await CompanyAsync(0), await CompanyAsync(1));
        var type = await app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.ComplaintType).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        var product = await app.WithDbAsync(db => db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        await RegisterAsync(xiaoli, first, Local(2025, 5, 1, 0, 0), type, product);
        await RegisterAsync(xiaoli, first, Local(2025, 5, 31, 23, 59), type);
        await ClosedAsync(xiaoli, sun, second, Local(2025, 5, 12, 9, 30), null, product);
        await RegisterAsync(xiaoli, second, Local(2025, 4, 30, 23, 59), type, product);
        await RegisterAsync(xiaoli, second, Local(2025, 6, 1, 0, 0), type, product);

        var report = await ReportAsync(admin, "service/complaints?from=2025-05-01&to=2025-05-31&limit=10000");

        var (from, to) = Bounds(new DateOnly(2025, 5, 1), new DateOnly(2025, 5, 31));
        var all = await ComplaintsAsync();
        var received = all.Where(c => c.ReceivedAt >= from && c.ReceivedAt < to).ToList();
        received.Count.ShouldBe(3);
        report["total"]!.GetValue<int>().ShouldBe(received.Count);
        report["closed"]!.GetValue<int>().ShouldBe(received.Count(c => c.ClosedAt != null));
        report["closed"]!.GetValue<int>().ShouldBe(1);
        report["open"]!.GetValue<int>().ShouldBe(2);
        ById(report["byCustomer"], "count").ShouldBe(Expected(received, c => c.CompanyId), ignoreOrder: true);
        ById(report["byProduct"], "count").ShouldBe(Expected(received, c => c.ProductId), ignoreOrder: true);
        ById(report["byType"], "count").ShouldBe(Expected(received, c => c.TypeId), ignoreOrder: true);
        report["byProduct"]!.AsArray().Single(p => p!["id"] is null)!["name"]!.GetValue<string>().ShouldBe("未指定商品");
        report["byState"]!.AsArray().ToDictionary(s => s!["state"]!.GetValue<string>(), s => s!["count"]!.GetValue<int>())
            .ShouldBe(Enum.GetValues<ComplaintState>().ToDictionary(ComplaintLabels.Api, s => received.Count(c => c.State == s)), ignoreOrder: true);

        var buckets = report["series"]!["buckets"]!.AsArray();
        buckets.Count.ShouldBe(31);
        for (var i = 0; i < 31; i++)
        {
            var day = new DateOnly(2025, 5, 1).AddDays(i);
            buckets[i]!["count"]!.GetValue<int>().ShouldBe(all.Count(c => LocalDay(c.ReceivedAt) == day), $"{day}");
        }
        buckets[0]!["count"]!.GetValue<int>().ShouldBe(1);
        buckets[30]!["count"]!.GetValue<int>().ShouldBe(1);
        report["series"]!["previousTotal"]!.GetValue<int>().ShouldBe(all.Count(c => LocalDay(c.ReceivedAt).Year == 2025 && LocalDay(c.ReceivedAt).Month == 4));

        // The customers ranked by count (ties by id), named, and cut to the limit; the count covers them all.
        var names = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == first || c.Id == second).ToDictionaryAsync(c => c.Id, c => c.Name));
        var ranked = received.GroupBy(c => c.CompanyId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).ToList();
        report["customers"]!.GetValue<int>().ShouldBe(ranked.Count);
        report["byCustomer"]!.AsArray().Select(c => (c!["id"]!.GetValue<long>(), c["name"]!.GetValue<string>())).ShouldBe(ranked.Select(id => (id, names[id])));
        var one = await ReportAsync(admin, "service/complaints?from=2025-05-01&to=2025-05-31&limit=1");
        one["customers"]!.GetValue<int>().ShouldBe(2);
        one["byCustomer"]!.AsArray().Select(c => (c!["id"]!.GetValue<long>(), c["name"]!.GetValue<string>(), c["count"]!.GetValue<int>()))
            .ShouldBe([(ranked[0], names[ranked[0]], received.Count(c => c.CompanyId == ranked[0]))]);
    }

    [Fact]
    public async Task Complaints_InAPeriodWithNone_AreZero_EveryStateAndDayAtZero_AndNoGroups()
    {
        using var admin = await app.ApiAsAsync("admin");
        var (from, to) = Bounds(new DateOnly(2001, 1, 1), new DateOnly(2001, 2, 28));
        (await ComplaintsAsync()).Where(c => c.ReceivedAt >= from.AddDays(-59) && c.ReceivedAt < to).ShouldBeEmpty();

        var report = await ReportAsync(admin, "service/complaints?from=2001-02-01&to=2001-02-28");

        report["total"]!.GetValue<int>().ShouldBe(0);
        report["open"]!.GetValue<int>().ShouldBe(0);
        report["closed"]!.GetValue<int>().ShouldBe(0);
        report["customers"]!.GetValue<int>().ShouldBe(0);
        report["byCustomer"]!.AsArray().ShouldBeEmpty();
        report["byProduct"]!.AsArray().ShouldBeEmpty();
        report["byType"]!.AsArray().ShouldBeEmpty();
        report["byState"]!.AsArray().Select(s => s!["count"]!.GetValue<int>()).ShouldAllBe(c => c == 0);
        report["byState"]!.AsArray().Count.ShouldBe(Enum.GetValues<ComplaintState>().Length);
        var buckets = report["series"]!["buckets"]!.AsArray();
        buckets.Count.ShouldBe(28);
        buckets.Select(b => b!["count"]!.GetValue<int>()).ShouldAllBe(c => c == 0);
        report["series"]!["previousTotal"]!.GetValue<int>().ShouldBe(0);
    }

    [Fact]
    public async Task Resolution_AveragesHoursFromReceivedToClosed_AndTakesThe90thPercentileByNearestRank_OfThoseClosedInThePeriod()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var admin = await app.ApiAsAsync("admin");
        var company = await CompanyAsync();
        decimal[] hours = [30m, 0.5m, 9m, 1m, 8m, 2m, 7m, 3m, 6m, 4m, 5m];
        var closedAt = new List<DateTime>();
        foreach (var (h, i) in hours.Select((h, i) => (h, i)))
        {
            var id = await ClosedAsync(xiaoli, sun, company, Local(2025, 9, 1, 8, 0));
            // The first closes on the period's first minute, the second on its last.
            var closed = i switch { 0 => Local(2025, 9, 1, 0, 0), 1 => Local(2025, 9, 30, 23, 59), _ => Local(2025, 9, 10 + i, 15, 0) };
            await SetTimesAsync(id, closed.AddMinutes((double)(-h * 60)), closed);
            closedAt.Add(closed);
        }
        var late = await ClosedAsync(xiaoli, sun, company, Local(2025, 9, 30, 8, 0));
        await SetTimesAsync(late, Local(2025, 9, 30, 8, 0), Local(2025, 10, 1, 0, 0));
        var early = await ClosedAsync(xiaoli, sun, company, Local(2025, 8, 30, 8, 0));
        await SetTimesAsync(early, Local(2025, 8, 30, 8, 0), Local(2025, 8, 31, 23, 59));

        var report = await ReportAsync(admin, "service/resolution?from=2025-09-01&to=2025-09-30");

        var (from, to) = Bounds(new DateOnly(2025, 9, 1), new DateOnly(2025, 9, 30));
        var durations = (await ComplaintsAsync()).Where(c => c.ClosedAt >= from && c.ClosedAt < to)
            .Select(c => (decimal)(c.ClosedAt!.Value - c.ReceivedAt).TotalHours).OrderBy(h => h).ToList();
        durations.ShouldBe(hours.OrderBy(h => h).ToList());
        report["closed"]!.GetValue<int>().ShouldBe(11);
        report["averageHours"]!.GetValue<decimal>().ShouldBe(decimal.Round(durations.Average(), 2, MidpointRounding.AwayFromZero));
        report["averageHours"]!.GetValue<decimal>().ShouldBe(6.86m); // 75.5 / 11
        // Nearest rank: ceil(0.9 × 11) = 10th of the sorted hours.
        report["percentile90Hours"]!.GetValue<decimal>().ShouldBe(durations[9]);
        report["percentile90Hours"]!.GetValue<decimal>().ShouldBe(9m);

        var none = await ReportAsync(admin, "service/resolution?from=2024-01-01&to=2024-01-31");
        none["closed"]!.GetValue<int>().ShouldBe(0);
        none["averageHours"].ShouldBeNull();

        using var page = await app.BrowserAsAsync("admin");
        var document = await page.GetDocumentAsync("/analytics/service?period=custom&from=2025-09-01&to=2025-09-30");
        document.QuerySelector("#chart-complaints-trend").ShouldNotBeNull();
        document.QuerySelector("#table-complaints-resolution").ShouldNotBeNull();
        var sheet = await SheetAsync(page.Http, "/analytics/service?handler=Export&period=custom&from=2025-09-01&to=2025-09-30", "投诉处理时长");
        var row = sheet.ShouldHaveSingleItem();
        Number(row["结案数"]).ShouldBe(11m);
        Number(row["平均处理时长（小时）"]).ShouldBe(6.86m);
        Number(row["90 百分位处理时长（小时）"]).ShouldBe(9m);
    }

    [Fact]
    public async Task Completion_CountsTicketsAssignedInThePeriodPerServicePerson_DoneAndTheirAverageCompletion()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var sun = await app.ApiAsAsync("sunjingli");
        using var zhang = await app.ApiAsAsync("xiaozhang");
        using var admin = await app.ApiAsAsync("admin");
        var company = await CompanyAsync();
        var xiaozhang = await app.UserIdAsync("xiaozhang");
        async Task<long> Assigned()
        {
            var id = await RegisterAsync(xiaoli, company, DateTime.UtcNow.AddHours(-1));
            var done = await CompleteAsync(sun, await SubmitAsync(xiaoli, id), new { action = "assign", assigneeId = xiaozhang });
            return done["newTaskIds"]!.AsArray().Single()!.GetValue<long>();
        }
        await CompleteAsync(zhang, await Assigned(), new { action = "approve", fields = new { serviceStaffId = xiaozhang, completion = 100, workDone = "更换轴承" } });
        await CompleteAsync(zhang, await Assigned(), new { action = "approve", fields = new { serviceStaffId = xiaozhang, completion = 60, workDone = "缺配件" } });
        await Assigned();

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));
        var (first, last) = (new DateOnly(today.Year, today.Month, 1), new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1));
        var report = await ReportAsync(admin, $"service/completion?from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}");

        var (from, to) = Bounds(first, last);
        var tickets = await app.WithDbAsync(db => db.ServiceTickets.AsNoTracking()
            .Select(t => new { t.AssignedToId, t.ServiceStaffId, t.Status, t.Completion, t.AssignedAt }).ToListAsync());
        var assigned = tickets.Where(t => t.AssignedAt >= from && t.AssignedAt < to).ToList();
        report["tickets"]!.GetValue<int>().ShouldBe(assigned.Count);
        report["done"]!.GetValue<int>().ShouldBe(assigned.Count(t => t.Status == ServiceTicketState.Done));
        var expected = assigned.GroupBy(t => t.ServiceStaffId ?? t.AssignedToId).ToDictionary(g => g.Key, g =>
        {
            var done = g.Where(t => t.Status == ServiceTicketState.Done).ToList();
            return (Tickets: g.Count(), Done: done.Count, Average: done.Count == 0 ? (decimal?)null : decimal.Round((decimal)done.Sum(t => t.Completion ?? 0) / done.Count, 2, MidpointRounding.AwayFromZero));
        });
        var byStaff = report["byStaff"]!.AsArray().ToDictionary(s => s!["id"]!.GetValue<long>(),
            s => (Tickets: s!["tickets"]!.GetValue<int>(), Done: s["done"]!.GetValue<int>(), Average: s["averageCompletion"]?.GetValue<decimal>()));
        byStaff.ShouldBe(expected, ignoreOrder: true);
        byStaff[xiaozhang].Tickets.ShouldBeGreaterThanOrEqualTo(3);
        byStaff[xiaozhang].Done.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task Scope_ASalespersonSeesOnlyTheComplaintsOfHisCustomers()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var lin = await app.UserIdAsync("xiaolin");
        var his = await app.WithDbAsync(db => db.Companies.Where(c => c.IsCustomer && c.OwnerId == lin).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var other = await app.WithDbAsync(db => db.Companies.Where(c => c.IsCustomer && c.OwnerId != lin && !db.CompanyShares.Any(s => s.CompanyId == c.Id && s.UserId == lin))
            .OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        await RegisterAsync(xiaoli, his, Local(2025, 11, 5, 10, 0));
        await RegisterAsync(xiaoli, other, Local(2025, 11, 6, 10, 0));
        await RegisterAsync(xiaoli, other, Local(2025, 11, 7, 10, 0));

        var report = await ReportAsync(xiaolin, "service/complaints?from=2025-11-01&to=2025-11-30");

        report["total"]!.GetValue<int>().ShouldBe(1);
        ById(report["byCustomer"], "count").ShouldBe(new Dictionary<long, int> { [his] = 1 });
        using var admin = await app.ApiAsAsync("admin");
        (await ReportAsync(admin, "service/complaints?from=2025-11-01&to=2025-11-30"))["total"]!.GetValue<int>().ShouldBe(3);
    }

    [Theory]
    [InlineData("service/complaints")]
    [InlineData("service/resolution")]
    [InlineData("service/completion")]
    public async Task BadPeriod_Is400NamingTheField(string route)
    {
        using var admin = await app.ApiAsAsync("admin");

        await ShouldRefuseBadPeriodsAsync(admin, route);
    }
}

public sealed class ServiceAnalysisTestsOnSqlite(SqliteApp app) : ServiceAnalysisTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceAnalysisTestsOnPostgres(PostgresApp app) : ServiceAnalysisTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Analytics.AnalyticsTestData;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>客户分析 over HTTP: data made through the API, the expected figures computed here from
/// the rows read back, compared with the report's JSON, page and export. Each test uses its own
/// past month, so the tests of the class do not see each other's records.</summary>
public abstract class CustomerAnalysisTests(KehuApp app)
{
    private sealed record CompanyRow(long Id, bool IsCustomer, long? LevelId, long? SourceId, long? IndustryId, long? RegionId, long? StatusId,
        long OwnerId, DateTime CreatedAt, DateTime? LastContactAt);

    private Task<List<CompanyRow>> CompaniesAsync() => app.WithDbAsync(db => db.Companies.AsNoTracking()
        .Select(c => new CompanyRow(c.Id, c.IsCustomer, c.LevelId, c.SourceId, c.IndustryId, c.RegionId, c.StatusId, c.OwnerId, c.CreatedAt, c.LastContactAt))
        .ToListAsync());

    private Task<long> OptionAsync(string list, int index = 0) =>
        app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == list).OrderBy(o => o.Id).Select(o => o.Id).Skip(index).FirstAsync());

    private static async Task<long> CreateCompanyAsync(HttpClient api, object body)
    {
        using var response = await api.PostAsJsonAsync("/api/v1/companies", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private Task BackdateAsync(long companyId, DateTime createdAtUtc) =>
        app.WithDbAsync(db => db.Companies.Where(c => c.Id == companyId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CreatedAt, DateTime.SpecifyKind(createdAtUtc, DateTimeKind.Utc))));

    private static string Name(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private static void ShouldMatch(JsonObject composition, List<CompanyRow> expected)
    {
        composition["total"]!.GetValue<int>().ShouldBe(expected.Count);
        ById(composition["levels"], "count").ShouldBe(Expected(expected, c => c.LevelId), ignoreOrder: true);
        ById(composition["sources"], "count").ShouldBe(Expected(expected, c => c.SourceId), ignoreOrder: true);
        ById(composition["industries"], "count").ShouldBe(Expected(expected, c => c.IndustryId), ignoreOrder: true);
        ById(composition["regions"], "count").ShouldBe(Expected(expected, c => c.RegionId), ignoreOrder: true);
        ById(composition["statuses"], "count").ShouldBe(Expected(expected, c => c.StatusId), ignoreOrder: true);
        ById(composition["owners"], "count").ShouldBe(Expected(expected, c => c.OwnerId), ignoreOrder: true);
    }

    [Fact]
    public async Task Composition_CountsTheVisibleCustomersThatExistedAtThePeriodsEnd_ByEachField()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        var (lin, zhao) = (await app.UserIdAsync("xiaolin"), await app.UserIdAsync("zhaojingli"));
        var level = await OptionAsync(OptionLists.CustomerLevel);
        var region = await OptionAsync(OptionLists.Region, 1);
        var status = await OptionAsync(OptionLists.CustomerStatus);
        var old = await CreateCompanyAsync(admin, new { name = Name("构成老客户"), roles = new[] { "customer" }, levelId = level, regionId = region, statusId = status, ownerId = lin });
        var blank = await CreateCompanyAsync(admin, new { name = Name("构成未填写"), roles = new[] { "customer" }, ownerId = zhao });
        await CreateCompanyAsync(admin, new { name = Name("构成供应商"), roles = new[] { "supplier" }, levelId = level, ownerId = lin });
        await BackdateAsync(old, Local(2024, 6, 30, 23, 59));
        await BackdateAsync(blank, Local(2024, 7, 1, 0, 0));

        // June 2024: only the customer created on its last minute existed at its end.
        var june = await ReportAsync(admin, "customers/composition?from=2024-06-01&to=2024-06-30");
        var (_, juneEnd) = Bounds(new DateOnly(2024, 6, 1), new DateOnly(2024, 6, 30));
        var existedInJune = (await CompaniesAsync()).Where(c => c.IsCustomer && c.CreatedAt < juneEnd).ToList();
        existedInJune.Select(c => c.Id).ShouldContain(old);
        existedInJune.Select(c => c.Id).ShouldNotContain(blank);
        ShouldMatch(june, existedInJune);
        june["levels"]!.AsArray().Single(l => l!["id"]?.GetValue<long>() == level)!["count"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(1);

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));
        var now = await ReportAsync(admin, "customers/composition");
        var all = (await CompaniesAsync()).Where(c => c.IsCustomer).ToList();
        ShouldMatch(now, all);
        var unfilled = now["levels"]!.AsArray().Single(l => l!["id"] is null)!;
        unfilled["name"]!.GetValue<string>().ShouldBe("未填写");
        unfilled["count"]!.GetValue<int>().ShouldBe(all.Count(c => c.LevelId is null));
        now["asOf"]!.GetValue<string>().ShouldBe(new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd"));

        // 小林 sees his own customers and the one 赵经理 shared with him, nothing else.
        var shared = await app.WithDbAsync(db => db.CompanyShares.Where(s => s.UserId == lin).Select(s => s.CompanyId).ToListAsync());
        var his = all.Where(c => c.OwnerId == lin || shared.Contains(c.Id)).ToList();
        his.Count.ShouldBeLessThan(all.Count);
        ShouldMatch(await ReportAsync(xiaolin, "customers/composition"), his);
    }

    [Fact]
    public async Task Composition_AtAPeriodEndBeforeAnyCustomer_IsZeroWithNoGroups()
    {
        using var admin = await app.ApiAsAsync("admin");
        var (_, end) = Bounds(new DateOnly(2001, 3, 1), new DateOnly(2001, 3, 31));
        (await CompaniesAsync()).Where(c => c.IsCustomer && c.CreatedAt < end).ShouldBeEmpty();

        var report = await ReportAsync(admin, "customers/composition?from=2001-03-01&to=2001-03-31");

        report["total"]!.GetValue<int>().ShouldBe(0);
        foreach (var grouping in new[] { "levels", "sources", "industries", "regions", "statuses", "owners" })
            report[grouping]!.AsArray().ShouldBeEmpty(grouping);
    }

    [Fact]
    public async Task Development_CountsNewCustomersOnTheirLocalDay_FirstAndLastMinuteIn_JustOutsideInThePreviousPeriodOrNowhere()
    {
        using var admin = await app.ApiAsAsync("admin");
        var lin = await app.UserIdAsync("xiaolin");
        (DateTime At, string Name)[] made =
        [
            (Local(2025, 2, 1, 0, 0), "首日零点"),
            (Local(2025, 2, 10, 12, 0), "月中"),
            (Local(2025, 2, 28, 23, 59), "末日"),
            (Local(2025, 1, 31, 23, 59), "上期末日"),
            (Local(2025, 3, 1, 0, 0), "下期首日"),
        ];
        foreach (var (at, name) in made)
        {
            await BackdateAsync(await CreateCompanyAsync(admin, new { name = Name(name), roles = new[] { "customer" }, ownerId = lin }), at);
        }

        var report = await ReportAsync(admin, "customers/development?from=2025-02-01&to=2025-02-28");

        var customers = (await CompaniesAsync()).Where(c => c.IsCustomer).ToList();
        int On(DateOnly day) => customers.Count(c => LocalDay(c.CreatedAt) == day);
        var buckets = report["buckets"]!.AsArray();
        report["unit"]!.GetValue<string>().ShouldBe("day");
        buckets.Count.ShouldBe(28);
        for (var i = 0; i < 28; i++)
        {
            var day = new DateOnly(2025, 2, 1).AddDays(i);
            buckets[i]!["start"]!.GetValue<string>().ShouldBe(day.ToString("yyyy-MM-dd"));
            buckets[i]!["count"]!.GetValue<int>().ShouldBe(On(day), $"{day}");
            buckets[i]!["previous"]!.GetValue<int>().ShouldBe(On(new DateOnly(2025, 1, 1).AddDays(i)), $"previous of {day}");
        }
        var (from, to) = Bounds(new DateOnly(2025, 2, 1), new DateOnly(2025, 2, 28));
        var (previousFrom, previousTo) = Bounds(new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31));
        report["total"]!.GetValue<int>().ShouldBe(customers.Count(c => c.CreatedAt >= from && c.CreatedAt < to));
        report["total"]!.GetValue<int>().ShouldBe(3);
        report["previousTotal"]!.GetValue<int>().ShouldBe(customers.Count(c => c.CreatedAt >= previousFrom && c.CreatedAt < previousTo));
        report["previousTotal"]!.GetValue<int>().ShouldBe(1);
        report["previousFrom"]!.GetValue<string>().ShouldBe("2025-01-01");
    }

    [Fact]
    public async Task Activity_CountsRecordsPerSalespersonAndCustomerInThePeriod_AndOverdueFollowUpsPerOwner()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var xiaolin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var lin = await app.UserIdAsync("xiaolin");
        var linCompany = await CreateCompanyAsync(xiaolin, new { name = Name("活跃林"), roles = new[] { "customer" } });
        var zhaoCompany = await CreateCompanyAsync(zhao, new { name = Name("活跃赵"), roles = new[] { "customer" } });
        async Task Record(HttpClient api, long company, DateTime at, DateTime? next = null)
        {
            using var response = await api.PostAsJsonAsync("/api/v1/contact-records",
                new { companyId = company, contactedAt = At(at), contactName = "王经理", content = "回访", nextContactAt = next is null ? (DateTimeOffset?)null : At(next.Value) });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        await Record(xiaolin, linCompany, Local(2025, 4, 1, 0, 0));
        await Record(xiaolin, linCompany, Local(2025, 4, 30, 23, 59));
        await Record(xiaolin, linCompany, Local(2025, 3, 31, 23, 59));
        await Record(xiaolin, linCompany, Local(2025, 5, 1, 0, 0), next: Local(2025, 5, 8, 9, 0));
        await Record(zhao, zhaoCompany, Local(2025, 4, 15, 10, 0), next: Local(2025, 4, 20, 9, 0));
        await Record(zhao, zhaoCompany, Local(2025, 4, 16, 10, 0));

        var report = await ReportAsync(admin, "customers/activity?from=2025-04-01&to=2025-04-30&limit=10000");

        var (from, to) = Bounds(new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 30));
        var records = await app.WithDbAsync(db => db.ContactRecords.AsNoTracking().Select(r => new { r.Id, r.CompanyId, r.RecorderId, r.ContactedAt, r.NextContactAt }).ToListAsync());
        var inPeriod = records.Where(r => r.ContactedAt >= from && r.ContactedAt < to).ToList();
        report["records"]!.GetValue<int>().ShouldBe(inPeriod.Count);
        report["companies"]!.GetValue<int>().ShouldBe(inPeriod.Select(r => r.CompanyId).Distinct().Count());
        ById(report["bySalesperson"], "records").ShouldBe(Expected(inPeriod, r => r.RecorderId), ignoreOrder: true);
        ById(report["bySalesperson"], "companies").ShouldBe(inPeriod.GroupBy(r => r.RecorderId).ToDictionary(g => g.Key, g => g.Select(r => r.CompanyId).Distinct().Count()), ignoreOrder: true);
        ById(report["byCustomer"], "records").ShouldBe(Expected(inPeriod, r => r.CompanyId), ignoreOrder: true);
        ById(report["byCustomer"], "records")[linCompany].ShouldBe(2);
        ById(report["byCustomer"], "records")[zhaoCompany].ShouldBe(2);
        var ranked = report["byCustomer"]!.AsArray().Select(r => r!["records"]!.GetValue<int>()).ToList();
        ranked.ShouldBe(ranked.OrderByDescending(x => x).ToList());
        var (userNames, companyNames) = await app.WithDbAsync(async db => (
            await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName),
            await db.Companies.ToDictionaryAsync(c => c.Id, c => c.Name)));
        foreach (var r in report["bySalesperson"]!.AsArray()) r!["name"]!.GetValue<string>().ShouldBe(userNames[r["id"]!.GetValue<long>()]);
        foreach (var r in report["byCustomer"]!.AsArray()) r!["name"]!.GetValue<string>().ShouldBe(companyNames[r["id"]!.GetValue<long>()]);
        var top = await ReportAsync(admin, "customers/activity?from=2025-04-01&to=2025-04-30&limit=1");
        top["byCustomer"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ShouldBe([inPeriod.GroupBy(r => r.CompanyId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key]);
        top["companies"]!.GetValue<int>().ShouldBe(inPeriod.Select(r => r.CompanyId).Distinct().Count(), "the count covers every company, whatever the limit");

        // Overdue now: a company's latest record (its 最近联系时间) has a 下次联系时间 before today.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));
        var startOfToday = Local(today.Year, today.Month, today.Day);
        var companies = await CompaniesAsync();
        var overdue = companies.Where(c => records.Any(r => r.CompanyId == c.Id && r.ContactedAt == c.LastContactAt && r.NextContactAt < startOfToday)).ToList();
        overdue.Select(c => c.Id).ShouldContain(linCompany);
        overdue.Select(c => c.Id).ShouldNotContain(zhaoCompany); // its latest record has no 下次联系时间
        report["overdue"]!.GetValue<int>().ShouldBe(overdue.Count);
        ById(report["overdueByOwner"], "companies").ShouldBe(Expected(overdue, c => c.OwnerId), ignoreOrder: true);
        foreach (var r in report["overdueByOwner"]!.AsArray()) r!["name"]!.GetValue<string>().ShouldBe(userNames[r["id"]!.GetValue<long>()]);

        // 小林 sees only his visible companies' records.
        var shared = await app.WithDbAsync(db => db.CompanyShares.Where(s => s.UserId == lin).Select(s => s.CompanyId).ToListAsync());
        var hisCompanies = companies.Where(c => c.OwnerId == lin || shared.Contains(c.Id)).Select(c => c.Id).ToHashSet();
        var his = await ReportAsync(xiaolin, "customers/activity?from=2025-04-01&to=2025-04-30");
        his["records"]!.GetValue<int>().ShouldBe(inPeriod.Count(r => hisCompanies.Contains(r.CompanyId)));
        ById(his["byCustomer"], "records").Keys.ShouldNotContain(zhaoCompany);
        his["overdue"]!.GetValue<int>().ShouldBe(overdue.Count(c => hisCompanies.Contains(c.Id)));

        // A long period (SQLite walks the (recorder, company, 联系时间) index for it): the same figures.
        var (yearFrom, yearTo) = Bounds(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31));
        var inYear = records.Where(r => r.ContactedAt >= yearFrom && r.ContactedAt < yearTo).ToList();
        inYear.Count.ShouldBeGreaterThan(inPeriod.Count);
        var year = await ReportAsync(admin, "customers/activity?from=2025-01-01&to=2025-12-31&limit=10000");
        year["records"]!.GetValue<int>().ShouldBe(inYear.Count);
        year["companies"]!.GetValue<int>().ShouldBe(inYear.Select(r => r.CompanyId).Distinct().Count());
        ById(year["bySalesperson"], "records").ShouldBe(Expected(inYear, r => r.RecorderId), ignoreOrder: true);
        ById(year["bySalesperson"], "companies").ShouldBe(inYear.GroupBy(r => r.RecorderId).ToDictionary(g => g.Key, g => g.Select(r => r.CompanyId).Distinct().Count()), ignoreOrder: true);
        ById(year["byCustomer"], "records").ShouldBe(Expected(inYear, r => r.CompanyId), ignoreOrder: true);
        var hisYear = await ReportAsync(xiaolin, "customers/activity?from=2025-01-01&to=2025-12-31&limit=10000");
        hisYear["records"]!.GetValue<int>().ShouldBe(inYear.Count(r => hisCompanies.Contains(r.CompanyId)));
        ById(hisYear["byCustomer"], "records").ShouldBe(Expected(inYear.Where(r => hisCompanies.Contains(r.CompanyId)).ToList(), r => r.CompanyId), ignoreOrder: true);
    }

    /// <summary>Sold orders in July 2025 for three new customers: 800 (two orders, 500 + 300), 150 and 50,
    /// so the first reaches exactly 80% and is A, the second reaches 95% and is B, the third is C.</summary>
    private async Task<(long A, long B, long C)> SalesInJulyAsync()
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        var product = await StockedProductAsync(app, 100);
        async Task<long> Sold(object customer, string date, decimal amount, bool approve = true)
        {
            var body = new JsonObject
            {
                ["orderDate"] = date,
                ["lines"] = new JsonArray(new JsonObject { ["productId"] = product, ["quantity"] = 1, ["unitPrice"] = amount }),
            };
            if (customer is long id) body["customerId"] = id; else body["customerName"] = (string)customer;
            var created = await CreateOrderAsync(lin, body);
            if (approve)
            {
                using var approved = await zhao.PostAsJsonAsync($"/api/v1/tasks/{await SubmitOrderAsync(lin, created["id"]!.GetValue<long>())}/complete", new { action = "approve", fields = new { reviewOpinion = "同意" } });
                approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
            }
            return created["customerId"]!.GetValue<long>();
        }
        var a = await Sold(Name("贡献甲"), "2025-07-01", 500m);
        await Sold(a, "2025-07-31", 300m);
        var b = await Sold(Name("贡献乙"), "2025-07-15", 150m);
        var c = await Sold(Name("贡献丙"), "2025-07-20", 50m);
        await Sold(c, "2025-06-30", 1000m);
        await Sold(c, "2025-08-01", 1000m);
        await Sold(b, "2025-07-16", 1000m, approve: false);
        return (a, b, c);
    }

    [Fact]
    public async Task Contribution_RanksCustomersBySales_TheOneReachingExactly80PercentIsA_AndCountsRepurchases_InApiPageAndExport()
    {
        var (a, b, c) = await SalesInJulyAsync();
        using var admin = await app.ApiAsAsync("admin");

        var report = await ReportAsync(admin, "customers/contribution?from=2025-07-01&to=2025-07-31");

        var orders = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking()
            .Where(o => (o.State == SalesOrderState.Approved || o.State == SalesOrderState.Collected) && o.OrderDate >= new DateOnly(2025, 7, 1) && o.OrderDate <= new DateOnly(2025, 7, 31))
            .Select(o => new { o.CustomerId, o.Total }).ToListAsync());
        var expected = orders.GroupBy(o => o.CustomerId).Select(g => (Id: g.Key, Orders: g.Count(), Amount: g.Sum(o => o.Total)))
            .OrderByDescending(x => x.Amount).ThenBy(x => x.Id).ToList();
        expected.Select(x => x.Id).ShouldBe([a, b, c]);
        var rows = report["rows"]!.AsArray();
        rows.Select(r => r!["id"]!.GetValue<long>()).ShouldBe(expected.Select(x => x.Id));
        rows.Select(r => r!["amount"]!.GetValue<decimal>()).ShouldBe(expected.Select(x => x.Amount));
        rows.Select(r => r!["orders"]!.GetValue<int>()).ShouldBe([2, 1, 1]);
        rows.Select(r => r!["share"]!.GetValue<decimal>()).ShouldBe([0.8m, 0.15m, 0.05m]);
        rows.Select(r => r!["cumulativeShare"]!.GetValue<decimal>()).ShouldBe([0.8m, 0.95m, 1m]);
        rows.Select(r => r!["class"]!.GetValue<string>()).ShouldBe(["A", "B", "C"]);
        report["total"]!["amount"]!.GetValue<decimal>().ShouldBe(1000m);
        var classes = report["classes"]!.AsArray();
        classes.Select(k => (k!["class"]!.GetValue<string>(), k["customers"]!.GetValue<int>(), k["amount"]!.GetValue<decimal>()))
            .ShouldBe([("A", 1, 800m), ("B", 1, 150m), ("C", 1, 50m)]);
        report["buyers"]!.GetValue<int>().ShouldBe(3);
        report["repeatBuyers"]!.GetValue<int>().ShouldBe(expected.Count(x => x.Orders >= 2));
        report["repurchaseRate"]!.GetValue<decimal>().ShouldBe(0.3333m);

        using var page = await app.BrowserAsAsync("admin");
        var document = await page.GetDocumentAsync("/analytics/customers?period=custom&from=2025-07-01&to=2025-07-31");
        document.QuerySelector("#chart-contribution-classes").ShouldNotBeNull();
        document.QuerySelector("#chart-customers-development").ShouldNotBeNull();
        var table = document.QuerySelector("#table-contribution").ShouldNotBeNull();
        table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td")[6].TextContent.Trim()).ShouldBe(["A", "B", "C"]);
        document.QuerySelector("#figure-repurchase")!.TextContent.Trim().ShouldBe("33.33%");

        var sheet = await SheetAsync(page.Http, "/analytics/customers?handler=Export&period=custom&from=2025-07-01&to=2025-07-31", "客户贡献");
        var exported = sheet.Where(r => r["名次"]?.ToString() != "合计").ToList();
        exported.Select(r => Number(r["销售额"])).ShouldBe(rows.Select(r => r!["amount"]!.GetValue<decimal>()));
        exported.Select(r => Number(r["累计占比 (%)"])).ShouldBe([80m, 95m, 100m]);
        exported.Select(r => r["分类"]?.ToString()).ShouldBe(["A", "B", "C"]);
        var abc = await SheetAsync(page.Http, "/analytics/customers?handler=Export&period=custom&from=2025-07-01&to=2025-07-31", "ABC 分类");
        abc.Take(3).Select(r => Number(r["销售额"])).ShouldBe([800m, 150m, 50m]);
    }

    [Fact]
    public async Task Contribution_ForAUserWhoMayNotSeeSales_Is403_AndThePageLeavesItOut()
    {
        using var xiaoli = await app.ApiAsAsync("xiaoli");

        using var refused = await xiaoli.GetAsync("/api/v1/reports/customers/contribution?from=2025-07-01&to=2025-07-31");

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReportAsync(xiaoli, "customers/composition"))["total"].ShouldNotBeNull();
        using var page = await app.BrowserAsAsync("xiaoli");
        var document = await page.GetDocumentAsync("/analytics/customers");
        document.QuerySelector("#table-customers-by-level").ShouldNotBeNull();
        document.QuerySelector("#table-contribution").ShouldBeNull();
        document.QuerySelector("#figure-repurchase").ShouldBeNull();
    }

    [Theory]
    [InlineData("customers/composition")]
    [InlineData("customers/development")]
    [InlineData("customers/activity")]
    [InlineData("customers/contribution")]
    public async Task BadPeriod_Is400NamingTheField(string route)
    {
        using var admin = await app.ApiAsAsync("admin");

        await ShouldRefuseBadPeriodsAsync(admin, route);
    }
}

public sealed class CustomerAnalysisTestsOnSqlite(SqliteApp app) : CustomerAnalysisTests(app), IClassFixture<SqliteApp>;

public sealed class CustomerAnalysisTestsOnPostgres(PostgresApp app) : CustomerAnalysisTests(app), IClassFixture<PostgresApp>;

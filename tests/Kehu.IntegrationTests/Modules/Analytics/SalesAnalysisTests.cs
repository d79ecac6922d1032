using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>
/// 销售分析 against figures worked out here from the raw rows (orders, lines, stock moves) read back
/// from the database. The data is March 2024 (the period) with February as the previous period:
/// orders on the first and last days of both, one just after, orders in every state, discounts and
/// a partial payment, made through the API and the workflow so stock and cost are posted for real.
/// </summary>
public abstract class SalesAnalysisTests(KehuApp app)
{
    private const string March = "from=2024-03-01&to=2024-03-31";
    private static readonly DateOnly From = new(2024, 3, 1), To = new(2024, 3, 31);
    private static readonly ConditionalWeakTable<KehuApp, Task<Seed>> Seeds = new();

    private sealed record Seed(long CustomerA, string NewCustomerName, long P1, long P2);

    private sealed record RawOrder(long Id, long CustomerId, long SalespersonId, SalesOrderState State, DateOnly Date, decimal Total, List<(long Product, decimal Quantity, decimal Amount)> Lines);

    private Task<Seed> SeedAsync() => Seeds.GetValue(app, _ => MakeSeedAsync());

    private async Task<Seed> MakeSeedAsync()
    {
        var a = await CustomerAsync(app);
        var p1 = await StockedProductAsync(app, onHand: 100, salePrice: 20m, cost: 12m);
        var p2 = await StockedProductAsync(app, onHand: 100, salePrice: 7.5m, cost: 3.35m);
        var newCustomer = "分析客户" + Guid.NewGuid().ToString("N")[..6];
        using var lin = await app.ApiAsAsync("xiaolin");
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");

        async Task<long> Order(string date, object customer, params object[] lines)
        {
            var body = new JsonObject { ["orderDate"] = date, ["lines"] = System.Text.Json.JsonSerializer.SerializeToNode(lines, ApiJson.Options) };
            foreach (var (k, v) in System.Text.Json.JsonSerializer.SerializeToNode(customer, ApiJson.Options)!.AsObject()) body[k] = v?.DeepClone();
            return (await CreateOrderAsync(lin, body))["id"]!.GetValue<long>();
        }
        async Task Act(HttpClient who, long task, object body)
        {
            using var r = await who.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", body);
            r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        }
        async Task Approve(long id) => await Act(zhao, await SubmitOrderAsync(lin, id), new { action = "approve" });
        async Task Collect(long id, decimal amount) => await Act(qian, (await PendingTaskAsync(app, id))!.Value, new { action = "collect", fields = new { receiptAmount = amount, receiptMethod = "bank" } });

        var first = await Order("2024-03-01", new { customerId = a }, new { productId = p1, quantity = 3 }, new { productId = p2, quantity = 2, discount = 0.9m });
        await Approve(first);
        var last = await Order("2024-03-31", new { customerName = newCustomer }, new { productId = p2, quantity = 5, unitPrice = 7.77m, discount = 0.85m });
        await Approve(last);
        await Collect(last, 10m);
        var collected = await Order("2024-03-15", new { customerId = a }, new { productId = p1, quantity = 1 });
        await Approve(collected);
        await Collect(collected, 20m);
        var b = (await ReadOrderAsync(lin, last))["customerId"]!.GetValue<long>();
        await Order("2024-03-10", new { customerId = b }, new { productId = p1, quantity = 2 });
        var rejected = await Order("2024-03-11", new { customerId = a }, new { productId = p1, quantity = 4 });
        await Act(zhao, await SubmitOrderAsync(lin, rejected), new { action = "reject", opinion = "价格太低" });
        var returned = await Order("2024-03-12", new { customerId = a }, new { productId = p2, quantity = 1 });
        await Act(zhao, await SubmitOrderAsync(lin, returned), new { action = "return", opinion = "再确认" });
        await SubmitOrderAsync(lin, await Order("2024-03-13", new { customerId = b }, new { productId = p2, quantity = 1 }));
        await Approve(await Order("2024-02-29", new { customerId = a }, new { productId = p1, quantity = 2, unitPrice = 19.99m, discount = 0.95m }));
        await Approve(await Order("2024-04-01", new { customerId = b }, new { productId = p2, quantity = 3 }));
        await Approve(await Order("2024-02-01", new { customerId = b }, new { productId = p1, quantity = 1 }, new { productId = p2, quantity = 1 }));
        return new Seed(a, newCustomer, p1, p2);
    }

    private Task<List<RawOrder>> RawOrdersAsync() => app.WithDbAsync(async db =>
        (await db.SalesOrders.AsNoTracking().Include(o => o.Lines).ToListAsync())
            .Select(o => new RawOrder(o.Id, o.CustomerId, o.SalespersonId, o.State, o.OrderDate, o.Total, o.Lines.Select(l => (l.ProductId, l.Quantity, l.Amount)).ToList()))
            .ToList());

    private static bool Counts(RawOrder o) => o.State is SalesOrderState.Approved or SalesOrderState.Collected;

    private static List<RawOrder> In(List<RawOrder> orders, DateOnly from, DateOnly to) => orders.Where(o => Counts(o) && o.Date >= from && o.Date <= to).ToList();

    private static async Task<JsonObject> GetAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static decimal Dec(JsonNode? n) => n!.GetValue<decimal>();

    [Fact]
    public async Task ByPeriod_MatchesTheRawOrders_DayByDay_AgainstThePreviousMonth()
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        var report = await GetAsync(admin, $"/api/v1/reports/sales/by-period?{March}");

        var raw = await RawOrdersAsync();
        var current = In(raw, From, To);
        var previous = In(raw, new DateOnly(2024, 2, 1), new DateOnly(2024, 2, 29));
        var lin = await app.UserIdAsync("xiaolin");
        current.Where(o => o.SalespersonId == lin).Select(o => o.Date.Day).Order().ToArray().ShouldBe([1, 15, 31],
            "the orders of 3-01, 3-15 and 3-31 count; draft, rejected, returned and in-review ones do not");
        previous.Select(o => o.Date.Day).Order().ToArray().ShouldBe([1, 29]);
        report["unit"]!.GetValue<string>().ShouldBe("day");
        report["previousFrom"]!.GetValue<string>().ShouldBe("2024-02-01");
        report["previousTo"]!.GetValue<string>().ShouldBe("2024-02-29");
        var buckets = report["buckets"]!.AsArray();
        buckets.Count.ShouldBe(31);
        for (var i = 0; i < 31; i++)
        {
            var day = From.AddDays(i);
            var b = buckets[i]!;
            b["start"]!.GetValue<string>().ShouldBe(day.ToString("yyyy-MM-dd"));
            b["orders"]!.GetValue<int>().ShouldBe(current.Count(o => o.Date == day));
            Dec(b["amount"]).ShouldBe(current.Where(o => o.Date == day).Sum(o => o.Total));
            var before = new DateOnly(2024, 2, 1).AddDays(i);
            if (before.Month == 2) Dec(b["previousAmount"]).ShouldBe(previous.Where(o => o.Date == before).Sum(o => o.Total));
            else b["previousAmount"].ShouldBeNull("February 2024 has 29 days");
        }
        Dec(report["total"]!["amount"]).ShouldBe(current.Sum(o => o.Total));
        report["total"]!["orders"]!.GetValue<int>().ShouldBe(current.Count);
        Dec(report["previousTotal"]!["amount"]).ShouldBe(previous.Sum(o => o.Total));
    }

    [Fact]
    public async Task ByPeriod_GroupedByWeek_StartsWeeksOnMonday_AndCutsThePeriodsEnds()
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        var report = await GetAsync(admin, "/api/v1/reports/sales/by-period?from=2024-02-28&to=2024-03-12&groupBy=week");

        var raw = await RawOrdersAsync();
        (DateOnly, DateOnly)[] weeks = [(new(2024, 2, 28), new(2024, 3, 3)), (new(2024, 3, 4), new(2024, 3, 10)), (new(2024, 3, 11), new(2024, 3, 12))];
        var buckets = report["buckets"]!.AsArray();
        buckets.Select(b => (b!["start"]!.GetValue<string>(), b["end"]!.GetValue<string>()))
            .ShouldBe(weeks.Select(w => (w.Item1.ToString("yyyy-MM-dd"), w.Item2.ToString("yyyy-MM-dd"))));
        for (var i = 0; i < weeks.Length; i++)
            Dec(buckets[i]!["amount"]).ShouldBe(In(raw, weeks[i].Item1, weeks[i].Item2).Sum(o => o.Total));
        Dec(report["total"]!["amount"]).ShouldBe(In(raw, weeks[0].Item1, weeks[^1].Item2).Sum(o => o.Total));
        Dec(report["total"]!["amount"]).ShouldBeGreaterThan(0m);
    }

    [Fact]
    public async Task ByCustomerAndBySalesperson_RankTheRawTotals_WithShares()
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        var customers = await GetAsync(admin, $"/api/v1/reports/sales/by-customer?{March}");
        var salespeople = await GetAsync(admin, $"/api/v1/reports/sales/by-salesperson?{March}");

        var current = In(await RawOrdersAsync(), From, To);
        var total = current.Sum(o => o.Total);
        var expected = current.GroupBy(o => o.CustomerId).Select(g => (Id: g.Key, Orders: g.Count(), Amount: g.Sum(o => o.Total)))
            .OrderByDescending(x => x.Amount).ThenBy(x => x.Id).ToList();
        var rows = customers["rows"]!.AsArray();
        rows.Select(r => (r!["id"]!.GetValue<long>(), r["orders"]!.GetValue<int>(), Dec(r["amount"]))).ShouldBe(expected.Select(e => (e.Id, e.Orders, e.Amount)));
        rows.Select(r => Dec(r!["share"])).ShouldBe(expected.Select(e => decimal.Round(e.Amount / total, 4)));
        rows.Select(r => r!["rank"]!.GetValue<int>()).ShouldBe(Enumerable.Range(1, expected.Count));
        Dec(customers["total"]!["amount"]).ShouldBe(total);

        var bySalesperson = current.GroupBy(o => o.SalespersonId).Select(g => (g.Key, g.Count(), g.Sum(o => o.Total))).OrderByDescending(x => x.Item3).ThenBy(x => x.Key).ToList();
        salespeople["rows"]!.AsArray().Select(r => (r!["id"]!.GetValue<long>(), r["orders"]!.GetValue<int>(), Dec(r["amount"]))).ShouldBe(bySalesperson);
        var lin = await app.UserIdAsync("xiaolin");
        salespeople["rows"]!.AsArray().Single(r => r!["id"]!.GetValue<long>() == lin)!["name"]!.GetValue<string>().ShouldBe("小林");
    }

    [Fact]
    public async Task ByProduct_SumsTheDiscountedLines_AndCostsThemAtTheMovesOfTheirIssue()
    {
        var seed = await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        var report = await GetAsync(admin, $"/api/v1/reports/sales/by-product?{March}");

        var current = In(await RawOrdersAsync(), From, To);
        var ids = current.Select(o => o.Id).ToHashSet();
        var moves = await app.WithDbAsync(db => db.StockMoves.AsNoTracking().Where(m => m.DocumentType == SalesOrder.DocumentType).ToListAsync());
        var expected = current.SelectMany(o => o.Lines).GroupBy(l => l.Product)
            .Select(g =>
            {
                var cost = -moves.Where(m => ids.Contains(m.DocumentId) && m.ProductId == g.Key).Sum(m => m.Amount);
                var amount = g.Sum(l => l.Amount);
                return (Id: g.Key, Quantity: g.Sum(l => l.Quantity), Amount: amount, Cost: cost, Margin: amount - cost, Rate: decimal.Round((amount - cost) / amount, 4));
            })
            .OrderByDescending(x => x.Amount).ThenBy(x => x.Id).ToList();
        var seeded = expected.Where(e => e.Id == seed.P1 || e.Id == seed.P2).ToList();
        seeded.Count.ShouldBe(2);
        seeded.ShouldAllBe(e => e.Cost > 0, "approval issued the goods at their average cost");
        var rows = report["rows"]!.AsArray();
        rows.Select(r => (r!["id"]!.GetValue<long>(), Dec(r["quantity"]), Dec(r["amount"]), Dec(r["cost"]), Dec(r["margin"]), Dec(r["marginRate"])))
            .ShouldBe(expected.Select(e => (e.Id, e.Quantity, e.Amount, e.Cost, e.Margin, e.Rate)));
        Dec(report["total"]!["amount"]).ShouldBe(expected.Sum(e => e.Amount));
        Dec(report["total"]!["margin"]).ShouldBe(expected.Sum(e => e.Margin));
    }

    [Fact]
    public async Task SalespersonsAnalysis_CoversOnlyTheOrdersHeMaySee()
    {
        await SeedAsync();
        var zhao = await app.UserIdAsync("zhaojingli");
        var linId = await app.UserIdAsync("xiaolin");
        var (othersCustomer, othersOrder) = await app.WithDbAsync(async db =>
        {
            var customer = await db.Companies.Where(c => c.IsCustomer && c.OwnerId != linId && !c.Shares.Any(s => s.UserId == linId)).Select(c => c.Id).FirstAsync();
            var product = await db.Products.Select(p => p.Id).FirstAsync();
            var order = new SalesOrder("T" + Guid.NewGuid().ToString("N")[..18], zhao,
                new SalesOrderDetails(new DateOnly(2024, 3, 20), customer, null, [new OrderLineDetails(product, 7, 100m, 1m)]));
            db.SalesOrders.Add(order);
            order.Submit();
            order.Approve();
            await db.SaveChangesAsync();
            return (customer, order.Id);
        });
        using var lin = await app.ApiAsAsync("xiaolin");
        using var all = await app.ApiAsAsync("admin");

        var his = await GetAsync(lin, $"/api/v1/reports/sales/by-customer?{March}");
        var everything = await GetAsync(all, $"/api/v1/reports/sales/by-customer?{March}");

        var current = In(await RawOrdersAsync(), From, To);
        var visibleCustomers = await app.WithDbAsync(db => db.Companies.Where(c => c.OwnerId == linId || c.Shares.Any(s => s.UserId == linId)).Select(c => c.Id).ToListAsync());
        var mine = current.Where(o => o.SalespersonId == linId || visibleCustomers.Contains(o.CustomerId)).ToList();
        mine.ShouldNotContain(o => o.Id == othersOrder);
        Dec(his["total"]!["amount"]).ShouldBe(mine.Sum(o => o.Total));
        his["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ShouldNotContain(othersCustomer);
        Dec(everything["total"]!["amount"]).ShouldBe(current.Sum(o => o.Total));
        everything["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ShouldContain(othersCustomer);
    }

    [Fact]
    public async Task UserWithoutSalesRights_IsRefused_OnTheApiAndThePage_AndHasNoMenuEntry()
    {
        using var li = await app.ApiAsAsync("xiaoli");
        using var api = await li.GetAsync($"/api/v1/reports/sales/by-customer?{March}");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var browser = await app.BrowserAsAsync("xiaoli");
        using var page = await browser.Http.GetAsync("/analytics/sales");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/account/denied");
        (await browser.GetDocumentAsync("/")).QuerySelector("a[href='/analytics/sales']").ShouldBeNull();
        using var anonymous = await app.Anonymous().GetAsync($"/api/v1/reports/sales/by-period?{March}");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("from=2024-13-01&to=2024-03-31", "from")]
    [InlineData("from=2024-03-31&to=2024-03-01", "to")]
    [InlineData("from=2024-03-01", "to")]
    [InlineData("from=2010-01-01&to=2024-03-01", "to")]
    [InlineData("from=2024-03-01&to=2024-03-31&groupBy=fortnight", "groupBy")]
    [InlineData("from=2024-03-01&to=2024-03-31&limit=0", "limit")]
    public async Task BadPeriod_IsRefusedNamingTheField(string query, string field)
    {
        using var admin = await app.ApiAsAsync("admin");
        using var response = await admin.GetAsync($"/api/v1/reports/sales/by-customer?{query}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync(field)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Page_ShowsTheChartsAndTheTable_ForTheChosenMonth()
    {
        await SeedAsync();
        using var browser = await app.BrowserAsAsync("zhaojingli");

        var doc = await browser.GetDocumentAsync("/analytics/sales?period=month&date=2024-03-10");

        doc.QuerySelector("#period-text")!.TextContent.ShouldBe("2024-03-01 ~ 2024-03-31");
        doc.QuerySelector("#chart-sales-trend").ShouldNotBeNull();
        doc.QuerySelector("#chart-sales-trend-option")!.TextContent.ShouldContain("2024-03-31");
        var current = In(await RawOrdersAsync(), From, To);
        doc.QuerySelector("#figure-amount")!.TextContent.ShouldBe(current.Sum(o => o.Total).ToString("N2"));
        var rows = doc.QuerySelectorAll("#table-sales-by-period tbody tr");
        rows.Length.ShouldBe(31);
        doc.QuerySelector("#table-sales-by-customer a[href*='customerId=']")!.GetAttribute("href")!.ShouldContain("state=sold&from=2024-03-01&to=2024-03-31");
        doc.QuerySelector("#period-previous")!.GetAttribute("href").ShouldBe("?period=month&date=2024-02-01&groupBy=");
    }

    [Fact]
    public async Task DrillDown_ListsExactlyTheOrdersBehindTheFigure()
    {
        var seed = await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");

        var list = await GetAsync(admin, $"/api/v1/sales-orders?state=sold&customerId={seed.CustomerA}&from=2024-03-01&to=2024-03-31&limit=100");

        var expected = In(await RawOrdersAsync(), From, To).Where(o => o.CustomerId == seed.CustomerA).Select(o => o.Id).OrderDescending();
        list["items"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ShouldBe(expected);
    }

    [Fact]
    public async Task Export_IsAnXlsxWithTheSameFigures()
    {
        await SeedAsync();
        using var browser = await app.BrowserAsAsync("admin");
        using var admin = await app.ApiAsAsync("admin");

        using var response = await browser.Http.GetAsync($"/analytics/sales?handler=Export&period=custom&{March}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var file = new MemoryStream(await response.Content.ReadAsByteArrayAsync());

        var sheets = MiniExcel.GetSheetNames(file);
        sheets.ShouldBe(["按期间汇总", "销售员排名", "客户排名", "商品销售排名与毛利"]);
        var customers = MiniExcel.Query(file, useHeaderRow: true, sheetName: "客户排名").Cast<IDictionary<string, object?>>().ToList();
        var api = await GetAsync(admin, $"/api/v1/reports/sales/by-customer?{March}");
        var apiRows = api["rows"]!.AsArray();
        customers.Count.ShouldBe(apiRows.Count + 1, "the rows and the 合计 row");
        for (var i = 0; i < apiRows.Count; i++)
        {
            Convert.ToDecimal(customers[i]["销售额"]).ShouldBe(Dec(apiRows[i]!["amount"]));
            customers[i]["客户"].ShouldBe(apiRows[i]!["name"]!.GetValue<string>());
        }
        customers[^1]["名次"].ShouldBe("合计");
        Convert.ToDecimal(customers[^1]["销售额"]).ShouldBe(Dec(api["total"]!["amount"]));
    }

    [Fact]
    public async Task Export_AsCsv_HoldsEachTableAfterItsTitle_WithTheWorkbooksFigures()
    {
        await SeedAsync();
        using var browser = await app.BrowserAsAsync("admin");
        using var xlsx = await browser.Http.GetAsync($"/analytics/sales?handler=Export&period=custom&{March}&format=xlsx");
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());

        using var response = await browser.Http.GetAsync($"/analytics/sales?handler=Export&period=custom&{March}&format=csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldEndWith(".csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(System.Text.Encoding.UTF8.Preamble.ToArray());
        var rows = Kehu.IntegrationTests.Platform.Export.ExportFiles.ParseCsv(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
        var tables = new List<List<List<string>>> { new() };
        foreach (var row in rows)
        {
            if (row is [""]) tables.Add([]);
            else tables[^1].Add(row);
        }
        tables.RemoveAll(t => t.Count == 0);
        tables.Select(t => t[0].Single()).ShouldBe(MiniExcel.GetSheetNames(workbook));
        foreach (var table in tables)
        {
            var sheet = MiniExcel.Query(workbook, useHeaderRow: true, sheetName: table[0][0]).Cast<IDictionary<string, object?>>().ToList();
            table[1].ShouldBe(sheet[0].Keys);
            // Figures compared as numbers: the CSV writes 73.90 where the workbook holds 73.9.
            static string Same(string? text) => decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var d)
                ? d.ToString("0.##########", System.Globalization.CultureInfo.InvariantCulture) : text ?? "";
            table.Skip(2).Select(r => string.Join("|", r.Select(Same)))
                .ShouldBe(sheet.Select(r => string.Join("|", r.Values.Select(v => Same(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture))))));
        }
    }
}

public sealed class SalesAnalysisTestsOnSqlite(SqliteApp app) : SalesAnalysisTests(app), IClassFixture<SqliteApp>;

public sealed class SalesAnalysisTestsOnPostgres(PostgresApp app) : SalesAnalysisTests(app), IClassFixture<PostgresApp>;

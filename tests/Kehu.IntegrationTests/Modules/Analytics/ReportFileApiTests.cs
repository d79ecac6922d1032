using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Trade;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>
/// The report API's <c>format=xlsx|csv</c>: the route's tables of the page's export, for the same
/// period and data scope, with the figures the JSON route gives. The data is May 2023: approved
/// orders of 小林's customers and one of 赵经理 for a customer 小林 may not see.
/// </summary>
public abstract class ReportFileApiTests(KehuApp app)
{
    private const string May = "from=2023-05-01&to=2023-05-31";
    private static readonly ConditionalWeakTable<KehuApp, Task<long>> Seeds = new();

    /// <summary>The customer 小林 may not see.</summary>
    private Task<long> SeedAsync() => Seeds.GetValue(app, _ => MakeSeedAsync());

    private async Task<long> MakeSeedAsync()
    {
        var lin = await app.UserIdAsync("xiaolin");
        var zhao = await app.UserIdAsync("zhaojingli");
        return await app.WithDbAsync(async db =>
        {
            var linsCustomers = await db.Companies.Where(c => c.IsCustomer && c.OwnerId == lin).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync();
            var hidden = await db.Companies.Where(c => c.IsCustomer && c.OwnerId != lin && !c.Shares.Any(s => s.UserId == lin)).Select(c => c.Id).FirstAsync();
            var product = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            void Approved(long salesperson, int day, long customer, decimal quantity, decimal price)
            {
                var order = new SalesOrder("T" + Guid.NewGuid().ToString("N")[..18], salesperson,
                    new SalesOrderDetails(new DateOnly(2023, 5, day), customer, null, [new OrderLineDetails(product, quantity, price, 1m)]));
                db.SalesOrders.Add(order);
                order.Submit();
                order.Approve();
            }
            Approved(lin, 1, linsCustomers[0], 3, 100m);
            Approved(lin, 12, linsCustomers[1], 1, 45.5m);
            Approved(lin, 31, linsCustomers[0], 2, 10m);
            Approved(zhao, 20, hidden, 7, 100m);
            await db.SaveChangesAsync();
            return hidden;
        });
    }

    private static async Task<JsonObject> JsonAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadObjectAsync();
    }

    private static async Task<MemoryStream> FileAsync(HttpClient api, string url)
    {
        using var response = await api.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        return new MemoryStream(await response.Content.ReadAsByteArrayAsync());
    }

    private static List<IDictionary<string, object?>> Sheet(Stream file, string name) =>
        MiniExcel.Query(file, useHeaderRow: true, sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToList();

    private static decimal Dec(object? value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    private static string M(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task SalesByCustomer_AsXlsx_IsTheRoutesTableWithTheJsonFigures_EveryRowWhateverTheLimit()
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");
        var json = await JsonAsync(admin, $"/api/v1/reports/sales/by-customer?{May}");

        using var file = await FileAsync(admin, $"/api/v1/reports/sales/by-customer?{May}&limit=1&format=xlsx");

        MiniExcel.GetSheetNames(file).ShouldBe(["客户排名"]);
        var rows = Sheet(file, "客户排名");
        var apiRows = json["rows"]!.AsArray();
        apiRows.Count.ShouldBe(3);
        rows.Count.ShouldBe(apiRows.Count + 1, "every row and the 合计 row");
        rows.Take(apiRows.Count).Select(r => $"{r["客户"]}|{Dec(r["销售单数"])}|{M(Dec(r["销售额"]))}")
            .ShouldBe(apiRows.Select(r => $"{r!["name"]!.GetValue<string>()}|{r["orders"]!.GetValue<int>()}|{M(r["amount"]!.GetValue<decimal>())}"));
        rows[^1]["名次"].ShouldBe("合计");
        Dec(rows[^1]["销售额"]).ShouldBe(json["total"]!["amount"]!.GetValue<decimal>());
        Dec(rows[^1]["销售额"]).ShouldBe(1065.5m, "300 + 45.50 + 20 + 700");
    }

    [Fact]
    public async Task SalesByPeriod_AsCsv_StartsWithABom_AndHoldsTheJsonTotals()
    {
        await SeedAsync();
        using var admin = await app.ApiAsAsync("admin");
        var json = await JsonAsync(admin, $"/api/v1/reports/sales/by-period?{May}");

        using var response = await admin.GetAsync($"/api/v1/reports/sales/by-period?{May}&format=csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar!.ShouldBe("销售分析-20230501-20230531.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(System.Text.Encoding.UTF8.Preamble.ToArray());
        var rows = Platform.Export.ExportFiles.ParseCsv(System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3)).Where(r => r is not [""]).ToList();
        rows[0].ShouldBe(["按期间汇总"], "the route's one table, after its title");
        rows[1].ShouldBe(["期间", "销售单数", "销售额", "上期销售单数", "上期销售额"]);
        var buckets = json["buckets"]!.AsArray();
        rows.Count.ShouldBe(2 + buckets.Count + 1);
        rows.Skip(2).Take(buckets.Count).Select(r => $"{r[0]}|{r[1]}|{M(decimal.Parse(r[2], CultureInfo.InvariantCulture))}")
            .ShouldBe(buckets.Select(b => $"{b!["label"]!.GetValue<string>()}|{b["orders"]!.GetValue<int>()}|{M(b["amount"]!.GetValue<decimal>())}"));
        rows[^1][0].ShouldBe("合计");
        int.Parse(rows[^1][1], CultureInfo.InvariantCulture).ShouldBe(json["total"]!["orders"]!.GetValue<int>());
        decimal.Parse(rows[^1][2], CultureInfo.InvariantCulture).ShouldBe(json["total"]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task SalespersonsFile_CoversOnlyHisScope_AsHisJsonDoes()
    {
        var hidden = await SeedAsync();
        var hiddenName = await app.WithDbAsync(db => db.Companies.Where(c => c.Id == hidden).Select(c => c.Name).SingleAsync());
        using var lin = await app.ApiAsAsync("xiaolin");
        using var admin = await app.ApiAsAsync("admin");
        var his = await JsonAsync(lin, $"/api/v1/reports/sales/by-customer?{May}");

        using var linsFile = await FileAsync(lin, $"/api/v1/reports/sales/by-customer?{May}&format=xlsx");
        using var adminsFile = await FileAsync(admin, $"/api/v1/reports/sales/by-customer?{May}&format=xlsx");

        var rows = Sheet(linsFile, "客户排名");
        rows.SkipLast(1).Select(r => $"{r["客户"]}|{M(Dec(r["销售额"]))}")
            .ShouldBe(his["rows"]!.AsArray().Select(r => $"{r!["name"]!.GetValue<string>()}|{M(r["amount"]!.GetValue<decimal>())}"));
        rows.Select(r => r["客户"]?.ToString()).ShouldNotContain(hiddenName);
        Dec(rows[^1]["销售额"]).ShouldBe(his["total"]!["amount"]!.GetValue<decimal>());
        Sheet(adminsFile, "客户排名").Select(r => r["客户"]?.ToString()).ShouldContain(hiddenName);
    }

    [Theory]
    [InlineData("/api/v1/reports/sales/by-customer", "pdf")]
    [InlineData("/api/v1/reports/customers/composition", "")]
    [InlineData("/api/v1/reports/inventory", "XLS")]
    public async Task Format_Unknown_Is400NamingFormat(string route, string format)
    {
        using var admin = await app.ApiAsAsync("admin");

        using var response = await admin.GetAsync($"{route}?{May}&format={format}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.FieldErrorsAsync("format")).ShouldBe(["导出格式只能是 xlsx 或 csv"]);
        response.Content.Headers.ContentDisposition.ShouldBeNull();
    }

    [Fact]
    public async Task CustomerRoutes_GiveTheirOwnTables_AndContributionIsRefusedToWhoeverMayNotSeeSales()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var li = await app.ApiAsAsync("xiaoli");
        var composition = await JsonAsync(admin, $"/api/v1/reports/customers/composition?{May}");

        using var file = await FileAsync(admin, $"/api/v1/reports/customers/composition?{May}&format=xlsx");
        using var refusedJson = await li.GetAsync($"/api/v1/reports/customers/contribution?{May}");
        using var refusedFile = await li.GetAsync($"/api/v1/reports/customers/contribution?{May}&format=xlsx");

        var sheets = MiniExcel.GetSheetNames(file);
        sheets.Count.ShouldBe(6);
        sheets.ShouldAllBe(s => s.StartsWith("客户构成"));
        var levels = Sheet(file, sheets[0]);
        Dec(levels[^1]["客户数"]).ShouldBe(composition["total"]!.GetValue<int>());
        levels.SkipLast(1).Select(r => Dec(r["客户数"])).ShouldBe(composition["levels"]!.AsArray().Select(l => (decimal)l!["count"]!.GetValue<int>()));
        refusedJson.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refusedFile.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refusedFile.Content.Headers.ContentDisposition.ShouldBeNull();
        (await refusedFile.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe((await refusedJson.ReadObjectAsync())["detail"]!.GetValue<string>());
    }
}

public sealed class ReportFileApiTestsOnSqlite(SqliteApp app) : ReportFileApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReportFileApiTestsOnPostgres(PostgresApp app) : ReportFileApiTests(app), IClassFixture<PostgresApp>;

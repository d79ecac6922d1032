using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.IntegrationTests.Platform.Export;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Trade;

/// <summary>收款单 and 付款单 exports (<c>/api/v1/receipts/export</c>, <c>/api/v1/payments/export</c>):
/// the rows of the list under the same filters and data scope, refused as the list is.</summary>
public abstract class SettlementExportTests(KehuApp app)
{
    private static string Money(decimal d) => d.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Money(object? cell) => Money(Convert.ToDecimal(cell, CultureInfo.InvariantCulture));

    private static async Task Act(HttpClient who, long task, object body)
    {
        using var r = await who.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", body);
        r.StatusCode.ShouldBe(HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
    }

    /// <summary>A 销售单 by <paramref name="seller"/>, approved by 赵经理 and collected by 钱经理 in two
    /// receipts (bank, then cash); answers its id and number.</summary>
    private async Task<(long Id, string Number)> CollectedSaleAsync(HttpClient seller, object customer)
    {
        var product = await Sales.SalesOrderTestData.StockedProductAsync(app, onHand: 10, salePrice: 50m);
        using var zhao = await app.ApiAsAsync("zhaojingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var body = System.Text.Json.JsonSerializer.SerializeToNode(customer, ApiJson.Options)!.AsObject();
        body["lines"] = System.Text.Json.JsonSerializer.SerializeToNode(new object[] { new { productId = product, quantity = 2 } }, ApiJson.Options);
        var order = await Sales.SalesOrderTestData.CreateOrderAsync(seller, body);
        var id = order["id"]!.GetValue<long>();
        await Act(zhao, await Sales.SalesOrderTestData.SubmitOrderAsync(seller, id), new { action = "approve" });
        await Act(qian, (await Sales.SalesOrderTestData.PendingTaskAsync(app, id))!.Value, new { action = "collect", fields = new { receiptAmount = 60.5m, receiptMethod = "bank" } });
        await Act(qian, (await Sales.SalesOrderTestData.PendingTaskAsync(app, id))!.Value, new { action = "collect", fields = new { receiptAmount = 39.5m, receiptMethod = "cash" } });
        return (id, order["number"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Receipts_ExportHoldsTheListsRows_UnderTheOrderFilter_AndWithoutIt(string format)
    {
        using var lin = await app.ApiAsAsync("xiaolin");
        using var qian = await app.ApiAsAsync("qianjingli");
        var customer = await Sales.SalesOrderTestData.CustomerAsync(app);
        var (order, number) = await CollectedSaleAsync(lin, new { customerId = customer });
        var customerName = (await (await qian.GetAsync($"/api/v1/companies/{customer}")).ReadObjectAsync())["name"]!.GetValue<string>();
        var listed = await ExportFiles.ApiListAsync(qian, $"/api/v1/receipts?salesOrderId={order}", i => i["number"]!.GetValue<string>());
        var all = await ExportFiles.ApiListAsync(qian, "/api/v1/receipts", i => i["number"]!.GetValue<string>());

        var filtered = await ExportFiles.DownloadAsync(qian, $"/api/v1/receipts/export?format={format}&salesOrderId={order}", format);
        var whole = await ExportFiles.DownloadAsync(qian, $"/api/v1/receipts/export?format={format}", format);

        listed.Count.ShouldBe(2);
        Rows(filtered, format).ShouldBe(
        [
            $"{listed[0]}|现金|{Money(39.5m)}|{number}|{customerName}|钱经理",
            $"{listed[1]}|银行转账|{Money(60.5m)}|{number}|{customerName}|钱经理",
        ]);
        Rows(whole, format).Select(r => r.Split('|')[0]).ShouldBe(all.Select(n => n!));
        all.Count.ShouldBeGreaterThan(2, "the demo data has receipts of its own");
        if (format == "xlsx")
            ExportFiles.Xlsx(filtered).Select(r => r["收款金额"]).ShouldAllBe(v => v is double || v is decimal, "amounts are numeric cells");
    }

    /// <summary>Each row as 单号|方式|金额 (two decimals)|order|partner|person, of a 收款单 or 付款单 export.</summary>
    private static List<string> Rows(string file, string format, string kind = "收款")
    {
        string[] headers = [$"{kind}单号", $"{kind}方式", $"{kind}金额", kind == "收款" ? "销售单" : "采购单", kind == "收款" ? "客户" : "供应商", $"{kind}人"];
        var amount = headers[2];
        if (format == "xlsx")
            return ExportFiles.Xlsx(file).Select(r => string.Join("|", headers.Select(h => h == amount ? Money(r[h]) : r[h]?.ToString()))).ToList();
        var rows = ExportFiles.Csv(file);
        var at = headers.Select(h => rows[0].IndexOf(h)).ToArray();
        // The CSV's amount is compared as written: two decimals, whatever scale the database returns.
        return rows.Skip(1).Select(r => string.Join("|", at.Select(i => r[i]))).ToList();
    }

    [Fact]
    public async Task Receipts_OfASalesperson_HoldOnlyThoseOfTheOrdersHeMaySee()
    {
        using var admin = await app.ApiAsAsync("admin");
        using var lin = await app.ApiAsAsync("xiaolin");
        var login = AdminTestHelpers.Unique("sales");
        await admin.CreateUserAsync(login, "Other-Pass-123", "sales");
        using var other = await app.ApiWithPasswordAsync(login, "Other-Pass-123");
        var (theirs, _) = await CollectedSaleAsync(other, new { customerName = AdminTestHelpers.Unique("别人的客户") });
        var (mine, _) = await CollectedSaleAsync(lin, new { customerId = await Sales.SalesOrderTestData.CustomerAsync(app) });
        var theirNumbers = await ExportFiles.ApiListAsync(admin, $"/api/v1/receipts?salesOrderId={theirs}", i => i["number"]!.GetValue<string>());
        var myNumbers = await ExportFiles.ApiListAsync(admin, $"/api/v1/receipts?salesOrderId={mine}", i => i["number"]!.GetValue<string>());

        var linsFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(lin, "/api/v1/receipts/export?format=csv", "csv"), "收款单号");
        var othersFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(other, "/api/v1/receipts/export?format=csv", "csv"), "收款单号");
        var adminsFile = ExportFiles.CsvColumn(await ExportFiles.DownloadAsync(admin, "/api/v1/receipts/export?format=csv", "csv"), "收款单号");
        using var hiddenOrder = await lin.GetAsync($"/api/v1/receipts/export?format=csv&salesOrderId={theirs}");

        linsFile.ShouldBe((await ExportFiles.ApiListAsync(lin, "/api/v1/receipts", i => i["number"]!.GetValue<string>())).Select(n => n!));
        linsFile.ShouldContain(myNumbers[0]!);
        linsFile.ShouldNotContain(theirNumbers[0]!);
        othersFile.ShouldBe(theirNumbers.Select(n => n!));
        adminsFile.ShouldContain(theirNumbers[0]!);
        adminsFile.ShouldContain(myNumbers[0]!);
        ExportFiles.Csv(await SaveAsync(hiddenOrder, "csv")).Count.ShouldBe(1, "an order he may not see gives the headers and no row");
    }

    [Theory]
    [InlineData("xiaozhou", "/api/v1/receipts", "只有销售员、销售部经理、财务部经理和系统管理员可以查看销售单")]
    [InlineData("xiaowang", "/api/v1/receipts", "只有销售员、销售部经理、财务部经理和系统管理员可以查看销售单")]
    [InlineData("xiaolin", "/api/v1/payments", "只有采购员、采购部经理、财务部经理和系统管理员可以查看采购单")]
    [InlineData("xiaoli", "/api/v1/payments", "只有采购员、采购部经理、财务部经理和系统管理员可以查看采购单")]
    public async Task Export_ToAUserWhoMayNotSeeTheOrders_Is403WithTheListsMessage(string user, string list, string message)
    {
        using var api = await app.ApiAsAsync(user);

        using var export = await api.GetAsync($"{list}/export?format=xlsx");
        using var listed = await api.GetAsync(list);
        using var one = await api.GetAsync($"{list}/1");

        export.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        export.Content.Headers.ContentDisposition.ShouldBeNull();
        (await export.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe(message);
        listed.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        one.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await listed.ReadObjectAsync())["detail"]!.GetValue<string>().ShouldBe(message);
    }

    [Theory]
    [InlineData("/api/v1/receipts/export?format=csv", new[] { "收款单号", "收款日期", "销售单", "客户", "收款金额", "收款方式", "收款人", "创建时间" })]
    [InlineData("/api/v1/payments/export?format=csv", new[] { "付款单号", "付款日期", "采购单", "供应商", "付款金额", "付款方式", "付款人", "创建时间" })]
    public async Task Csv_StartsWithABom_AndChineseHeaders_EnglishInEnglish(string url, string[] headers)
    {
        using var qian = await app.ApiAsAsync("qianjingli");
        using var english = await app.ApiAsAsync("qianjingli");
        english.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var chinese = ExportFiles.Csv(await ExportFiles.DownloadAsync(qian, url, "csv"));
        var inEnglish = ExportFiles.Csv(await ExportFiles.DownloadAsync(english, url, "csv"));

        chinese[0].ShouldBe(headers);
        inEnglish[0][0].ShouldBeOneOf("Receipt no.", "Payment no.");
        inEnglish[0].ShouldNotContain(h => h.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'), "every header is translated");
        chinese.Count.ShouldBeGreaterThan(1, "the demo data has receipts and payments");
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task Payments_ExportHoldsTheListsRows_UnderTheOrderFilter_AndWithoutIt(string format)
    {
        var supplier = await SupplierAsync(app);
        var product = await Purchasing.PurchaseOrderTestData.ProductAsync(app, purchasePrice: 25m);
        using var wang = await app.ApiAsAsync("xiaowang");
        using var cai = await app.ApiAsAsync("caijingli");
        using var qian = await app.ApiAsAsync("qianjingli");
        var order = await Purchasing.PurchaseOrderTestData.CreateOrderAsync(wang, new { supplierId = supplier, lines = new object[] { new { productId = product, quantity = 4 } } });
        var id = order["id"]!.GetValue<long>();
        await Act(cai, await Purchasing.PurchaseOrderTestData.SubmitOrderAsync(wang, id), new { action = "approve" });
        await Act(qian, (await Purchasing.PurchaseOrderTestData.PendingTaskAsync(app, id))!.Value, new { action = "pay", fields = new { paymentAmount = 70m, paymentMethod = "cheque" } });
        await Act(qian, (await Purchasing.PurchaseOrderTestData.PendingTaskAsync(app, id))!.Value, new { action = "pay", fields = new { paymentAmount = 30m, paymentMethod = "bank" } });
        var supplierName = (await (await qian.GetAsync($"/api/v1/companies/{supplier}")).ReadObjectAsync())["name"]!.GetValue<string>();
        var listed = await ExportFiles.ApiListAsync(qian, $"/api/v1/payments?purchaseOrderId={id}", i => i["number"]!.GetValue<string>());
        var all = await ExportFiles.ApiListAsync(wang, "/api/v1/payments", i => i["number"]!.GetValue<string>());

        var filtered = await ExportFiles.DownloadAsync(qian, $"/api/v1/payments/export?format={format}&purchaseOrderId={id}", format);
        var whole = await ExportFiles.DownloadAsync(wang, $"/api/v1/payments/export?format={format}", format);

        if (format == "xlsx")
            ExportFiles.Xlsx(filtered).Select(r => r["付款金额"]).ShouldAllBe(v => v is double || v is decimal, "amounts are numeric cells");
        Rows(filtered, format, "付款").ShouldBe(
        [
            $"{listed[0]}|银行转账|{Money(30m)}|{order["number"]!.GetValue<string>()}|{supplierName}|钱经理",
            $"{listed[1]}|支票|{Money(70m)}|{order["number"]!.GetValue<string>()}|{supplierName}|钱经理",
        ]);
        Rows(whole, format, "付款").Select(r => r.Split('|')[0]).ShouldBe(all.Select(n => n!));
        all.Count.ShouldBeGreaterThan(2, "the demo data has payments of its own");
    }

    [Fact]
    public async Task Export_WithAnUnknownFormat_Is400NamingFormat()
    {
        using var qian = await app.ApiAsAsync("qianjingli");

        using var receipts = await qian.GetAsync("/api/v1/receipts/export?format=pdf");
        using var payments = await qian.GetAsync("/api/v1/payments/export");

        receipts.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await receipts.FieldErrorsAsync("format")).ShouldBe(["导出格式只能是 xlsx 或 csv"]);
        payments.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await payments.FieldErrorsAsync("format")).ShouldBe(["导出格式只能是 xlsx 或 csv"]);
    }

    private static async Task<string> SaveAsync(HttpResponseMessage response, string extension)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-export-test-").FullName, "export." + extension);
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }
}

public sealed class SettlementExportTestsOnSqlite(SqliteApp app) : SettlementExportTests(app), IClassFixture<SqliteApp>;

public sealed class SettlementExportTestsOnPostgres(PostgresApp app) : SettlementExportTests(app), IClassFixture<PostgresApp>;

using System.Net;
using System.Text.RegularExpressions;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Sales;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Sales;

public abstract class SalesOrderPagesTests(KehuApp app)
{
    private static string Unique(string prefix) => $"{prefix}{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Posts the new-order form as a browser would.</summary>
    private static async Task<HttpResponseMessage> PostNewFormAsync(PageClient page, long? customerId, string? newCustomer,
        IEnumerable<(string Index, string? ProductId, string? Quantity, string? Price, string? Discount)> rows, bool submit)
    {
        var doc = await page.GetDocumentAsync("/sales/orders/new");
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", doc.QuerySelector("#order-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Input.OrderDate", doc.QuerySelector("#Input_OrderDate")!.GetAttribute("value")!),
            new("Input.CustomerId", customerId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
            new("Input.NewCustomerName", newCustomer ?? ""),
        };
        foreach (var (index, productId, quantity, price, discount) in rows)
        {
            values.Add(new("Input.Lines.Index", index));
            values.Add(new($"Input.Lines[{index}].ProductId", productId ?? ""));
            values.Add(new($"Input.Lines[{index}].Quantity", quantity ?? ""));
            values.Add(new($"Input.Lines[{index}].UnitPrice", price ?? ""));
            values.Add(new($"Input.Lines[{index}].Discount", discount ?? ""));
        }
        if (submit) values.Add(new("submit", "true"));
        return await page.Http.PostAsync("/sales/orders/new", new FormUrlEncodedContent(values));
    }

    private static long IdOf(HttpResponseMessage response) =>
        long.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/sales/orders/(\d+)$").Groups[1].Value);

    [Fact]
    public async Task NewForm_ForANewCustomerName_CreatesTheCustomer_DefaultsToTheSalePrice_AndSubmitSendsItToTheSalesManager()
    {
        var a = await StockedProductAsync(app, onHand: 0, salePrice: 18m);
        var name = Unique("页面新客户");
        using var lin = await app.BrowserAsAsync("xiaolin");

        using var response = await PostNewFormAsync(lin, null, name, [("0", null, null, null, null), ("3", a.ToString(), "2", null, "0.5")], submit: true);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var saved = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Id == IdOf(response)));
        saved.State.ShouldBe(SalesOrderState.Review);
        saved.Lines.Select(l => (l.ProductId, l.Quantity, l.UnitPrice, l.Discount, l.Amount)).ShouldBe([(a, 2m, 18m, 0.5m, 18m)]);
        var customer = await app.WithDbAsync(db => db.Companies.SingleAsync(c => c.Id == saved.CustomerId));
        customer.Name.ShouldBe(name);
        customer.OwnerId.ShouldBe(await app.UserIdAsync("xiaolin"));
        var detail = await lin.GetDocumentAsync(response.Headers.Location!.ToString());
        detail.QuerySelector("#order-state")!.TextContent.ShouldBe("待审核");
        detail.QuerySelector("#order-total")!.TextContent.ShouldBe("18.00");
        detail.QuerySelector("#order-fields")!.TextContent.ShouldContain(name);
        detail.QuerySelector("#pending-with")!.TextContent.ShouldContain("销售部经理");
    }

    [Fact]
    public async Task NewForm_WithoutACustomer_SaysSoOnTheCustomerField_KeepsTheLinesAndSavesNothing()
    {
        var a = await StockedProductAsync(app, onHand: 0, salePrice: 7.5m);
        using var lin = await app.BrowserAsAsync("xiaolin");
        var before = await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"));

        using var response = await PostNewFormAsync(lin, null, null, [("0", a.ToString(), "4", null, null)], submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await PageClient.ParseAsync(response);
        page.QuerySelector("#Input_CustomerId")!.ParentElement!.QuerySelector(".field-validation-error")!.TextContent.ShouldBe("请选择客户或填写新客户名称");
        page.QuerySelector("#line-0-amount")!.TextContent.ShouldBe("30.00");
        page.QuerySelector("#lines-total")!.TextContent.ShouldBe("30.00");
        (await OrdersOfAsync(app, await app.UserIdAsync("xiaolin"))).ShouldBe(before);
    }

    [Fact]
    public async Task ApprovingWithTooLittleStock_ShowsTheShortProductOnTheTaskPage_AndPostsNothing()
    {
        var a = await StockedProductAsync(app, onHand: 1);
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.Id == a).Select(p => p.Name).SingleAsync());
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var zhao = await app.BrowserAsAsync("zhaojingli");
        using var created = await PostNewFormAsync(lin, await CustomerAsync(app), null, [("0", a.ToString(), "3", null, null)], submit: true);
        var id = IdOf(created);
        var review = (await PendingTaskAsync(app, id))!.Value;

        var reviewPage = await zhao.GetDocumentAsync($"/tasks/{review}");
        reviewPage.QuerySelector(".document-lines tbody tr")!.TextContent.ShouldContain(name);
        using var refused = await zhao.SubmitFormAsync($"/tasks/{review}", new Dictionary<string, string> { ["action"] = "approve", ["Fields[reviewOpinion]"] = "同意" });

        var shown = (await PageClient.ParseAsync(refused)).QuerySelector("#task-problem")!.TextContent;
        shown.ShouldContain(name);
        shown.ShouldContain("库存不足");
        (await MovesOfAsync(app, id)).ShouldBe(0);
        (await OnHandAsync(app, a, await DefaultWarehouseAsync(app))).ShouldBe(1);
        (await PendingTaskAsync(app, id)).ShouldBe(review);
    }

    [Fact]
    public async Task TaskPages_ApprovingIssuesStock_AndCollectingTheOutstandingClosesTheOrder()
    {
        var a = await StockedProductAsync(app, onHand: 10, salePrice: 5m);
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var zhao = await app.BrowserAsAsync("zhaojingli");
        using var qian = await app.BrowserAsAsync("qianjingli");
        using var created = await PostNewFormAsync(lin, await CustomerAsync(app), null, [("0", a.ToString(), "6", null, null)], submit: true);
        var id = IdOf(created);

        using var approved = await zhao.SubmitFormAsync($"/tasks/{(await PendingTaskAsync(app, id))!.Value}", new Dictionary<string, string> { ["action"] = "approve", ["Fields[reviewOpinion]"] = "可以" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(approved)).QuerySelector("main .alert, .field-validation-error:not(:empty)")?.TextContent);
        (await OnHandAsync(app, a, await DefaultWarehouseAsync(app))).ShouldBe(4);

        var collect = (await PendingTaskAsync(app, id))!.Value;
        var collectPage = await qian.GetDocumentAsync($"/tasks/{collect}");
        collectPage.QuerySelector("[name='Fields[receiptAmount]']")!.GetAttribute("value").ShouldBe("30.00");
        collectPage.QuerySelector("button[value=collect]")!.TextContent.ShouldBe("收款");
        using var collected = await qian.SubmitFormAsync($"/tasks/{collect}", new Dictionary<string, string> { ["action"] = "collect" });
        collected.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(collected)).QuerySelector("main .alert, .field-validation-error:not(:empty)")?.TextContent);

        var detail = await lin.GetDocumentAsync($"/sales/orders/{id}");
        detail.QuerySelector("#order-state")!.TextContent.ShouldBe("已收款");
        detail.QuerySelector("#order-outstanding")!.TextContent.ShouldBe("0.00");
        detail.QuerySelectorAll("#order-payments tbody tr").Length.ShouldBe(1);
    }

    [Fact]
    public async Task ListAndPrint_AreForSalesPeopleAndFinance_AndThePrintShowsTheTotalInCapitalNumerals()
    {
        var a = await StockedProductAsync(app, onHand: 0, salePrice: 1234.5m);
        using var api = await app.ApiAsAsync("xiaolin");
        var order = await CreateOrderAsync(api, new { customerId = await CustomerAsync(app), lines = new[] { new { productId = a, quantity = 2 } } });
        var id = order["id"]!.GetValue<long>();
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var qian = await app.BrowserAsAsync("qianjingli");
        using var wang = await app.BrowserAsAsync("xiaowang");

        var list = await lin.GetDocumentAsync($"/sales/orders?productId={a}");
        var print = await qian.GetDocumentAsync($"/sales/orders/{id}/print");
        using var denied = await wang.Http.GetAsync("/sales/orders");

        list.QuerySelectorAll("#orders-table tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ShouldBe([order["number"]!.GetValue<string>()]);
        list.QuerySelector("a[href='/sales/orders/new']").ShouldNotBeNull();
        print.QuerySelector("#print-total")!.TextContent.ShouldBe("2,469.00");
        print.QuerySelector("#print-total-words")!.TextContent.ShouldBe("贰仟肆佰陆拾玖元整");
        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.ToString().ShouldContain("/account/denied");
        (await qian.GetDocumentAsync("/sales/orders")).QuerySelector("a[href='/sales/orders/new']").ShouldBeNull();
    }
}

public sealed class SalesOrderPagesTestsOnSqlite(SqliteApp app) : SalesOrderPagesTests(app), IClassFixture<SqliteApp>;

public sealed class SalesOrderPagesTestsOnPostgres(PostgresApp app) : SalesOrderPagesTests(app), IClassFixture<PostgresApp>;

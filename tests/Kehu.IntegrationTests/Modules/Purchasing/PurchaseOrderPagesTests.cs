using System.Net;
using System.Text.RegularExpressions;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Purchasing;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;
using static Kehu.IntegrationTests.Modules.Purchasing.PurchaseOrderTestData;

namespace Kehu.IntegrationTests.Modules.Purchasing;

public abstract class PurchaseOrderPagesTests(KehuApp app)
{
    /// <summary>Posts the new-order form as a browser would after rows were added and removed.</summary>
    private async Task<HttpResponseMessage> PostNewFormAsync(PageClient page, long supplierId,
        IEnumerable<(string Index, string? ProductId, string? Quantity, string? Price, string? Discount)> rows, bool submit)
    {
        var doc = await page.GetDocumentAsync("/purchasing/orders/new");
        var token = doc.QuerySelector("#order-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Input.OrderDate", doc.QuerySelector("#Input_OrderDate")!.GetAttribute("value")!),
            new("Input.SupplierId", supplierId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("Input.Notes", "页面采购"),
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
        return await page.Http.PostAsync("/purchasing/orders/new", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task NewForm_SkipsEmptyRows_DefaultsPriceAndDiscount_AndSubmitSendsItToThePurchaseManager()
    {
        var supplier = await SupplierAsync(app);
        var a = await ProductAsync(app, purchasePrice: 8m);
        var b = await ProductAsync(app, purchasePrice: 2m);
        using var wang = await app.BrowserAsAsync("xiaowang");

        using var response = await PostNewFormAsync(wang, supplier, [("0", null, null, null, null), ("5", b.ToString(), "3", "2.5", "0.8"), ("2", a.ToString(), "4", null, null)], submit: true);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = long.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/purchasing/orders/(\d+)$").Groups[1].Value);
        var saved = await app.WithDbAsync(db => db.PurchaseOrders.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Id == id));
        saved.State.ShouldBe(PurchaseOrderState.Review);
        saved.Lines.OrderBy(l => l.LineNo).Select(l => (l.ProductId, l.Quantity, l.UnitPrice, l.Discount, l.Amount)).ShouldBe([(b, 3m, 2.5m, 0.8m, 6m), (a, 4m, 8m, 1m, 32m)]);
        saved.Total.ShouldBe(38m);
        var detail = await wang.GetDocumentAsync(response.Headers.Location!.ToString());
        detail.QuerySelector("#order-state")!.TextContent.ShouldBe("待审核");
        detail.QuerySelector("#order-total")!.TextContent.ShouldBe("38.00");
        detail.QuerySelector("#pending-with")!.TextContent.ShouldContain("采购部经理");
    }

    [Fact]
    public async Task NewForm_WithAnotherSuppliersProduct_SaysSoOnItsRowAndSavesNothing()
    {
        var theirs = await ProductAsync(app, supplierId: await OtherSupplierAsync(app));
        using var wang = await app.BrowserAsAsync("xiaowang");
        var before = await app.WithDbAsync(db => db.PurchaseOrders.CountAsync());

        using var response = await PostNewFormAsync(wang, await SupplierAsync(app), [("3", theirs.ToString(), "1", null, null)], submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelector("#order-lines tbody tr")!.TextContent.ShouldContain("不是该供应商的商品");
        (await app.WithDbAsync(db => db.PurchaseOrders.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task NewForm_WithAQuantityThatIsNotANumber_SaysSoOnItsRowKeepsWhatWasTypedAndSavesNothing()
    {
        var a = await ProductAsync(app);
        using var wang = await app.BrowserAsAsync("xiaowang");
        var before = await app.WithDbAsync(db => db.PurchaseOrders.CountAsync());

        using var response = await PostNewFormAsync(wang, await SupplierAsync(app), [("1", null, null, null, null), ("6", a.ToString(), "十二", null, null)], submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        var firstRow = doc.QuerySelector("#order-lines tbody tr")!;
        firstRow.TextContent.ShouldContain("数量必须是数字");
        firstRow.QuerySelector("input[name='Input.Lines[0].Quantity']")!.GetAttribute("value").ShouldBe("十二");
        (await app.WithDbAsync(db => db.PurchaseOrders.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task EditPage_ForAnExistingOrder_ShowsEachLinesAmountAndTheTotalComputedOnTheServer()
    {
        var a = await ProductAsync(app, purchasePrice: 10.1m);
        var b = await ProductAsync(app, purchasePrice: 12.5m);
        using var api = await app.ApiAsAsync("xiaowang");
        // 3 × 10.1 × 0.85 = 25.755, away from zero 25.76; 100 × 12.5 = 1250.
        var order = await CreateOrderAsync(api, new
        {
            supplierId = await SupplierAsync(app),
            lines = new object[] { new { productId = a, quantity = 3, discount = 0.85m }, new { productId = b, quantity = 100 } },
        });
        var id = order["id"]!.GetValue<long>();
        using var wang = await app.BrowserAsAsync("xiaowang");

        var doc = await wang.GetDocumentAsync($"/purchasing/orders/{id}/edit");

        doc.QuerySelector("#line-0-amount")!.TextContent.ShouldBe("25.76");
        doc.QuerySelector("#line-1-amount")!.TextContent.ShouldBe("1,250.00");
        doc.QuerySelector("#line-2-amount")!.TextContent.ShouldBeEmpty();
        doc.QuerySelector("#lines-total")!.TextContent.ShouldBe("1,275.76");
        doc.QuerySelector("#order-lines tfoot")!.TextContent.ShouldContain("应付金额");
        doc.QuerySelector("#line-0-product")!.GetAttribute("data-purchase-price").ShouldBe("10.1");
        (await app.WithDbAsync(db => db.PurchaseOrders.Where(o => o.Id == id).Select(o => o.Total).SingleAsync())).ShouldBe(1275.76m);
    }

    [Fact]
    public async Task NewForm_ShownAgainAfterAnError_ShowsTheAmountOfTheCompleteRowsAtTheProductsPurchasePrice()
    {
        var a = await ProductAsync(app, purchasePrice: 10.1m);
        var b = await ProductAsync(app);
        using var wang = await app.BrowserAsAsync("xiaowang");

        using var response = await PostNewFormAsync(wang, await SupplierAsync(app), [("4", a.ToString(), "3", null, "0.85"), ("9", b.ToString(), "十二", null, null)], submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        doc.QuerySelector("#line-0-amount")!.TextContent.ShouldBe("25.76");
        doc.QuerySelector("#line-1-amount")!.TextContent.ShouldBeEmpty();
        doc.QuerySelector("#lines-total")!.TextContent.ShouldBe("25.76");
    }

    [Fact]
    public async Task List_FilteredByProduct_ShowsOnlyOrdersWithIt_AndThePickerShowsItsName()
    {
        var supplier = await SupplierAsync(app);
        var a = await ProductAsync(app);
        var b = await ProductAsync(app);
        using var api = await app.ApiAsAsync("xiaowang");
        var withA = await CreateOrderAsync(api, new { supplierId = supplier, lines = new object[] { new { productId = b, quantity = 1 }, new { productId = a, quantity = 2 } } });
        var withoutA = await CreateOrderAsync(api, new { supplierId = supplier, lines = new object[] { new { productId = b, quantity = 1 } } });
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.Id == a).Select(p => p.Name).SingleAsync());
        using var wang = await app.BrowserAsAsync("xiaowang");

        var list = await wang.GetDocumentAsync($"/purchasing/orders?productId={a}");

        list.QuerySelectorAll("#orders-table tbody tr a").Select(x => x.TextContent).ShouldBe([withA["number"]!.GetValue<string>()]);
        list.QuerySelector("#f-product option[selected]")!.TextContent.ShouldBe(name);
        list.QuerySelector("#f-product")!.GetAttribute("data-search-url").ShouldStartWith("/products?handler=Lookup");
        var byB = await wang.GetDocumentAsync($"/purchasing/orders?productId={b}");
        byB.QuerySelectorAll("#orders-table tbody tr a").Select(x => x.TextContent).ShouldBe([withoutA["number"]!.GetValue<string>(), withA["number"]!.GetValue<string>()], ignoreOrder: true);
    }

    [Fact]
    public async Task TaskPages_ShowTheLines_ApprovingReceivesStock_AndPayingTheOutstandingClosesTheOrder()
    {
        var supplier = await SupplierAsync(app);
        var a = await ProductAsync(app, purchasePrice: 5m);
        var name = await app.WithDbAsync(db => db.Products.Where(p => p.Id == a).Select(p => p.Name).SingleAsync());
        using var wang = await app.BrowserAsAsync("xiaowang");
        using var cai = await app.BrowserAsAsync("caijingli");
        using var qian = await app.BrowserAsAsync("qianjingli");
        using var created = await PostNewFormAsync(wang, supplier, [("0", a.ToString(), "6", null, null)], submit: true);
        var id = long.Parse(Regex.Match(created.Headers.Location!.ToString(), @"(\d+)$").Value);
        var review = (await PendingTaskAsync(app, id))!.Value;

        var reviewPage = await cai.GetDocumentAsync($"/tasks/{review}");
        var line = reviewPage.QuerySelector(".document-lines tbody tr")!.TextContent;
        line.ShouldContain(name);
        line.ShouldContain("30.00");
        reviewPage.QuerySelector("[name='Fields[reviewOpinion]']").ShouldNotBeNull();
        reviewPage.QuerySelector("[name='Fields[lines]']").ShouldBeNull();
        using var approved = await cai.SubmitFormAsync($"/tasks/{review}", new Dictionary<string, string> { ["action"] = "approve", ["Fields[reviewOpinion]"] = "可以" });
        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(approved)).QuerySelector("main .alert, .field-validation-error:not(:empty)")?.TextContent);
        (await OnHandAsync(app, a, await DefaultWarehouseAsync(app))).ShouldBe(6);

        var pay = (await PendingTaskAsync(app, id))!.Value;
        var payPage = await qian.GetDocumentAsync($"/tasks/{pay}");
        payPage.QuerySelector(".document-lines tbody tr")!.TextContent.ShouldContain(name);
        payPage.QuerySelector("[name='Fields[paymentAmount]']")!.GetAttribute("value").ShouldBe("30.00");
        payPage.QuerySelector("button[value=pay]")!.TextContent.ShouldBe("付款");
        using var paid = await qian.SubmitFormAsync($"/tasks/{pay}", new Dictionary<string, string> { ["action"] = "pay" });
        paid.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(paid)).QuerySelector("main .alert, .field-validation-error:not(:empty)")?.TextContent);

        var detail = await qian.GetDocumentAsync($"/purchasing/orders/{id}");
        detail.QuerySelector("#order-state")!.TextContent.ShouldBe("已付款");
        detail.QuerySelector("#order-outstanding")!.TextContent.ShouldBe("0.00");
        detail.QuerySelectorAll("#order-payments tbody tr").Length.ShouldBe(1);
    }

    [Fact]
    public async Task Workbench_OffersWangANewOrder_AndListsHisDraftUntilItIsSubmitted()
    {
        var a = await ProductAsync(app);
        using var wang = await app.BrowserAsAsync("xiaowang");
        using var created = await PostNewFormAsync(wang, await SupplierAsync(app), [("0", a.ToString(), "1", null, null)], submit: false);
        var id = long.Parse(Regex.Match(created.Headers.Location!.ToString(), @"(\d+)$").Value);
        var number = await app.WithDbAsync(db => db.PurchaseOrders.Where(o => o.Id == id).Select(o => o.Number).SingleAsync());

        var workbench = await wang.GetDocumentAsync("/");
        workbench.QuerySelector("#quick-new a[href='/purchasing/orders/new']").ShouldNotBeNull();
        workbench.QuerySelectorAll("#my-drafts a").Select(x => x.TextContent).ShouldContain(t => t.Contains(number));
        using var api = await app.ApiAsAsync("xiaowang");
        await SubmitOrderAsync(api, id);
        (await wang.GetDocumentAsync("/")).QuerySelectorAll("#my-drafts a").Select(x => x.TextContent).ShouldNotContain(t => t.Contains(number));
    }

    [Fact]
    public async Task ListAndNewForm_AreOnlyForPurchasingPeople()
    {
        using var lin = await app.BrowserAsAsync("xiaolin");
        using var list = await lin.Http.GetAsync("/purchasing/orders");
        list.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        list.Headers.Location!.ToString().ShouldContain("/account/denied");
        using var qian = await app.BrowserAsAsync("qianjingli");
        var page = await qian.GetDocumentAsync("/purchasing/orders");
        page.QuerySelector("a[href='/purchasing/orders/new']").ShouldBeNull();
        using var form = await qian.Http.GetAsync("/purchasing/orders/new");
        form.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task PrintPage_ShowsTheLinesAndTheTotalInCapitalNumerals_AndIsForOrderViewersOnly()
    {
        var product = await ProductAsync(app, purchasePrice: 12.5m);
        using var wang = await app.ApiAsAsync("xiaowang");
        // 3 × 12.5 × 0.9 = 33.75, plus 100 × 10.2 = 1020: 1053.75.
        var other = await ProductAsync(app, purchasePrice: 10.2m);
        var order = await CreateOrderAsync(wang, new
        {
            supplierId = await SupplierAsync(app),
            lines = new object[] { new { productId = product, quantity = 3, discount = 0.9m }, new { productId = other, quantity = 100 } },
        });
        var id = order["id"]!.GetValue<long>();
        using var page = await app.BrowserAsAsync("xiaowang");
        using var salesperson = await app.BrowserAsAsync("xiaolin");

        var print = await page.GetDocumentAsync($"/purchasing/orders/{id}/print");
        using var refused = await salesperson.Http.GetAsync($"/purchasing/orders/{id}/print");

        print.QuerySelector("#print-header")!.TextContent.ShouldContain(order["number"]!.GetValue<string>());
        print.QuerySelectorAll("#print-lines tbody tr").Length.ShouldBe(2);
        print.QuerySelector("#print-total")!.TextContent.ShouldBe("1,053.75");
        print.QuerySelector("#print-total-words")!.TextContent.ShouldBe("壹仟零伍拾叁元柒角伍分");
        print.QuerySelector("nav.navbar").ShouldBeNull();
        (await page.GetDocumentAsync($"/purchasing/orders/{id}")).QuerySelector("#print-link")!.GetAttribute("href").ShouldBe($"/purchasing/orders/{id}/print");
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        refused.Headers.Location!.ToString().ShouldContain("/account/denied");
    }
}

public sealed class PurchaseOrderPagesTestsOnSqlite(SqliteApp app) : PurchaseOrderPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PurchaseOrderPagesTestsOnPostgres(PostgresApp app) : PurchaseOrderPagesTests(app), IClassFixture<PostgresApp>;

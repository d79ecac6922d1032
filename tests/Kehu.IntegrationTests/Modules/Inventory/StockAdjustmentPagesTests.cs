using System.Net;
using System.Text.RegularExpressions;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Inventory;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Inventory.StockTestData;
using static Kehu.IntegrationTests.Modules.Products.ProductTestData;

namespace Kehu.IntegrationTests.Modules.Inventory;

public abstract class StockAdjustmentPagesTests(KehuApp app)
{
    private async Task<(long Id, string Name)> ProductWithStockAsync(decimal onHand)
    {
        var product = await CreateProductAsync(app, new { purchasePrice = 5m });
        var id = product["id"]!.GetValue<long>();
        if (onHand > 0) (await PostAsync(app, StockMoveKind.Opening, id, await DefaultWarehouseAsync(app), onHand, 5m)).IsSuccess.ShouldBeTrue();
        return (id, product["name"]!.GetValue<string>());
    }

    /// <summary>Posts the new-count form as a browser would after rows were added and removed: the
    /// rows' own index values, not contiguous, in page order.</summary>
    private static async Task<HttpResponseMessage> PostNewFormAsync(PageClient page, IEnumerable<(string Index, string? ProductId, string? Counted)> rows, bool submit)
    {
        var doc = await page.GetDocumentAsync("/inventory/adjustments/new");
        var token = doc.QuerySelector("#adjustment-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var warehouse = doc.QuerySelector("#Input_WarehouseId option[selected]")!.GetAttribute("value")!;
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", token),
            new("Input.WarehouseId", warehouse),
            new("Input.CountedOn", doc.QuerySelector("#Input_CountedOn")!.GetAttribute("value")!),
            new("Input.Notes", "页面盘点"),
        };
        foreach (var (index, productId, counted) in rows)
        {
            values.Add(new("Input.Lines.Index", index));
            values.Add(new($"Input.Lines[{index}].ProductId", productId ?? ""));
            values.Add(new($"Input.Lines[{index}].Counted", counted ?? ""));
            values.Add(new($"Input.Lines[{index}].Note", ""));
        }
        if (submit) values.Add(new("submit", "true"));
        return await page.Http.PostAsync("/inventory/adjustments/new", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task NewForm_SkipsEmptyRows_KeepsTheRowOrder_AndSubmitSendsItToThePurchaseManager()
    {
        var a = await ProductWithStockAsync(10);
        var b = await ProductWithStockAsync(2);
        using var page = await app.BrowserAsAsync("xiaozhou");

        using var response = await PostNewFormAsync(page, [("0", null, null), ("4", b.Id.ToString(), "3"), ("1", null, null), ("9", a.Id.ToString(), "9.5")], submit: true);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = long.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/inventory/adjustments/(\d+)$").Groups[1].Value);
        var saved = await app.WithDbAsync(db => db.StockAdjustments.AsNoTracking().Include(x => x.Lines).SingleAsync(x => x.Id == id));
        saved.State.ShouldBe(StockAdjustmentState.Review);
        saved.Lines.OrderBy(l => l.LineNo).Select(l => (l.ProductId, l.Counted)).ShouldBe([(b.Id, 3m), (a.Id, 9.5m)]);
        var detail = await page.GetDocumentAsync(response.Headers.Location!.ToString());
        detail.QuerySelector("#adjustment-state")!.TextContent.ShouldBe("待审核");
        detail.QuerySelector("#pending-with")!.TextContent.ShouldContain("采购部经理");
        var rows = detail.QuerySelectorAll("#adjustment-lines tbody tr").Select(r => r.TextContent).ToList();
        rows[0].ShouldContain(b.Name);
        rows[0].ShouldContain("+1");
        rows[1].ShouldContain("-0.5");
    }

    [Fact]
    public async Task NewForm_WithACountThatIsNotANumber_SaysSoOnItsRowAndSavesNothing()
    {
        var a = await ProductWithStockAsync(1);
        using var page = await app.BrowserAsAsync("xiaowang");
        var before = await app.WithDbAsync(db => db.StockAdjustments.CountAsync());

        using var response = await PostNewFormAsync(page, [("3", null, null), ("7", a.Id.ToString(), "十二")], submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        var firstRow = doc.QuerySelector("#adjustment-lines tbody tr")!;
        firstRow.QuerySelector("option[selected]")!.TextContent.ShouldBe(a.Name);
        firstRow.QuerySelector("input[name='Input.Lines[0].Counted']")!.GetAttribute("value").ShouldBe("十二");
        firstRow.QuerySelector(".field-validation-error:not(:empty)")!.TextContent.ShouldBe("实盘数量必须是数字");
        (await app.WithDbAsync(db => db.StockAdjustments.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task NewForm_IsNotForSalespeople_AndTheListOffersNoNewButton()
    {
        using var page = await app.BrowserAsAsync("xiaolin");

        using var response = await page.Http.GetAsync("/inventory/adjustments/new");
        var list = await page.GetDocumentAsync("/inventory/adjustments");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/denied");
        list.QuerySelector("a[href='/inventory/adjustments/new']").ShouldBeNull();
    }

    [Fact]
    public async Task TaskPage_ShowsTheCountedLines_AndApprovingThereMovesStock()
    {
        var a = await ProductWithStockAsync(8);
        using var zhou = await app.BrowserAsAsync("xiaozhou");
        using var cai = await app.BrowserAsAsync("caijingli");
        using var created = await PostNewFormAsync(zhou, [("0", a.Id.ToString(), "6")], submit: true);
        var id = long.Parse(Regex.Match(created.Headers.Location!.ToString(), @"(\d+)$").Value);
        var task = await app.WithDbAsync(db => db.WorkflowTasks.Where(t => t.DocumentType == StockAdjustment.DocumentType && t.DocumentId == id).Select(t => t.Id).SingleAsync());

        var taskPage = await cai.GetDocumentAsync($"/tasks/{task}");
        var line = taskPage.QuerySelector(".document-lines tbody tr")!.TextContent;
        line.ShouldContain(a.Name);
        line.ShouldContain("-2");
        using var approved = await cai.SubmitFormAsync($"/tasks/{task}", new Dictionary<string, string> { ["action"] = "approve" });

        approved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await PageClient.ParseAsync(approved)).QuerySelector("main .alert, .field-validation-error:not(:empty)")?.TextContent);
        (await OnHandAsync(app, a.Id, await DefaultWarehouseAsync(app))).ShouldBe(6);
        var detail = await cai.GetDocumentAsync($"/inventory/adjustments/{id}");
        detail.QuerySelector("#adjustment-state")!.TextContent.ShouldBe("已审核");
        detail.QuerySelector("#adjustment-total")!.TextContent.ShouldBe("-10.00");
    }

    [Fact]
    public async Task DetailPage_OfADraft_DeletesItAfterConfirmation()
    {
        var a = await ProductWithStockAsync(1);
        using var zhou = await app.BrowserAsAsync("xiaozhou");
        using var created = await PostNewFormAsync(zhou, [("0", a.Id.ToString(), "1")], submit: false);
        var url = created.Headers.Location!.ToString();

        var detail = await zhou.GetDocumentAsync(url);
        var form = detail.QuerySelector("form[data-confirm]")!;
        form.GetAttribute("data-confirm")!.ShouldContain("确定删除盘点单");
        using var deleted = await zhou.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)form, url, new Dictionary<string, string>());

        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.ToString().ShouldBe("/inventory/adjustments");
        var id = long.Parse(Regex.Match(url, @"(\d+)$").Value);
        (await app.WithDbAsync(db => db.StockAdjustments.AnyAsync(x => x.Id == id))).ShouldBeFalse();
    }
}

public sealed class StockAdjustmentPagesTestsOnSqlite(SqliteApp app) : StockAdjustmentPagesTests(app), IClassFixture<SqliteApp>;

public sealed class StockAdjustmentPagesTestsOnPostgres(PostgresApp app) : StockAdjustmentPagesTests(app), IClassFixture<PostgresApp>;

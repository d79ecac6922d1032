using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Contracts;
using Microsoft.EntityFrameworkCore;
using static Kehu.IntegrationTests.Modules.Contracts.ContractTestData;
using static Kehu.IntegrationTests.Modules.Sales.SalesOrderTestData;

namespace Kehu.IntegrationTests.Modules.Contracts;

public abstract class ContractPagesTests(KehuApp app)
{
    /// <summary>Posts the new-contract form as a browser would, with the form's own anti-forgery token.</summary>
    private static async Task<HttpResponseMessage> PostNewFormAsync(PageClient page, IDictionary<string, string> fields, bool submit)
    {
        var doc = await page.GetDocumentAsync("/contracts/new");
        var values = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", doc.QuerySelector("#contract-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("Input.Kind", "sales"),
        };
        values.AddRange(fields);
        if (submit) values.Add(new("submit", "true"));
        return await page.Http.PostAsync("/contracts/new", new FormUrlEncodedContent(values));
    }

    [Fact]
    public async Task NewForm_SavesAndSubmits_ToTheSupervisor_AndTheDetailPageShowsIt()
    {
        var customer = await CustomerAsync(app);
        var title = Unique("页面合同");
        using var lin = await app.BrowserAsAsync("xiaolin");

        using var response = await PostNewFormAsync(lin, new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.CompanyId"] = customer.ToString(CultureInfo.InvariantCulture),
            ["Input.StartsOn"] = "2026-01-01", ["Input.EndsOn"] = "2026-12-31", ["Input.Amount"] = "5000.5",
        }, submit: true);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var id = long.Parse(Regex.Match(response.Headers.Location!.ToString(), @"/contracts/(\d+)$").Groups[1].Value, CultureInfo.InvariantCulture);
        var saved = await StoredAsync(app, id);
        (saved.Title, saved.State, saved.Amount, saved.EndsOn).ShouldBe((title, ContractState.Review, (decimal?)5000.50m, (DateOnly?)new DateOnly(2026, 12, 31)));
        var detail = await lin.GetDocumentAsync($"/contracts/{id}");
        detail.QuerySelector("#contract-state")!.TextContent.ShouldBe("待审批");
        detail.QuerySelector("#contract-amount")!.TextContent.ShouldBe("5,000.50");
        detail.QuerySelector("#pending-with")!.TextContent.ShouldContain("赵经理");
    }

    [Fact]
    public async Task NewForm_WithTheEndBeforeTheStartAndNoTitle_ShowsEachErrorInChinese_AndSavesNothing()
    {
        var customer = await CustomerAsync(app);
        using var lin = await app.BrowserAsAsync("xiaolin");
        var contracts = await CountAsync(app);

        using var response = await PostNewFormAsync(lin, new Dictionary<string, string>
        {
            ["Input.Title"] = "", ["Input.CompanyId"] = customer.ToString(CultureInfo.InvariantCulture),
            ["Input.StartsOn"] = "2026-06-01", ["Input.EndsOn"] = "2026-05-31", ["Input.Amount"] = "abc",
        }, submit: false);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await PageClient.ParseAsync(response);
        var text = doc.QuerySelector("#contract-form")!.TextContent;
        text.ShouldContain("合同金额必须是数字");
        (await CountAsync(app)).ShouldBe(contracts);

        using var second = await PostNewFormAsync(lin, new Dictionary<string, string>
        {
            ["Input.Title"] = "", ["Input.CompanyId"] = customer.ToString(CultureInfo.InvariantCulture),
            ["Input.StartsOn"] = "2026-06-01", ["Input.EndsOn"] = "2026-05-31",
        }, submit: false);
        var secondText = (await PageClient.ParseAsync(second)).QuerySelector("#contract-form")!.TextContent;
        secondText.ShouldContain("合同名称不能为空");
        secondText.ShouldContain("结束日期不能早于开始日期");
        (await CountAsync(app)).ShouldBe(contracts);
    }

    [Fact]
    public async Task OrdersField_ForTheChosenCompany_OffersItsSalesOrders()
    {
        var customer = await CustomerAsync(app);
        using var api = await app.ApiAsAsync("xiaolin");
        var product = await StockedProductAsync(app, onHand: 0);
        var order = await CreateOrderAsync(api, new { customerId = customer, lines = new[] { new { productId = product, quantity = 1 } } });
        using var lin = await app.BrowserAsAsync("xiaolin");

        var fragment = await lin.GetDocumentAsync($"/contracts/new?handler=Orders&Input.CompanyId={customer}&Input.Kind=sales");

        fragment.QuerySelectorAll("input[name='Input.SalesOrderIds']").Select(i => i.GetAttribute("value")).ShouldContain(order["id"]!.ToString());
        var purchase = await lin.GetDocumentAsync($"/contracts/new?handler=Orders&Input.CompanyId={customer}&Input.Kind=purchase");
        purchase.QuerySelectorAll("input[name='Input.SalesOrderIds']").ShouldBeEmpty();
    }
}

public sealed class ContractPagesTestsOnSqlite(SqliteApp app) : ContractPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ContractPagesTestsOnPostgres(PostgresApp app) : ContractPagesTests(app), IClassFixture<PostgresApp>;

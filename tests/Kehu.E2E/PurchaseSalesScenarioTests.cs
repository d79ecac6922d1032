using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Kehu.E2E.WorkbenchSteps;

namespace Kehu.E2E;

/// <summary>
/// The seed's two scenarios (SPEC §3.4) in a real browser, each user in their own browser and every
/// step after the first opened from 办理 on 我的工作台: 小王 buys, 蔡经理 approves, 钱经理 pays in two
/// parts; 小林 sells to a new customer, 赵经理 approves, 钱经理 collects in two parts.
/// </summary>
public sealed class PurchaseSalesScenarioTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private Task<IPage> LogInAsync(string user) => WorkbenchSteps.LogInAsync(app, user);

    /// <summary>Opens the new order form from the workbench's 新建 card.</summary>
    private static async Task OpenNewOrderAsync(IPage page, string link, string path)
    {
        await page.GotoAsync("/");
        await page.Locator("#quick-new").GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + "/new$"));
    }

    /// <summary>保存并提交 on the form: the order page shows it 待审核 with the total. Returns the
    /// order's address and 单据号.</summary>
    private static async Task<(string Url, string Number)> SubmitAsync(IPage page, string path, string total)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + @"/\d+$"));
        await Assertions.Expect(page.Locator("#order-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(page.Locator("#order-total")).ToHaveTextAsync(total);
        var number = (await page.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.NotEmpty(number);
        return (page.Url, number);
    }

    /// <summary>The manager approves with the opinion 同意; the order then waits for the money.</summary>
    private static async Task ApproveAsync(IPage manager, string number, string step, string orderUrl, string state)
    {
        var task = await OpenTaskAsync(manager, number, step);
        await manager.GetByLabel("意见", new() { Exact = true }).FillAsync("同意");
        await ActAsync(manager, "同意", task);
        await manager.GotoAsync(orderUrl);
        await Assertions.Expect(manager.Locator("#order-state")).ToHaveTextAsync(state);
    }

    /// <summary>The finance manager's step of paying a supplier or collecting from a customer.</summary>
    private sealed record MoneyStep(string Step, string Field, string Action, string Waiting, string Done, string SettledId);

    private static readonly MoneyStep Pay = new("财务部经理付款", "payment", "付款", "待付款", "已付款", "order-paid");
    private static readonly MoneyStep Collect = new("财务部经理收款", "receipt", "收款", "待收款", "已收款", "order-received");

    /// <summary>One part of the money: the amount offered is what is outstanding; settles
    /// <paramref name="amount"/> by <paramref name="method"/>.</summary>
    private static async Task SettleAsync(IPage finance, MoneyStep money, string number, decimal outstanding, decimal amount, string method)
    {
        var task = await OpenTaskAsync(finance, number, money.Step);
        var field = finance.Locator($"#field-{money.Field}Amount");
        await Assertions.Expect(field).ToHaveValueAsync(outstanding.ToString("0.00", CultureInfo.InvariantCulture));
        await field.FillAsync(amount.ToString("0.00", CultureInfo.InvariantCulture));
        await finance.Locator($"#field-{money.Field}Method").SelectOptionAsync(new SelectOptionValue { Label = method });
        await ActAsync(finance, money.Action, task);
    }

    /// <summary>钱经理 settles the order in two parts, each from the workbench: after the first the
    /// order still waits and shows what is outstanding, and the rest is a new task; after the second
    /// no task is left.</summary>
    private async Task SettleInTwoPartsAsync(MoneyStep money, string number, string orderUrl, decimal total, decimal first, string firstMethod, string secondMethod)
    {
        var qian = await LogInAsync("qianjingli");
        await SettleAsync(qian, money, number, total, first, firstMethod);
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(1);
        await qian.GotoAsync(orderUrl);
        await Assertions.Expect(qian.Locator("#order-state")).ToHaveTextAsync(money.Waiting);
        await Assertions.Expect(qian.Locator("#" + money.SettledId)).ToHaveTextAsync(Money(first));
        await Assertions.Expect(qian.Locator("#order-outstanding")).ToHaveTextAsync(Money(total - first));
        await SettleAsync(qian, money, number, total - first, total - first, secondMethod);
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(0);
    }

    /// <summary>What the filler sees at the end: the order settled, reviewed with 同意, and both parts listed.</summary>
    private static async Task AssertSettledAsync(IPage page, MoneyStep money, string orderUrl, decimal total, string reviewer, params string[][] parts)
    {
        await page.GotoAsync(orderUrl);
        await Assertions.Expect(page.Locator("#order-state")).ToHaveTextAsync(money.Done);
        await Assertions.Expect(page.Locator("#order-total")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(page.Locator("#" + money.SettledId)).ToHaveTextAsync(Money(total));
        await Assertions.Expect(page.Locator("#order-outstanding")).ToHaveTextAsync("0.00");
        await Assertions.Expect(page.Locator("#order-fields")).ToContainTextAsync(reviewer);
        await Assertions.Expect(page.Locator("#order-fields")).ToContainTextAsync("同意");
        var shown = page.Locator("#order-payments tbody tr");
        await Assertions.Expect(shown).ToHaveCountAsync(parts.Length);
        for (var i = 0; i < parts.Length; i++)
            foreach (var text in parts[i])
                await Assertions.Expect(shown.Nth(i)).ToContainTextAsync(text);
    }

    /// <summary>The product's quantity in 主仓库 on the stock page, or null when it has none there.</summary>
    private static async Task<decimal?> OnHandAsync(IPage page, string product)
    {
        await page.GotoAsync("/inventory/stock?q=" + Uri.EscapeDataString(product));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "库存" })).ToBeVisibleAsync();
        var row = page.Locator("#stock tbody tr", new() { HasText = "主仓库" }).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = product, Exact = true }) });
        if (await row.CountAsync() == 0) return null;
        return decimal.Parse(await row.Locator("td").Nth(3).InnerTextAsync(), CultureInfo.InvariantCulture);
    }

    private static string Money(decimal v) => v.ToString("N2", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Xiaowang_Buys_Caijingli_Approves_IntoStock_Qianjingli_PaysInTwoParts_AndTheOrderIsPaid()
    {
        var xiaowang = await LogInAsync("xiaowang");
        var (supplier, product) = await OrderForms.NewProductAsync(xiaowang, "采购场景商品", "12.5");
        Assert.Null(await OnHandAsync(xiaowang, product));

        await OpenNewOrderAsync(xiaowang, "新建采购单", "/purchasing/orders");
        await OrderForms.PickAsync(xiaowang, "Input_SupplierId", supplier, supplier);
        await OrderForms.PickAsync(xiaowang, "line-0-product", product, product);
        await xiaowang.Locator("#line-0-quantity").FillAsync("10");
        await xiaowang.Locator("#line-0-discount").FillAsync("0.95");
        // 10 × 12.50 (进价, the default 单价) × 0.95 = 118.75.
        await Assertions.Expect(xiaowang.Locator("#line-0-amount")).ToHaveTextAsync("118.75");
        await Assertions.Expect(xiaowang.Locator("#lines-total")).ToHaveTextAsync("118.75");
        var (orderUrl, number) = await SubmitAsync(xiaowang, "/purchasing/orders", "118.75");

        var cai = await LogInAsync("caijingli");
        await ApproveAsync(cai, number, "采购部经理审核", orderUrl, Pay.Waiting);
        Assert.Equal(10m, await OnHandAsync(cai, product));

        await SettleInTwoPartsAsync(Pay, number, orderUrl, 118.75m, 50m, "银行转账", "现金");

        await AssertSettledAsync(xiaowang, Pay, orderUrl, 118.75m, "蔡经理", ["银行转账", "钱经理", "50.00"], ["现金", "钱经理", "68.75"]);
        Assert.Equal(10m, await OnHandAsync(xiaowang, product));
    }

    [Fact]
    public async Task Xiaolin_SellsToANewCustomer_Zhaojingli_Approves_OutOfStock_Qianjingli_CollectsInTwoParts_AndTheCustomerIsXiaolins()
    {
        const string product = "深沟球轴承";
        var customer = "浏览器新客户" + Guid.NewGuid().ToString("N")[..6];
        var xiaolin = await LogInAsync("xiaolin");
        var before = await OnHandAsync(xiaolin, product);
        Assert.True(before >= 3, $"The demo product {product} should have 3 on hand in 主仓库, has {before}.");

        await OpenNewOrderAsync(xiaolin, "新建销售单", "/sales/orders");
        await xiaolin.GetByLabel("或新客户名称").FillAsync(customer);
        await OrderForms.PickAsync(xiaolin, "line-0-product", product, product);
        await xiaolin.Locator("#line-0-quantity").FillAsync("3");
        await xiaolin.Locator("#line-0-discount").FillAsync("0.9");
        // 单价 left empty is the product's 售价.
        var salePrice = decimal.Parse((await xiaolin.Locator("#line-0-product").GetAttributeAsync("data-sale-price"))!, CultureInfo.InvariantCulture);
        var total = decimal.Round(3 * salePrice * 0.9m, 2, MidpointRounding.AwayFromZero);
        Assert.True(total > 10m);
        await Assertions.Expect(xiaolin.Locator("#line-0-amount")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(xiaolin.Locator("#lines-total")).ToHaveTextAsync(Money(total));
        var (orderUrl, number) = await SubmitAsync(xiaolin, "/sales/orders", Money(total));
        await Assertions.Expect(xiaolin.Locator("#order-fields")).ToContainTextAsync(customer);

        var zhao = await LogInAsync("zhaojingli");
        await ApproveAsync(zhao, number, "销售部经理审核", orderUrl, Collect.Waiting);
        Assert.Equal(before - 3, await OnHandAsync(zhao, product));

        await SettleInTwoPartsAsync(Collect, number, orderUrl, total, 10m, "银行转账", "支票");

        await AssertSettledAsync(xiaolin, Collect, orderUrl, total, "赵经理", ["银行转账", "钱经理", "10.00"], ["支票", "钱经理", Money(total - 10m)]);
        Assert.Equal(before - 3, await OnHandAsync(xiaolin, product));

        await xiaolin.GotoAsync("/customers/companies?q=" + Uri.EscapeDataString(customer));
        var company = xiaolin.Locator("#companies tbody tr", new() { HasText = customer });
        await Assertions.Expect(company).ToHaveCountAsync(1);
        await Assertions.Expect(company).ToContainTextAsync("小林");
        await company.GetByRole(AriaRole.Link, new() { Name = customer, Exact = true }).ClickAsync();
        await Assertions.Expect(xiaolin.GetByRole(AriaRole.Heading, new() { Name = customer })).ToBeVisibleAsync();
    }
}

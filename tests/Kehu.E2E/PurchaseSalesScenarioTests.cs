using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>
/// The seed's two scenarios (SPEC §3.4) in a real browser, each user in their own browser and every
/// step after the first opened from 办理 on 我的工作台: 小王 buys, 蔡经理 approves, 钱经理 pays in two
/// parts; 小林 sells to a new customer, 赵经理 approves, 钱经理 collects in two parts.
/// </summary>
public sealed class PurchaseSalesScenarioTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> LogInAsync(string user)
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LogInAsync(page, user);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        return page;
    }

    /// <summary>Opens the order's pending task from the workbench's 待办事宜: returns the task's id.</summary>
    private static async Task<string> OpenTaskAsync(IPage page, string number, string step)
    {
        await page.GotoAsync("/");
        var row = TaskRows(page, number);
        await Assertions.Expect(row).ToContainTextAsync(step);
        var task = (await row.GetAttributeAsync("data-task-id"))!;
        await row.GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Assertions.Expect(page.Locator("#current-step")).ToContainTextAsync(step);
        return task;
    }

    /// <summary>Does the task's action and lands back on the workbench, where that task is gone.</summary>
    private static async Task ActAsync(IPage page, string action, string task)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator($"#pending-tasks tr.task-row[data-task-id='{task}']")).ToHaveCountAsync(0);
    }

    /// <summary>The manager approves with the opinion 同意.</summary>
    private static async Task ApproveAsync(IPage manager, string number, string step)
    {
        var task = await OpenTaskAsync(manager, number, step);
        await manager.GetByLabel("意见", new() { Exact = true }).FillAsync("同意");
        await ActAsync(manager, "同意", task);
    }

    /// <summary>The finance manager's money step: the amount offered is what is outstanding; pays or
    /// collects <paramref name="amount"/> by <paramref name="method"/>.</summary>
    private static async Task SettleAsync(IPage finance, string number, string step, string field, string outstanding, string amount, string method, string action)
    {
        var task = await OpenTaskAsync(finance, number, step);
        await Assertions.Expect(finance.Locator($"#field-{field}Amount")).ToHaveValueAsync(outstanding);
        await finance.Locator($"#field-{field}Amount").FillAsync(amount);
        await finance.Locator($"#field-{field}Method").SelectOptionAsync(new SelectOptionValue { Label = method });
        await ActAsync(finance, action, task);
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

    private static ILocator TaskRows(IPage page, string number) => page.Locator("#pending-tasks tr.task-row", new() { HasText = number });

    private static string Money(decimal v) => v.ToString("N2", CultureInfo.InvariantCulture);

    private static async Task AssertSettlementsAsync(IPage page, params string[][] rows)
    {
        var shown = page.Locator("#order-payments tbody tr");
        await Assertions.Expect(shown).ToHaveCountAsync(rows.Length);
        for (var i = 0; i < rows.Length; i++)
            foreach (var text in rows[i])
                await Assertions.Expect(shown.Nth(i)).ToContainTextAsync(text);
    }

    [Fact]
    public async Task Xiaowang_Buys_Caijingli_Approves_IntoStock_Qianjingli_PaysInTwoParts_AndTheOrderIsPaid()
    {
        var xiaowang = await LogInAsync("xiaowang");
        var (supplier, product) = await OrderForms.NewProductAsync(xiaowang, "采购场景商品", "12.5");
        Assert.Null(await OnHandAsync(xiaowang, product));

        await xiaowang.GotoAsync("/");
        await xiaowang.Locator("#quick-new").GetByRole(AriaRole.Link, new() { Name = "新建采购单" }).ClickAsync();
        await Assertions.Expect(xiaowang).ToHaveURLAsync(new Regex("/purchasing/orders/new$"));
        await OrderForms.PickAsync(xiaowang, "Input_SupplierId", supplier, supplier);
        await OrderForms.PickAsync(xiaowang, "line-0-product", product, product);
        await xiaowang.Locator("#line-0-quantity").FillAsync("10");
        await xiaowang.Locator("#line-0-discount").FillAsync("0.95");
        // 10 × 12.50 (进价, the default 单价) × 0.95 = 118.75.
        await Assertions.Expect(xiaowang.Locator("#line-0-amount")).ToHaveTextAsync("118.75");
        await Assertions.Expect(xiaowang.Locator("#lines-total")).ToHaveTextAsync("118.75");
        await xiaowang.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();

        await Assertions.Expect(xiaowang).ToHaveURLAsync(new Regex(@"/purchasing/orders/\d+$"));
        var orderUrl = xiaowang.Url;
        await Assertions.Expect(xiaowang.Locator("#order-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(xiaowang.Locator("#order-total")).ToHaveTextAsync("118.75");
        var number = (await xiaowang.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.NotEmpty(number);

        var cai = await LogInAsync("caijingli");
        await ApproveAsync(cai, number, "采购部经理审核");
        await cai.GotoAsync(orderUrl);
        await Assertions.Expect(cai.Locator("#order-state")).ToHaveTextAsync("待付款");
        Assert.Equal(10m, await OnHandAsync(cai, product));

        var qian = await LogInAsync("qianjingli");
        await SettleAsync(qian, number, "财务部经理付款", "payment", "118.75", "50", "银行转账", "付款");
        // The rest waits as a new task on the same workbench.
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(1);
        await qian.GotoAsync(orderUrl);
        await Assertions.Expect(qian.Locator("#order-state")).ToHaveTextAsync("待付款");
        await Assertions.Expect(qian.Locator("#order-paid")).ToHaveTextAsync("50.00");
        await Assertions.Expect(qian.Locator("#order-outstanding")).ToHaveTextAsync("68.75");
        await SettleAsync(qian, number, "财务部经理付款", "payment", "68.75", "68.75", "现金", "付款");
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(0);

        await xiaowang.GotoAsync(orderUrl);
        await Assertions.Expect(xiaowang.Locator("#order-state")).ToHaveTextAsync("已付款");
        await Assertions.Expect(xiaowang.Locator("#order-total")).ToHaveTextAsync("118.75");
        await Assertions.Expect(xiaowang.Locator("#order-paid")).ToHaveTextAsync("118.75");
        await Assertions.Expect(xiaowang.Locator("#order-outstanding")).ToHaveTextAsync("0.00");
        await Assertions.Expect(xiaowang.Locator("#order-fields")).ToContainTextAsync("蔡经理");
        await Assertions.Expect(xiaowang.Locator("#order-fields")).ToContainTextAsync("同意");
        await AssertSettlementsAsync(xiaowang, ["银行转账", "钱经理", "50.00"], ["现金", "钱经理", "68.75"]);
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

        await xiaolin.GotoAsync("/");
        await xiaolin.Locator("#quick-new").GetByRole(AriaRole.Link, new() { Name = "新建销售单" }).ClickAsync();
        await Assertions.Expect(xiaolin).ToHaveURLAsync(new Regex("/sales/orders/new$"));
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
        await xiaolin.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();

        await Assertions.Expect(xiaolin).ToHaveURLAsync(new Regex(@"/sales/orders/\d+$"));
        var orderUrl = xiaolin.Url;
        await Assertions.Expect(xiaolin.Locator("#order-state")).ToHaveTextAsync("待审核");
        await Assertions.Expect(xiaolin.Locator("#order-total")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(xiaolin.Locator("#order-fields")).ToContainTextAsync(customer);
        var number = (await xiaolin.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.NotEmpty(number);

        var zhao = await LogInAsync("zhaojingli");
        await ApproveAsync(zhao, number, "销售部经理审核");
        await zhao.GotoAsync(orderUrl);
        await Assertions.Expect(zhao.Locator("#order-state")).ToHaveTextAsync("待收款");
        Assert.Equal(before - 3, await OnHandAsync(zhao, product));

        var qian = await LogInAsync("qianjingli");
        await SettleAsync(qian, number, "财务部经理收款", "receipt", total.ToString("0.00", CultureInfo.InvariantCulture), "10", "银行转账", "收款");
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(1);
        await qian.GotoAsync(orderUrl);
        await Assertions.Expect(qian.Locator("#order-state")).ToHaveTextAsync("待收款");
        await Assertions.Expect(qian.Locator("#order-received")).ToHaveTextAsync("10.00");
        var rest = total - 10m;
        await Assertions.Expect(qian.Locator("#order-outstanding")).ToHaveTextAsync(Money(rest));
        var restText = rest.ToString("0.00", CultureInfo.InvariantCulture);
        await SettleAsync(qian, number, "财务部经理收款", "receipt", restText, restText, "支票", "收款");
        await Assertions.Expect(TaskRows(qian, number)).ToHaveCountAsync(0);

        await xiaolin.GotoAsync(orderUrl);
        await Assertions.Expect(xiaolin.Locator("#order-state")).ToHaveTextAsync("已收款");
        await Assertions.Expect(xiaolin.Locator("#order-received")).ToHaveTextAsync(Money(total));
        await Assertions.Expect(xiaolin.Locator("#order-outstanding")).ToHaveTextAsync("0.00");
        await Assertions.Expect(xiaolin.Locator("#order-fields")).ToContainTextAsync("赵经理");
        await Assertions.Expect(xiaolin.Locator("#order-fields")).ToContainTextAsync("同意");
        await AssertSettlementsAsync(xiaolin, ["银行转账", "钱经理", "10.00"], ["支票", "钱经理", Money(rest)]);
        Assert.Equal(before - 3, await OnHandAsync(xiaolin, product));

        await xiaolin.GotoAsync("/customers/companies?q=" + Uri.EscapeDataString(customer));
        var company = xiaolin.Locator("#companies tbody tr", new() { HasText = customer });
        await Assertions.Expect(company).ToHaveCountAsync(1);
        await Assertions.Expect(company).ToContainTextAsync("小林");
        await company.GetByRole(AriaRole.Link, new() { Name = customer, Exact = true }).ClickAsync();
        await Assertions.Expect(xiaolin.GetByRole(AriaRole.Heading, new() { Name = customer })).ToBeVisibleAsync();
    }
}

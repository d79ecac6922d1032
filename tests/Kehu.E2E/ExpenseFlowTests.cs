using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Kehu.E2E.WorkbenchSteps;

namespace Kehu.E2E;

/// <summary>An expense claim in a real browser: 小张 fills two lines from 我的工作台 and submits; his
/// 上级 孙经理 agrees; 钱经理 pays what is due; each step from 待办事宜.</summary>
public sealed class ExpenseFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Xiaozhang_ClaimsTwoLines_Sunjingli_Agrees_Qianjingli_Pays_AndTheClaimIsPaid()
    {
        var xiaozhang = await LogInAsync(app, "xiaozhang");
        await xiaozhang.Locator("#quick-new").GetByRole(AriaRole.Link, new() { Name = "新建费用报销单" }).ClickAsync();
        await Assertions.Expect(xiaozhang).ToHaveURLAsync(new Regex("/expenses/claims/new$"));

        await xiaozhang.Locator("#line-0-type").SelectOptionAsync(new SelectOptionValue { Label = "差旅费" });
        await xiaozhang.Locator("#line-0-amount").FillAsync("320.5");
        await xiaozhang.Locator("#line-0-description").FillAsync("上门维修高铁票");
        await xiaozhang.Locator("#line-0-receipts").FillAsync("2");
        await xiaozhang.GetByRole(AriaRole.Button, new() { Name = "添加一行" }).ClickAsync();
        var added = xiaozhang.Locator("#claim-lines tbody tr").Last;
        await added.Locator("select").SelectOptionAsync(new SelectOptionValue { Label = "餐费" });
        await added.Locator("input[id$='-amount']").FillAsync("80");
        await Assertions.Expect(xiaozhang.Locator("#lines-total")).ToHaveTextAsync("400.50");

        await xiaozhang.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();
        await Assertions.Expect(xiaozhang).ToHaveURLAsync(new Regex(@"/expenses/claims/\d+$"));
        var url = xiaozhang.Url;
        await Assertions.Expect(xiaozhang.Locator("#claim-state")).ToHaveTextAsync("待上级审批");
        await Assertions.Expect(xiaozhang.Locator("#claim-total")).ToHaveTextAsync("400.50");
        var number = (await xiaozhang.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.NotEmpty(number);

        var sun = await LogInAsync(app, "sunjingli");
        var review = await OpenTaskAsync(sun, number, "上级审批");
        await ActAsync(sun, "同意", review);

        var qian = await LogInAsync(app, "qianjingli");
        var payment = await OpenTaskAsync(qian, number, "财务审批");
        await Assertions.Expect(qian.Locator("#field-paymentAmount")).ToHaveValueAsync("400.50");
        await ActAsync(qian, "付款", payment);

        await xiaozhang.GotoAsync(url);
        await Assertions.Expect(xiaozhang.Locator("#claim-state")).ToHaveTextAsync("已付款");
        await Assertions.Expect(xiaozhang.Locator("#claim-payable")).ToHaveTextAsync("400.50");
        await Assertions.Expect(xiaozhang.Locator("#claim-fields")).ToContainTextAsync("小张");
    }
}

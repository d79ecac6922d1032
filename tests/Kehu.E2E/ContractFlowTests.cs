using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Kehu.E2E.WorkbenchSteps;

namespace Kehu.E2E;

/// <summary>A contract in a real browser: 小林 fills it from 我的工作台 with a related order, attaches the
/// signed scan, submits it, and his 上级 赵经理 approves it from his 待办事宜 and opens the scan.</summary>
public sealed class ContractFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    // A demo customer of 小林 with a demo 销售单.
    private const string Customer = "华东新能源设备有限公司";

    [Fact]
    public async Task Xiaolin_FillsAContractWithARelatedOrderAndAnAttachment_Submits_Zhaojingli_Approves_AndItIsInEffect()
    {
        var title = "浏览器合同" + Guid.NewGuid().ToString("N")[..6];
        var xiaolin = await LogInAsync(app, "xiaolin");
        await xiaolin.Locator("#quick-new").GetByRole(AriaRole.Link, new() { Name = "新建合同" }).ClickAsync();
        await Assertions.Expect(xiaolin).ToHaveURLAsync(new Regex("/contracts/new$"));

        await xiaolin.GetByLabel("合同名称").FillAsync(title);
        await OrderForms.PickAsync(xiaolin, "Input_CompanyId", "华东新能源", Customer);
        // Choosing the company brings its orders to tick (htmx).
        var order = xiaolin.Locator("#orders-field input[name='Input.SalesOrderIds']").First;
        await Assertions.Expect(order).ToBeVisibleAsync();
        await order.CheckAsync();
        await xiaolin.GetByLabel("开始日期").FillAsync("2026-01-01");
        await xiaolin.GetByLabel("结束日期").FillAsync("2026-12-31");
        await xiaolin.GetByLabel("合同金额").FillAsync("86000");
        await xiaolin.GetByLabel("对方签约人").FillAsync("李总");
        await xiaolin.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();

        await Assertions.Expect(xiaolin).ToHaveURLAsync(new Regex(@"/contracts/\d+$"));
        var url = xiaolin.Url;
        await Assertions.Expect(xiaolin.Locator("#contract-state")).ToHaveTextAsync("草稿");
        await Assertions.Expect(xiaolin.Locator("#contract-amount")).ToHaveTextAsync("86,000.00");
        await Assertions.Expect(xiaolin.Locator("#contract-orders li")).ToHaveCountAsync(1);
        var number = (await xiaolin.Locator("h1 small").InnerTextAsync()).Trim();
        Assert.StartsWith("HT-", number);

        var scan = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
        await xiaolin.Locator("#upload-file").SetInputFilesAsync(new FilePayload { Name = "签字版合同.pdf", MimeType = "application/pdf", Buffer = scan });
        await xiaolin.Locator("#attachment-upload").GetByRole(AriaRole.Button, new() { Name = "上传" }).ClickAsync();
        await Assertions.Expect(xiaolin.Locator("#attachments .attachment")).ToContainTextAsync("签字版合同.pdf");

        await xiaolin.GetByRole(AriaRole.Button, new() { Name = "提交", Exact = true }).ClickAsync();
        await Assertions.Expect(xiaolin.Locator("#contract-state")).ToHaveTextAsync("待审批");
        await Assertions.Expect(xiaolin.Locator("#pending-with")).ToContainTextAsync("赵经理");

        var zhao = await LogInAsync(app, "zhaojingli");
        var task = await OpenTaskAsync(zhao, number, "上级审批");
        await Assertions.Expect(zhao.Locator("main")).ToContainTextAsync(title);
        await zhao.Locator("#field-approvalOpinion").FillAsync("同意签订");
        await ActAsync(zhao, "同意", task);

        await xiaolin.GotoAsync(url);
        await Assertions.Expect(xiaolin.Locator("#contract-state")).ToHaveTextAsync("已生效");
        await Assertions.Expect(xiaolin.Locator("#contract-opinion")).ToHaveTextAsync("同意签订");
        await Assertions.Expect(xiaolin.Locator("#contract-fields")).ToContainTextAsync("赵经理");

        // The 上级 who approved it opens the signed scan from the contract's page.
        await zhao.GotoAsync(url);
        var link = zhao.Locator("#attachments a", new() { HasText = "签字版合同.pdf" });
        var download = await zhao.APIRequest.GetAsync((await link.GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Equal(scan, await download.BodyAsync());
    }
}

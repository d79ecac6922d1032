using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>The complaint workflow in a real browser: 小李 registers and submits, 孙经理 and 小张 each
/// open their task from 办理 on the workbench.</summary>
public sealed class ComplaintFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private async Task<IPage> LogInAsync(string user, bool phone = false)
    {
        var page = await app.NewPageAsync(phone);
        await BrowserApp.LogInAsync(page, user);
        return page;
    }

    private static ILocator TaskRow(IPage page, string subject) =>
        page.Locator("#pending-tasks tr.task-row", new() { HasText = subject });

    [Fact]
    public async Task Complaint_FromXiaoli_ThroughSun_ToXiaozhang_ClosesAt100Percent()
    {
        var subject = "浏览器投诉" + Guid.NewGuid().ToString("N")[..6];

        var xiaoli = await LogInAsync("xiaoli");
        await xiaoli.GotoAsync("/service/complaints/new");
        await xiaoli.Locator("#Input_CompanyId + .ts-wrapper .ts-control").ClickAsync();
        await xiaoli.Keyboard.TypeAsync("客户A");
        await xiaoli.Locator(".ts-dropdown .option", new() { HasText = "客户A" }).First.ClickAsync();
        await xiaoli.GetByLabel("投诉主题").FillAsync(subject);
        await xiaoli.GetByLabel("投诉内容").FillAsync("客户来电：设备运行时有异响");
        await xiaoli.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();
        await Assertions.Expect(xiaoli).ToHaveURLAsync(new Regex(@"/service/complaints/\d+$"));
        await Assertions.Expect(xiaoli.Locator("#complaint-state")).ToHaveTextAsync("待处理");
        var complaintUrl = xiaoli.Url;

        var sun = await LogInAsync("sunjingli");
        await Assertions.Expect(sun.Locator("#pending-count")).Not.ToHaveTextAsync("0");
        await TaskRow(sun, subject).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Assertions.Expect(sun.Locator("#current-step")).ToContainTextAsync("技术部经理处理");
        await sun.GetByLabel("指派给").SelectOptionAsync(new SelectOptionValue { Label = "小张" });
        await sun.GetByLabel("意见").FillAsync("请上门检查");
        await sun.GetByRole(AriaRole.Button, new() { Name = "指派服务人员" }).ClickAsync();
        await Assertions.Expect(sun.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(TaskRow(sun, subject)).ToHaveCountAsync(0);

        var zhang = await LogInAsync("xiaozhang");
        await TaskRow(zhang, subject).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await Assertions.Expect(zhang.Locator("#current-step")).ToContainTextAsync("服务人员处理");
        await Assertions.Expect(zhang.GetByLabel("服务人员")).ToHaveValueAsync(new Regex(@"^\d+$"));
        await zhang.GetByLabel("完成度").FillAsync("100");
        await zhang.GetByLabel("处理过程").FillAsync("更换轴承，试运行正常");
        await zhang.GetByRole(AriaRole.Button, new() { Name = "提交处理结果" }).ClickAsync();
        await Assertions.Expect(zhang.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(TaskRow(zhang, subject)).ToHaveCountAsync(0);

        await xiaoli.GotoAsync(complaintUrl);
        await Assertions.Expect(xiaoli.Locator("#complaint-state")).ToHaveTextAsync("已关闭");
        await Assertions.Expect(xiaoli.Locator("#tickets")).ToContainTextAsync("100%");
        await Assertions.Expect(xiaoli.Locator("#timeline .timeline-entry")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task HandlingWithoutCompletion_ShowsTheFieldError_AndKeepsTheTask()
    {
        var subject = "浏览器必填" + Guid.NewGuid().ToString("N")[..6];
        var xiaoli = await LogInAsync("xiaoli");
        await xiaoli.GotoAsync("/service/complaints/new");
        await xiaoli.Locator("#Input_CompanyId + .ts-wrapper .ts-control").ClickAsync();
        await xiaoli.Keyboard.TypeAsync("客户B");
        await xiaoli.Locator(".ts-dropdown .option", new() { HasText = "客户B" }).First.ClickAsync();
        await xiaoli.GetByLabel("投诉主题").FillAsync(subject);
        await xiaoli.GetByRole(AriaRole.Button, new() { Name = "保存并提交" }).ClickAsync();
        await Assertions.Expect(xiaoli.Locator("#complaint-state")).ToHaveTextAsync("待处理");

        var sun = await LogInAsync("sunjingli");
        await TaskRow(sun, subject).GetByRole(AriaRole.Link, new() { Name = "办理" }).ClickAsync();
        await sun.GetByRole(AriaRole.Button, new() { Name = "结案" }).ClickAsync();

        await Assertions.Expect(sun.GetByText("结案说明不能为空")).ToBeVisibleAsync();
        await sun.GetByLabel("结案说明").FillAsync("电话指导后已解决");
        await sun.GetByRole(AriaRole.Button, new() { Name = "结案" }).ClickAsync();
        await Assertions.Expect(sun.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task OnAPhone_XiaoliPicksTheRelatedProductWithTheKeyboard_AndTheComplaintLinksToIt()
    {
        var subject = "手机商品投诉" + Guid.NewGuid().ToString("N")[..6];
        var xiaoli = await LogInAsync("xiaoli", phone: true);
        await xiaoli.GotoAsync("/service/complaints/new");
        await xiaoli.Locator("#Input_CompanyId + .ts-wrapper .ts-control").TapAsync();
        // Waits for the search itself: a headless page running beside others may miss the picker's blur,
        // and a late answer would then reopen it and take the focus from the next fields.
        await xiaoli.RunAndWaitForResponseAsync(() => xiaoli.Keyboard.TypeAsync("客户A"), r => Uri.UnescapeDataString(r.Url).EndsWith("q=客户A", StringComparison.Ordinal));
        await xiaoli.Locator(".ts-dropdown .option", new() { HasText = "客户A" }).First.TapAsync();
        await xiaoli.GetByLabel("投诉主题").FillAsync(subject);

        await xiaoli.GetByLabel("紧急程度").FocusAsync();
        await xiaoli.Keyboard.PressAsync("Tab");
        await Assertions.Expect(xiaoli.GetByRole(AriaRole.Combobox, new() { Name = "相关商品" })).ToBeFocusedAsync();
        await xiaoli.Keyboard.TypeAsync("深沟球");
        await Assertions.Expect(xiaoli.Locator(".ts-dropdown .option.active", new() { HasText = "深沟球轴承" })).ToBeVisibleAsync();
        await xiaoli.Keyboard.PressAsync("Enter");
        await Assertions.Expect(xiaoli.Locator("#Input_ProductId")).Not.ToHaveValueAsync("");
        await xiaoli.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).TapAsync();

        await Assertions.Expect(xiaoli).ToHaveURLAsync(new Regex(@"/service/complaints/\d+$"));
        var product = xiaoli.Locator("#complaint-product a");
        await Assertions.Expect(product).ToHaveTextAsync("深沟球轴承");
        await product.TapAsync();
        await Assertions.Expect(xiaoli.Locator("#product-complaints")).ToContainTextAsync(subject);
    }
}

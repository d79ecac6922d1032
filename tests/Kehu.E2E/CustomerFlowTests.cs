using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Kehu.E2E;

/// <summary>The customer-management flows of the foundation issue, in a real browser.</summary>
public sealed class CustomerFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static Task LogInAsync(IPage page, string user) => BrowserApp.LogInAsync(page, user);

    [Fact]
    public async Task Xiaolin_LogsIn_AndLandsOnTheWorkbench()
    {
        var page = await app.NewPageAsync();

        await LogInAsync(page, "xiaolin");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "我的工作台" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#user-menu")).ToHaveTextAsync("小林");
    }

    [Fact]
    public async Task CreateCompany_FirstWithoutName_ShowsTheError_ThenSaves()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "xiaolin");
        var name = "浏览器测试机电" + Guid.NewGuid().ToString("N")[..6];

        await page.GotoAsync("/customers/companies/new");
        await page.GetByLabel("电话").FillAsync("0571-88886666");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByText("单位名称不能为空")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("电话")).ToHaveValueAsync("0571-88886666");

        await page.GetByLabel("单位名称").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/customers/companies/\d+$"));
    }

    [Fact]
    public async Task AddContact_FromTheCompanyPage_ShowsItOnTheCompany()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "xiaolin");
        await page.GotoAsync("/customers/companies?q=" + Uri.EscapeDataString("客户B"));
        await page.GetByRole(AriaRole.Link, new() { Name = "客户B", Exact = true }).ClickAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "新建联系人" }).ClickAsync();
        await page.GetByLabel("联系人姓名").FillAsync("欧阳浏览");
        await page.GetByLabel("手机").FillAsync("13900001111");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await page.GotoAsync(page.Url.Contains("/customers/companies/", StringComparison.Ordinal) ? page.Url : "/customers/companies?q=" + Uri.EscapeDataString("客户B"));
        if (!page.Url.Contains("/customers/companies/", StringComparison.Ordinal))
            await page.GetByRole(AriaRole.Link, new() { Name = "客户B", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("欧阳浏览");
        await Assertions.Expect(page.Locator("#contacts")).ToContainTextAsync("13900001111");
    }

    [Fact]
    public async Task ContactRecord_PicksTheContactFromTheFilteredDropDown_AndTheCompanyShowsContactTimes()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "xiaolin");

        await page.GotoAsync("/customers/contact-records/new");
        await page.Locator("#Input_CompanyId + .ts-wrapper .ts-control").ClickAsync();
        await page.Keyboard.TypeAsync("客户A");
        await page.Locator(".ts-dropdown .option", new() { HasText = "客户A" }).First.ClickAsync();
        var contactSelect = page.Locator("#Input_ContactId");
        await Assertions.Expect(contactSelect).ToBeEnabledAsync();
        var options = await contactSelect.Locator("option[value]:not([value=''])").AllTextContentsAsync();
        options.ShouldNotBeEmpty();
        var chosen = options[0].Replace(" ★", "", StringComparison.Ordinal);
        await contactSelect.SelectOptionAsync(new SelectOptionValue { Label = options[0] });
        await page.Locator("#Input_ContactedAt").FillAsync("2026-11-20T10:30");
        await page.GetByLabel("联系内容").FillAsync("浏览器测试：电话沟通报价");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "客户A" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#contact-records")).ToContainTextAsync("浏览器测试：电话沟通报价");
        await Assertions.Expect(page.Locator("#contact-records")).ToContainTextAsync(chosen);
        await Assertions.Expect(page.Locator("#last-contact")).Not.ToHaveTextAsync("—");
        await Assertions.Expect(page.Locator("#first-contact")).Not.ToHaveTextAsync("—");
    }

    [Fact]
    public async Task ShareAndUnshare_OnAPhoneWithTheKeyboard_UpdateTheCardAndTheHistoryInPlace()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "zhaojingli");
        await page.SetViewportSizeAsync(390, 844);
        var name = "共享浏览器测试" + Guid.NewGuid().ToString("N")[..6];
        await page.GotoAsync("/customers/companies/new");
        await page.GetByLabel("单位名称").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        var url = page.Url;

        var colleague = page.GetByLabel("共享给同事");
        await colleague.FocusAsync();
        await colleague.SelectOptionAsync(new SelectOptionValue { Label = "小林" });
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#share-list")).ToContainTextAsync("小林");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("共享给：— → 小林");
        await Assertions.Expect(page.GetByLabel("共享给同事")).ToBeFocusedAsync();
        page.Url.ShouldBe(url, "htmx swapped the card in place");

        EventHandler<IDialog> dismiss = async (_, dialog) => await dialog.DismissAsync();
        page.Dialog += dismiss;
        await page.GetByRole(AriaRole.Button, new() { Name = "取消共享给 小林" }).ClickAsync();
        await Assertions.Expect(page.Locator("#share-list")).ToContainTextAsync("小林");
        page.Dialog -= dismiss;
        page.Dialog += async (_, dialog) =>
        {
            dialog.Message.ShouldBe("确定不再共享给 小林 吗？");
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "取消共享给 小林" }).ClickAsync();

        await Assertions.Expect(page.Locator("#share-list")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#shares")).ToContainTextAsync("还没有共享给同事。");
        await Assertions.Expect(page.Locator("#history")).ToContainTextAsync("共享给：小林 → —");
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheInterfaceInEnglish_AndBack()
    {
        var page = await app.NewPageAsync();
        await LogInAsync(page, "xiaolin");
        await page.GotoAsync("/customers/companies");

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Companies" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "中文" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "客户信息表" })).ToBeVisibleAsync();
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;

namespace Kehu.E2E;

/// <summary>导入 in a real browser: upload a workbook, fix a column's mapping, preview, import, watch
/// the progress reach 100%, then undo.</summary>
public sealed class ImportFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task UploadAWorkbook_FixTheMapping_Preview_Import_WatchTheProgress_ThenUndo()
    {
        var page = await app.NewPageAsync();
        await BrowserApp.LogInAsync(page, "xiaolin");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var workbook = new MemoryStream();
        MiniExcel.SaveAs(workbook, new[]
        {
            new Dictionary<string, object> { ["公司"] = $"浏览器导入甲{tag}", ["客户等级"] = "重点客户", ["电话"] = "021-1" },
            new Dictionary<string, object> { ["公司"] = $"浏览器导入乙{tag}", ["客户等级"] = "普通客户", ["电话"] = "021-2" },
        }, excelType: ExcelType.XLSX);

        await page.GotoAsync("/customers/companies");
        await page.Locator("#import-link").ClickAsync();
        await page.Locator("#import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "客户.xlsx",
            MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = workbook.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "上传并预览" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/imports/\d+$"));
        await Assertions.Expect(page.Locator("#import-problems")).ToContainTextAsync("单位名称不能为空");

        await page.GetByLabel("公司").SelectOptionAsync(new SelectOptionValue { Label = "单位名称" });
        await page.GetByRole(AriaRole.Button, new() { Name = "按新的对应重新预览" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-preview")).ToContainTextAsync("将新建 2 条，更新 0 条，跳过 0 条");

        await page.GetByRole(AriaRole.Button, new() { Name = "开始导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-progress-text")).ToContainTextAsync("2 / 2 行（100%）", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#import-state")).ToHaveTextAsync("已完成", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#import-result")).ToContainTextAsync("新建 2 条");

        await page.GotoAsync("/customers/companies?q=" + Uri.EscapeDataString(tag));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"浏览器导入甲{tag}" })).ToBeVisibleAsync();

        await page.GotoAsync("/imports");
        await page.Locator("#imports-table a", new() { HasText = "客户.xlsx" }).First.ClickAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "撤销这次导入" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-state")).ToHaveTextAsync("已撤销");

        await page.GotoAsync("/customers/companies?q=" + Uri.EscapeDataString(tag));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"浏览器导入甲{tag}" })).ToHaveCountAsync(0);
    }
}

using System.Text.RegularExpressions;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Kehu.E2E.WorkbenchSteps;

namespace Kehu.E2E;

/// <summary>导出 in a real browser: the company list filtered to suppliers, 导出 Excel, and the
/// downloaded workbook holds the filtered list.</summary>
public sealed class ExportFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Admin_FiltersTheCompanyList_ClicksExportExcel_AndDownloadsTheFilteredRows()
    {
        var admin = await LogInAsync(app, "admin");
        await admin.GotoAsync("/customers/companies");
        await admin.Locator("#f-role").SelectOptionAsync("supplier");
        await admin.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("role=supplier"));
        var shown = (await admin.Locator("#companies tbody tr td:first-child").AllInnerTextsAsync()).Select(c => c.Trim()).ToList();
        Assert.NotEmpty(shown);

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByRole(AriaRole.Link, new() { Name = "导出 Excel" }).ClickAsync());

        Assert.Matches(@"^客户信息-\d{8}\.xlsx$", download.SuggestedFilename);
        var path = Path.Combine(Directory.CreateTempSubdirectory("kehu-e2e-export-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var rows = MiniExcel.Query(path, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(shown, rows.Select(r => r["客户编号"]?.ToString()).Take(shown.Count));
        Assert.All(rows, r => Assert.Contains("供应商", r["类型"]?.ToString()));
    }
}

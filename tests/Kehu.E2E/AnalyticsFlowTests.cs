using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Kehu.E2E.WorkbenchSteps;

namespace Kehu.E2E;

/// <summary>销售分析 in a real browser: 赵经理 goes from 本月概况 on his workbench to the sales
/// analysis, changes the period, and the chart and the table follow without a page load.</summary>
public sealed class AnalyticsFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Zhaojingli_OpensSalesAnalysis_ChangesThePeriod_AndTheChartAndTableUpdate()
    {
        var zhao = await LogInAsync(app, "zhaojingli");
        var errors = new List<string>();
        zhao.PageError += (_, e) => errors.Add(e);
        var monthSales = (await zhao.Locator("#manager-dashboard-sales").InnerTextAsync()).Trim();
        await zhao.Locator("#manager-dashboard a", new() { Has = zhao.Locator("#manager-dashboard-sales") }).ClickAsync();
        await Assertions.Expect(zhao).ToHaveURLAsync(new Regex("/analytics/sales\\?period=month$"));

        await Assertions.Expect(zhao.Locator("#figure-amount")).ToHaveTextAsync(monthSales);
        await Assertions.Expect(zhao.Locator("#chart-sales-trend canvas")).ToHaveCountAsync(1);
        var days = await zhao.Locator("#table-sales-by-period tbody tr").CountAsync();
        Assert.InRange(days, 28, 31);
        var monthText = await zhao.Locator("#period-text").InnerTextAsync();

        await zhao.Locator("#p-period").SelectOptionAsync("year");

        var year = DateTime.UtcNow.AddHours(8).Year;
        await Assertions.Expect(zhao.Locator("#period-text")).ToHaveTextAsync($"{year}-01-01 ~ {year}-12-31");
        await Assertions.Expect(zhao).ToHaveURLAsync(new Regex("period=year"));
        await Assertions.Expect(zhao.Locator("#table-sales-by-period tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(zhao.Locator("#table-sales-by-period tbody tr").First).ToContainTextAsync($"{year}-01");
        await Assertions.Expect(zhao.Locator("#chart-sales-trend canvas")).ToHaveCountAsync(1);
        Assert.Contains($"\"{year}-12\"", await zhao.Locator("#chart-sales-trend-option").TextContentAsync());
        Assert.NotEqual(monthText, await zhao.Locator("#period-text").InnerTextAsync());

        await zhao.Locator("#p-period").SelectOptionAsync("custom");
        await Assertions.Expect(zhao.Locator("#p-from")).ToBeVisibleAsync();
        await zhao.Locator("#p-from").FillAsync($"{year}-03-01");
        await zhao.Locator("#p-to").FillAsync($"{year}-03-10");
        await zhao.Locator("#p-to").DispatchEventAsync("change");
        await Assertions.Expect(zhao.Locator("#period-text")).ToHaveTextAsync($"{year}-03-01 ~ {year}-03-10");
        await Assertions.Expect(zhao.Locator("#table-sales-by-period tbody tr")).ToHaveCountAsync(10);

        await zhao.Locator("#period-previous").ClickAsync();
        var before = new DateOnly(year, 3, 1).AddDays(-10);
        await Assertions.Expect(zhao.Locator("#period-text")).ToHaveTextAsync($"{before:yyyy-MM-dd} ~ {before.AddDays(9):yyyy-MM-dd}");
        Assert.Empty(errors);
    }
}

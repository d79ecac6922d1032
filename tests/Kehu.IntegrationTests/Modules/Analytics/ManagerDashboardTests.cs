using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Service;
using Microsoft.EntityFrameworkCore;

namespace Kehu.IntegrationTests.Modules.Analytics;

/// <summary>本月概况 on a manager's 我的工作台, against figures worked out here from the raw rows.</summary>
public abstract class ManagerDashboardTests(KehuApp app)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Fact]
    public async Task Administrator_SeesThisMonthsSales_Receivables_OpenComplaints_AndLowStock()
    {
        using var admin = await app.BrowserAsAsync("admin");

        var doc = await admin.GetDocumentAsync("/");

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Shanghai));
        var first = new DateOnly(today.Year, today.Month, 1);
        var orders = await app.WithDbAsync(db => db.SalesOrders.AsNoTracking().ToListAsync());
        var sold = orders.Where(o => o.State is SalesOrderState.Approved or SalesOrderState.Collected && o.OrderDate >= first && o.OrderDate <= today).Sum(o => o.Total);
        var receivable = orders.Where(o => o.State == SalesOrderState.Approved).Sum(o => o.Total - o.Received);
        var complaints = await app.WithDbAsync(db => db.Complaints.AsNoTracking().ToListAsync());
        var open = complaints.Count(c => c.State is ComplaintState.Review or ComplaintState.InService or ComplaintState.Returned);
        var low = await app.WithDbAsync(async db =>
        {
            var onHand = await db.StockValuations.ToDictionaryAsync(v => v.ProductId, v => v.Quantity);
            return (await db.Products.Where(p => p.IsActive && p.MinimumStock > 0).ToListAsync()).Count(p => onHand.GetValueOrDefault(p.Id) < p.MinimumStock);
        });
        sold.ShouldBeGreaterThan(0m, "the demo data sells this month");
        doc.QuerySelector("#manager-dashboard-sales")!.TextContent.ShouldBe(sold.ToString("N2"));
        doc.QuerySelector("#manager-dashboard-receivable")!.TextContent.ShouldBe(receivable.ToString("N2"));
        doc.QuerySelector("#manager-dashboard-complaints")!.TextContent.ShouldBe(open.ToString("N0"));
        doc.QuerySelector("#manager-dashboard-low-stock")!.TextContent.ShouldBe(low.ToString());
        doc.QuerySelector("a[href='/analytics/sales?period=month'] #manager-dashboard-sales").ShouldNotBeNull();
    }

    [Fact]
    public async Task TechnicalManager_SeesOnlyTheOpenComplaints_AndASalesperson_NoCard()
    {
        using var sun = await app.BrowserAsAsync("sunjingli");
        using var lin = await app.BrowserAsAsync("xiaolin");

        var his = await sun.GetDocumentAsync("/");
        var salesperson = await lin.GetDocumentAsync("/");

        his.QuerySelector("#manager-dashboard-complaints").ShouldNotBeNull();
        his.QuerySelector("#manager-dashboard-sales").ShouldBeNull();
        his.QuerySelector("#manager-dashboard-receivable").ShouldBeNull();
        salesperson.QuerySelector("#manager-dashboard").ShouldBeNull();
    }
}

public sealed class ManagerDashboardTestsOnSqlite(SqliteApp app) : ManagerDashboardTests(app), IClassFixture<SqliteApp>;

public sealed class ManagerDashboardTestsOnPostgres(PostgresApp app) : ManagerDashboardTests(app), IClassFixture<PostgresApp>;

using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Modules.Analytics.Inventory;
using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Analytics.Service;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Api;

/// <summary>Every report's figures as JSON (README: API), through the same queries as the pages.</summary>
public static class ReportsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public static RouteGroupBuilder MapReportsGroup(this RouteGroupBuilder api) => api.MapGroup("/reports").WithTags("Reports");

    public static void MapSalesAndInventoryReportsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/sales/by-period", (HttpContext http, [AsParameters] PeriodQuery q, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, null, new(ReportPage.Sales, "sales-by-period"), (orders, period, _) => analysis.ByPeriodAsync(orders, period, ct)));
        reports.MapGet("/sales/by-salesperson", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, new(ReportPage.Sales, "sales-by-salesperson"), async (orders, period, top) => Top(await analysis.BySalespersonAsync(orders, period, ct), top)));
        reports.MapGet("/sales/by-customer", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, new(ReportPage.Sales, "sales-by-customer"), async (orders, period, top) => Top(await analysis.ByCustomerAsync(orders, period, ct), top)));
        reports.MapGet("/sales/by-product", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, new(ReportPage.Sales, "sales-by-product"), async (orders, period, top) =>
            {
                var ranking = await analysis.ByProductAsync(orders, period, ct);
                return ranking with { Rows = ranking.Rows.Take(top).ToList() };
            }));
        reports.MapGet("/inventory", async (HttpContext http, [AsParameters] PeriodQuery q, long? warehouseId, ReportRun run, StockReportView report, CancellationToken ct) =>
            await run.PeriodAsync(http, q, null, new(ReportPage.Inventory, "inventory") { WarehouseId = warehouseId },
                (period, _) => report.DataAsync(http.User.RequiredUserId(), period, warehouseId, ct)));
    }

    private static Ranking Top(Ranking ranking, int top) => ranking with { Rows = ranking.Rows.Take(top).ToList() };
}

/// <summary>The page a route's file is cut from (<see cref="ReportView"/>), and the ids of its tables
/// that the route returns: those starting with <paramref name="Tables"/>.</summary>
public sealed record ReportSheets(ReportPage Page, string Tables)
{
    /// <summary>进销存's one warehouse, or all of them.</summary>
    public long? WarehouseId { get; init; }
}

public enum ReportPage
{
    Sales,
    Customers,
    Service,
    Inventory,
}

/// <summary>What every report endpoint does: resolve the period, the limit and the format (400 naming
/// the field when wrong), then answer the report as JSON, or, with <c>format</c>, the route's tables
/// of the page's export as .xlsx or .csv (every row, as the page exports them), or the refusal as
/// problem details.</summary>
public sealed class ReportRun(ReportPeriods periods, AnalyticsAccess access, SalesReport sales, CustomerReport customers, ServiceReport service,
    StockReportView stock, IStringLocalizer<SharedResource> l)
{
    public async Task<IResult> PeriodAsync<T>(HttpContext http, PeriodQuery q, string? limit, ReportSheets sheets, Func<ReportPeriod, int, Task<Result<T>>> report)
    {
        var period = periods.Resolve(q);
        if (!period.IsSuccess) return period.Error!.ToProblem();
        var top = ReportsApi.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out top) || top < 1 || top > ReportsApi.MaxLimit))
        {
            return new Validation().Add("limit", l["{0}须为 1 到 {1} 之间的整数", "limit", ReportsApi.MaxLimit]).ToError(l["请检查统计周期"]).ToProblem();
        }
        if (q.Format is null)
        {
            var result = await report(period.Value, top);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
        }
        var format = ExportFormats.Parse(q.Format, l);
        if (!format.IsSuccess) return format.Error!.ToProblem();
        var view = await ViewAsync(http.User.RequiredUserId(), period.Value, sheets, http.RequestAborted);
        if (!view.IsSuccess) return view.Error!.ToProblem();
        var tables = view.Value.Tables.Where(t => t.Id.StartsWith(sheets.Tables, StringComparison.Ordinal)).ToList();
        if (tables.Count == 0)
        {
            // The page leaves out what the user may not see (客户贡献 without sales): the route's own refusal says why.
            var refused = await report(period.Value, top);
            if (!refused.IsSuccess) return refused.Error!.ToProblem();
        }
        return ReportWorkbook.Response(view.Value with { Tables = tables }, format.Value, l["合计"]);
    }

    public Task<IResult> SalesAsync<T>(HttpContext http, PeriodQuery q, string? limit, ReportSheets sheets, Func<IQueryable<Modules.Sales.SalesOrder>, ReportPeriod, int, Task<T>> report) =>
        PeriodAsync(http, q, limit, sheets, async (period, top) =>
        {
            var orders = await access.SalesOrdersAsync(http.User.RequiredUserId(), http.RequestAborted);
            if (!orders.IsSuccess) return orders.Error!;
            return Result<T>.Ok(await report(orders.Value, period, top));
        });

    /// <summary>The whole page, every row of its rankings, as its export writes it.</summary>
    private Task<Result<ReportView>> ViewAsync(long userId, ReportPeriod period, ReportSheets sheets, CancellationToken ct) => sheets.Page switch
    {
        ReportPage.Sales => sales.BuildAsync(userId, period, int.MaxValue, ct),
        ReportPage.Customers => customers.BuildAsync(userId, period, int.MaxValue, ct),
        ReportPage.Service => service.BuildAsync(userId, period, int.MaxValue, ct),
        ReportPage.Inventory => stock.BuildAsync(userId, period, sheets.WarehouseId, int.MaxValue, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(sheets), sheets.Page, null),
    };
}

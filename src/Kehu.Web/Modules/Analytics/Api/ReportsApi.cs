using Kehu.Web.Modules.Analytics.Inventory;
using Kehu.Web.Modules.Analytics.Sales;
using Kehu.Web.Modules.Identity;
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
            run.SalesAsync(http, q, null, (orders, period, _) => analysis.ByPeriodAsync(orders, period, ct)));
        reports.MapGet("/sales/by-salesperson", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, async (orders, period, top) => Top(await analysis.BySalespersonAsync(orders, period, ct), top)));
        reports.MapGet("/sales/by-customer", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, async (orders, period, top) => Top(await analysis.ByCustomerAsync(orders, period, ct), top)));
        reports.MapGet("/sales/by-product", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, SalesAnalysis analysis, CancellationToken ct) =>
            run.SalesAsync(http, q, limit, async (orders, period, top) =>
            {
                var ranking = await analysis.ByProductAsync(orders, period, ct);
                return ranking with { Rows = ranking.Rows.Take(top).ToList() };
            }));
        reports.MapGet("/inventory", async (HttpContext http, [AsParameters] PeriodQuery q, long? warehouseId, ReportRun run, StockReportView report, CancellationToken ct) =>
            await run.PeriodAsync(q, null, (period, _) => report.DataAsync(http.User.RequiredUserId(), period, warehouseId, ct)));
    }

    private static Ranking Top(Ranking ranking, int top) => ranking with { Rows = ranking.Rows.Take(top).ToList() };
}

/// <summary>What every report endpoint does first: resolve the period and the limit (400 naming the
/// field when wrong), then answer the report or the refusal as problem details.</summary>
public sealed class ReportRun(ReportPeriods periods, AnalyticsAccess access, IStringLocalizer<SharedResource> l)
{
    public async Task<IResult> PeriodAsync<T>(PeriodQuery q, string? limit, Func<ReportPeriod, int, Task<Result<T>>> report)
    {
        var period = periods.Resolve(q);
        if (!period.IsSuccess) return period.Error!.ToProblem();
        var top = ReportsApi.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, out top) || top < 1 || top > ReportsApi.MaxLimit))
        {
            return new Validation().Add("limit", l["{0}须为 1 到 {1} 之间的整数", "limit", ReportsApi.MaxLimit]).ToError(l["请检查统计周期"]).ToProblem();
        }
        var result = await report(period.Value, top);
        return result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
    }

    public Task<IResult> SalesAsync<T>(HttpContext http, PeriodQuery q, string? limit, Func<IQueryable<Modules.Sales.SalesOrder>, ReportPeriod, int, Task<T>> report) =>
        PeriodAsync(q, limit, async (period, top) =>
        {
            var orders = await access.SalesOrdersAsync(http.User.RequiredUserId(), http.RequestAborted);
            if (!orders.IsSuccess) return orders.Error!;
            return Result<T>.Ok(await report(orders.Value, period, top));
        });
}

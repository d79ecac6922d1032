using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Analytics.Api;

/// <summary>客户分析 as JSON (README: API), through the same queries as the page.</summary>
public static class CustomerReportsApi
{
    public static void MapCustomerReportsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/customers/composition", (HttpContext http, [AsParameters] PeriodQuery q, ReportRun run, CustomerReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, null, new(ReportPage.Customers, "customers-by-"), async (period, _) => Result<CustomerComposition>.Ok(await report.CompositionAsync(http.User.RequiredUserId(), period, ct))));
        reports.MapGet("/customers/development", (HttpContext http, [AsParameters] PeriodQuery q, ReportRun run, CustomerReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, null, new(ReportPage.Customers, "customers-development"), async (period, _) => Result<CountByPeriod>.Ok(await report.DevelopmentAsync(http.User.RequiredUserId(), period, ct))));
        reports.MapGet("/customers/activity", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, CustomerReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, limit, new(ReportPage.Customers, "activity-"), async (period, top) => Result<CustomerActivity>.Ok(await report.ActivityAsync(http.User.RequiredUserId(), period, top, ct))));
        reports.MapGet("/customers/contribution", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, CustomerReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, limit, new(ReportPage.Customers, "contribution"), async (period, top) =>
            {
                var contribution = await report.ContributionAsync(http.User.RequiredUserId(), period, ct);
                return contribution.IsSuccess ? contribution.Value with { Rows = contribution.Value.Rows.Take(top).ToList() } : contribution;
            }));
    }
}

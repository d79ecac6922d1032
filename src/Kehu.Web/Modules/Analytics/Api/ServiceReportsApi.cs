using Kehu.Web.Modules.Analytics.Service;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;

namespace Kehu.Web.Modules.Analytics.Api;

/// <summary>服务分析 as JSON (README: API), through the same queries as the page.</summary>
public static class ServiceReportsApi
{
    public static void MapServiceReportsApi(this RouteGroupBuilder reports)
    {
        reports.MapGet("/service/complaints", (HttpContext http, [AsParameters] PeriodQuery q, string? limit, ReportRun run, ServiceReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, limit, new(ReportPage.Service, "complaints-by-"), async (period, top) => Result<ComplaintFigures>.Ok(await report.ComplaintsAsync(http.User.RequiredUserId(), period, top, ct))));
        reports.MapGet("/service/resolution", (HttpContext http, [AsParameters] PeriodQuery q, ReportRun run, ServiceReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, null, new(ReportPage.Service, "complaints-resolution"), async (period, _) => Result<ComplaintResolution>.Ok(await report.ResolutionAsync(http.User.RequiredUserId(), period, ct))));
        reports.MapGet("/service/completion", (HttpContext http, [AsParameters] PeriodQuery q, ReportRun run, ServiceReport report, CancellationToken ct) =>
            run.PeriodAsync(http, q, null, new(ReportPage.Service, "completion-"), async (period, _) => Result<ServiceCompletion>.Ok(await report.CompletionAsync(http.User.RequiredUserId(), period, ct))));
    }
}

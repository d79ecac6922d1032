using Kehu.Web.Modules.Analytics.Service;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Pages.Service;

public sealed class IndexModel(ServiceReport report, ReportPeriods periods, IStringLocalizer<SharedResource> l) : ReportPageModel(periods, l)
{
    protected override Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct) =>
        report.BuildAsync(userId, period, rows, ct);
}

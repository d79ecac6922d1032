using Kehu.Web.Modules.Analytics.Customers;
using Kehu.Web.Platform.Results;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Pages.Customers;

public sealed class IndexModel(CustomerReport report, ReportPeriods periods, IStringLocalizer<SharedResource> l) : ReportPageModel(periods, l)
{
    protected override Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct) =>
        report.BuildAsync(userId, period, rows, ct);
}

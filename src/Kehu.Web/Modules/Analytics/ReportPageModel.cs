using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics;

/// <summary>
/// What every report page does: read the period from the query string (the picker), build the
/// report for the signed-in user, and show it, or export it to .xlsx (<c>?handler=Export</c>). A
/// wrong period is shown on the picker, with the field named, and no report.
/// </summary>
public abstract class ReportPageModel(ReportPeriods periods, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public PeriodQuery Query { get; set; } = new();

    public ReportView? Report { get; private set; }

    public ReportPeriods Periods => periods;

    /// <summary>A partial with the page's own filters, shown in the period picker (e.g. the warehouse).</summary>
    public virtual string? FiltersPartial => null;

    /// <summary>Those filters as a query string (<c>&amp;name=value</c>), kept by the period links and the export.</summary>
    public virtual string FilterQuery => "";

    /// <summary>How many rows of a long table (a ranking) the page shows; the export has them all.</summary>
    public const int RowsShown = 50;

    protected abstract Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var built = await BuildAsync(RowsShown, ct);
        if (built.IsSuccess) Report = built.Value;
        else if (built.Error!.Kind == ErrorKind.Validation) built.Error.AddTo(ModelState, nameof(Query));
        else return built.Error.ToActionResult();
        return Page();
    }

    /// <summary>The report as .xlsx (also when no <c>format</c> is given, as older links ask) or .csv.</summary>
    public async Task<IActionResult> OnGetExportAsync(string? format, CancellationToken ct)
    {
        var parsed = ExportFormats.Parse(format ?? "xlsx", l);
        if (!parsed.IsSuccess) return ExportResponse.Failed(parsed.Error!);
        var built = await BuildAsync(int.MaxValue, ct);
        if (!built.IsSuccess) return built.Error!.ToActionResult();
        return ReportWorkbook.Response(built.Value, parsed.Value, l["合计"]);
    }

    private async Task<Result<ReportView>> BuildAsync(int rows, CancellationToken ct)
    {
        var period = periods.Resolve(Query);
        if (!period.IsSuccess) return period.Error!;
        return await BuildAsync(User.RequiredUserId(), period.Value, rows, ct);
    }
}

using Kehu.Web.Modules.Analytics.Inventory;
using Kehu.Web.Platform.Results;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Analytics.Pages.Inventory;

public sealed class IndexModel(StockReportView report, Modules.Inventory.InventoryLookups inventory, ReportPeriods periods, IStringLocalizer<SharedResource> l)
    : ReportPageModel(periods, l)
{
    /// <summary>One warehouse only, or all of them.</summary>
    [BindProperty(SupportsGet = true)]
    public long? WarehouseId { get; set; }

    public Modules.Inventory.InventoryLookups Inventory => inventory;

    public override string? FiltersPartial => "_WarehouseFilter";

    public override string FilterQuery => WarehouseId is { } w ? $"&warehouseId={w}" : "";

    /// <summary>The page shows more rows than a ranking: 进销存 is read product by product.</summary>
    protected override Task<Result<ReportView>> BuildAsync(long userId, ReportPeriod period, int rows, CancellationToken ct) =>
        report.BuildAsync(userId, period, WarehouseId, rows == RowsShown ? 500 : rows, ct);
}

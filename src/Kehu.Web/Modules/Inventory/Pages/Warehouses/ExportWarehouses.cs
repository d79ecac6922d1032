using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Warehouses;

/// <summary>The warehouses as the page lists them (the default first) as a file.</summary>
public sealed class ExportWarehouses(SaveWarehouse warehouses, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public async Task<ExportResponse> HandleAsync(string? format, CancellationToken ct)
    {
        string yes = l["是"], no = l["否"], active = l["启用"], inactive = l["停用"];
        ExportColumn<Warehouse>[] columns =
        [
            new("仓库名称", ExportKind.Text, w => w.Name),
            new("默认仓库", ExportKind.Text, w => w.IsDefault ? yes : no),
            new("状态", ExportKind.Text, w => w.IsActive ? active : inactive),
        ];
        return exporter.Rows(format, "仓库", columns, await warehouses.ListAsync(ct));
    }
}

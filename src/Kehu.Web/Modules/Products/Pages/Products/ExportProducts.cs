using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Products;

/// <summary>The product list as a file: the products the list shows with the same filters and
/// order, with all of a product's fields (SPEC §3). Supplier names are read once per page.</summary>
public sealed class ExportProducts(ListProducts list, ProductCategories categories, CustomerLookups lookups, KehuDbContext db, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "商品资料";

    private sealed record Row(Product Product, string? SupplierName);

    public async Task<ExportResponse> HandleAsync(string? format, ProductQueryString query, CancellationToken ct)
    {
        var categoryNames = (await categories.AllAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
        var units = await lookups.OptionNamesAsync(OptionLists.Unit, ct);
        string active = l["启用"], inactive = l["停用"];
        ExportColumn<Row>[] columns =
        [
            new("商品编码", ExportKind.Code, r => r.Product.Code),
            new("商品名称", ExportKind.Text, r => r.Product.Name),
            new("供应商", ExportKind.Text, r => r.SupplierName),
            new("条形码", ExportKind.Code, r => r.Product.Barcode),
            new("商品大类", ExportKind.Text, r => categoryNames.NameOf(r.Product.CategoryId)),
            new("商品小类", ExportKind.Text, r => categoryNames.NameOf(r.Product.SubCategoryId)),
            new("规格型号", ExportKind.Text, r => r.Product.Specification),
            new("单位", ExportKind.Text, r => units.NameOf(r.Product.UnitId)),
            new("进价", ExportKind.Money, r => r.Product.PurchasePrice),
            new("售价", ExportKind.Money, r => r.Product.SalePrice),
            new("库存下限", ExportKind.Number, r => r.Product.MinimumStock),
            new("状态", ExportKind.Text, r => r.Product.IsActive ? active : inactive),
            new("备注", ExportKind.Text, r => r.Product.Notes),
            new("创建时间", ExportKind.DateTime, r => r.Product.CreatedAt),
            new("更新时间", ExportKind.DateTime, r => r.Product.UpdatedAt),
        ];
        return await exporter.ListAsync(format, Title, columns, async (cursor, token) =>
        {
            query.Cursor = cursor;
            var page = await list.HandleAsync(query, token);
            var ids = page.Items.Select(p => p.SupplierId).Distinct().ToList();
            var names = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, token);
            return new Page<Row>(page.Items.Select(p => new Row(p, names.GetValueOrDefault(p.SupplierId))).ToList(), page.NextCursor, null, null, false);
        }, ct);
    }
}

using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Export;
using Kehu.Web.Platform.Options;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Products;

/// <summary>The product list as a file: the products the list shows with the same filters and
/// order, with all of a product's fields (SPEC §3). Supplier names are read once per page.</summary>
public sealed class ExportProducts(ListProducts list, ProductCategories categories, CustomerLookups lookups, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "商品资料";

    public async Task<ExportResponse> HandleAsync(string? format, ProductQueryString query, CancellationToken ct)
    {
        var categoryNames = (await categories.AllAsync(ct)).ToDictionary(c => c.Id, c => c.Name);
        var units = await lookups.OptionNamesAsync(OptionLists.Unit, ct);
        string active = l["启用"], inactive = l["停用"];
        ExportColumn<(Product Product, string? Supplier)>[] columns =
        [
            new("商品编码", ExportKind.Code, r => r.Product.Code),
            new("商品名称", ExportKind.Text, r => r.Product.Name),
            new("供应商", ExportKind.Text, r => r.Supplier),
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
            return await lookups.WithCompanyNamesAsync(await list.HandleAsync(query, token), p => p.SupplierId, token);
        }, ct);
    }
}

using Kehu.Web.Platform.Export;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Categories;

/// <summary>The category tree as a file: each 商品大类, then its 商品小类, in the page's order.</summary>
public sealed class ExportCategories(ProductCategories categories, Exporter exporter, IStringLocalizer<SharedResource> l)
{
    public const string Title = "商品分类";

    private sealed record Row(CategoryNode Top, CategoryNode? Sub);

    public async Task<ExportResponse> HandleAsync(string? format, CancellationToken ct)
    {
        string active = l["启用"], inactive = l["停用"];
        ExportColumn<Row>[] columns =
        [
            new("商品大类", ExportKind.Text, r => r.Top.Name),
            new("商品小类", ExportKind.Text, r => r.Sub?.Name),
            new("状态", ExportKind.Text, r => (r.Sub ?? r.Top).IsActive ? active : inactive),
        ];
        var rows = (await categories.TreeAsync(ct)).SelectMany(top => top.Children.Select(sub => new Row(top, sub)).Prepend(new Row(top, null)));
        return exporter.Rows(format, Title, columns, rows);
    }
}

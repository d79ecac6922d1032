using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products;

public sealed record SupplierProductsView(long SupplierId, IReadOnlyList<Product> Products, int Count, bool CountIsCapped, ProductViews Views);

/// <summary>The products a supplier supplies, for the supplier's company page: the newest ones and
/// a link to the full, filtered product list.</summary>
public sealed class SupplierProductsViewComponent(KehuDbContext db, ProductViews views) : ViewComponent
{
    public const int Shown = 20;

    public async Task<IViewComponentResult> InvokeAsync(long supplierId)
    {
        var products = await db.Products.AsNoTracking().Where(p => p.SupplierId == supplierId)
            .OrderByDescending(p => p.Id).Take(Shown).ToListAsync();
        var count = products.Count < Shown ? products.Count : await db.Products.Where(p => p.SupplierId == supplierId).Take(10_001).CountAsync();
        return View("~/Modules/Products/Pages/Products/_SupplierProducts.cshtml",
            new SupplierProductsView(supplierId, products, Math.Min(count, 10_000), count > 10_000, views));
    }
}

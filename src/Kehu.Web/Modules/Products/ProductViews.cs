using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products;

public sealed record ProductDto(
    long Id, string Code, string Name, long SupplierId, string? Supplier, string? Barcode,
    long? CategoryId, string? Category, long? SubCategoryId, string? SubCategory, string? Specification,
    long? UnitId, string? Unit, decimal PurchasePrice, decimal SalePrice, decimal? MinimumStock, bool IsActive,
    string? Notes, DateTime CreatedAt, DateTime UpdatedAt, int Version);

/// <summary>Products as pages and the API show them: ids with the names behind them. Supplier
/// names are read once per page of products, not once per row.</summary>
public sealed class ProductViews(KehuDbContext db, CustomerLookups lookups, ProductCategories categories)
{
    private readonly Dictionary<long, string> supplierNames = [];

    public async Task LoadSuppliersAsync(IEnumerable<Product> products, CancellationToken ct = default)
    {
        var missing = products.Select(p => p.SupplierId).Distinct().Where(id => !supplierNames.ContainsKey(id)).ToList();
        if (missing.Count == 0) return;
        foreach (var c in await db.Companies.AsNoTracking().Where(c => missing.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            supplierNames[c.Id] = c.Name;
    }

    public async Task<string?> SupplierNameAsync(long supplierId, CancellationToken ct = default)
    {
        if (!supplierNames.ContainsKey(supplierId))
        {
            var name = await db.Companies.AsNoTracking().Where(c => c.Id == supplierId).Select(c => c.Name).FirstOrDefaultAsync(ct);
            if (name is null) return null;
            supplierNames[supplierId] = name;
        }
        return supplierNames[supplierId];
    }

    public Task<string?> CategoryNameAsync(long? id, CancellationToken ct = default) => categories.NameAsync(id, ct);

    public Task<string?> UnitNameAsync(long? id, CancellationToken ct = default) => lookups.OptionNameAsync(OptionLists.Unit, id, ct);

    public Task<string?> UserNameAsync(long? id, CancellationToken ct = default) => lookups.UserNameAsync(id, ct);

    public async Task<List<ProductDto>> ToDtosAsync(IReadOnlyList<Product> products, CancellationToken ct)
    {
        await LoadSuppliersAsync(products, ct);
        var dtos = new List<ProductDto>(products.Count);
        foreach (var p in products) dtos.Add(await ToDtoAsync(p, ct));
        return dtos;
    }

    public async Task<ProductDto> ToDtoAsync(Product p, CancellationToken ct) => new(
        p.Id, p.Code, p.Name, p.SupplierId, await SupplierNameAsync(p.SupplierId, ct), p.Barcode,
        p.CategoryId, await CategoryNameAsync(p.CategoryId, ct), p.SubCategoryId, await CategoryNameAsync(p.SubCategoryId, ct),
        p.Specification, p.UnitId, await UnitNameAsync(p.UnitId, ct), p.PurchasePrice, p.SalePrice, p.MinimumStock,
        p.IsActive, p.Notes, p.CreatedAt, p.UpdatedAt, p.Version);
}

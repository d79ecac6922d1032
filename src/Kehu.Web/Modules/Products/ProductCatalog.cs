using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products;

/// <summary>What other modules may read of a product (their documents and lists join on it).</summary>
public sealed class ProductRef
{
    public long Id { get; init; }
    public string Code { get; init; } = "";
    public string Name { get; init; } = "";
    public long? UnitId { get; init; }
    public decimal PurchasePrice { get; init; }
    public decimal SalePrice { get; init; }
    public decimal? MinimumStock { get; init; }
    public bool IsActive { get; init; }
    public long SupplierId { get; init; }
}

/// <summary>Answers whether a document refers to a product, so a used product cannot be deleted.
/// Every module whose documents name products registers one.</summary>
public interface IProductUsage
{
    /// <summary>What uses the product, in the user's language (e.g. "3 条库存流水"), or null.</summary>
    Task<string?> DescribeAsync(long productId, CancellationToken ct);
}

/// <summary>The products module's public surface: product references for other modules' queries,
/// and the names behind a product's ids.</summary>
public sealed class ProductCatalog(KehuDbContext db, CustomerLookups lookups)
{
    public IQueryable<ProductRef> Query() => db.Products.AsNoTracking().Select(p => new ProductRef
    {
        Id = p.Id,
        Code = p.Code,
        Name = p.Name,
        UnitId = p.UnitId,
        PurchasePrice = p.PurchasePrice,
        SalePrice = p.SalePrice,
        MinimumStock = p.MinimumStock,
        IsActive = p.IsActive,
        SupplierId = p.SupplierId,
    });

    /// <summary>The ids of the products matching what was typed (name, code or barcode), as a
    /// sub-query for other modules' lists.</summary>
    public async Task<IQueryable<long>> MatchingIdsAsync(string? q, CancellationToken ct)
    {
        var term = await ProductSearch.ParseAsync(db, q, ct);
        return ProductSearch.Search(db, db.Products.AsNoTracking(), term).Select(p => p.Id);
    }

    public Task<ProductRef?> FindAsync(long id, CancellationToken ct) => Query().FirstOrDefaultAsync(p => p.Id == id, ct);

    public Task<string?> UnitNameAsync(long? unitId, CancellationToken ct = default) =>
        lookups.OptionNameAsync(OptionLists.Unit, unitId, ct);
}

/// <summary>A drop-down choice, with the prices an order line defaults to. Every signed-in user
/// may see both prices (the product list and page show 进价 to all), so none is withheld.</summary>
public sealed record ProductChoice(long Id, string Name, string Code, decimal PurchasePrice, decimal SalePrice);

/// <summary>The choices of every product drop-down: matches of what was typed, newest first, a
/// bounded number at a time. Served as JSON by <c>/products?handler=Lookup</c>.</summary>
public sealed class ProductPicker(KehuDbContext db)
{
    public const int MaxResults = 50;
    public const string LookupUrl = "/products?handler=Lookup";

    public async Task<List<ProductChoice>> SearchAsync(string? q, bool activeOnly, long? supplierId, CancellationToken ct)
    {
        var products = db.Products.AsNoTracking();
        if (activeOnly) products = products.Where(p => p.IsActive);
        if (supplierId is { } s) products = products.Where(p => p.SupplierId == s);
        return await (await ProductSearch.NewestMatchesAsync(db, products, q, ct))
            .Select(p => new ProductChoice(p.Id, p.Name, p.Code, p.PurchasePrice, p.SalePrice)).Take(MaxResults).ToListAsync(ct);
    }
}

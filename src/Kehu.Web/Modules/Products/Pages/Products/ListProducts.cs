using System.Globalization;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Paging;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products.Pages.Products;

public enum ProductSort
{
    Code,
    Name,
}

/// <summary>The list's query string: the same names on the page and in the API.</summary>
public sealed class ProductQueryString
{
    public string? Q { get; set; }
    public long? SupplierId { get; set; }
    public long? CategoryId { get; set; }
    public long? SubCategoryId { get; set; }
    /// <summary><c>true</c>: active only; <c>false</c>: inactive only; empty: both.</summary>
    public bool? Active { get; set; }
    public string? Sort { get; set; }
    public string? Dir { get; set; }
    public string? Cursor { get; set; }
    public int? Limit { get; set; }

    public ProductSort SortKey => ListSort.Parse(Sort, ProductSort.Code);
    public bool Desc => ListSort.Descending(Dir);
}

/// <summary>Products everyone may see, filtered and searched, one keyset page at a time.</summary>
public sealed class ListProducts(KehuDbContext db)
{
    public async Task<Page<Product>> HandleAsync(ProductQueryString f, CancellationToken ct)
    {
        var query = db.Products.AsNoTracking();
        if (f.SupplierId is { } supplier) query = query.Where(p => p.SupplierId == supplier);
        if (f.CategoryId is { } category) query = query.Where(p => p.CategoryId == category);
        if (f.SubCategoryId is { } sub) query = query.Where(p => p.SubCategoryId == sub);
        if (f.Active is { } active) query = query.Where(p => p.IsActive == active);
        var term = await ProductSearch.ParseAsync(db, f.Q, ct);

        // A name search in code order walks the bigram index in id order (no sort of all matches).
        var order = term is { Gram: not null, ExactId: null } && f.SortKey == ProductSort.Code
            ? KeysetOrder.ByIdThrough<Product>(p => p.Id, (descending, afterId) => ProductSearch.SearchPageById(db, query, term, descending, afterId))
            : Orders[f.SortKey];
        return await Keyset.PageAsync(ProductSearch.Search(db, query, term), order, new PageRequest(f.Cursor, f.Limit, f.Desc), ct);
    }

    private static readonly Dictionary<ProductSort, KeysetOrder<Product>> Orders = new()
    {
        [ProductSort.Code] = KeysetOrder.ById<Product>(p => p.Id),
        [ProductSort.Name] = KeysetOrder.By<Product>(p => p.NormalizedName, p => p.Id),
    };

    /// <summary>The current query string with some values replaced (null removes), for links.</summary>
    public static string With(ProductQueryString q, params (string Key, string? Value)[] changes)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["q"] = q.Q,
            ["supplierId"] = q.SupplierId?.ToString(CultureInfo.InvariantCulture),
            ["categoryId"] = q.CategoryId?.ToString(CultureInfo.InvariantCulture),
            ["subCategoryId"] = q.SubCategoryId?.ToString(CultureInfo.InvariantCulture),
            ["active"] = q.Active?.ToString().ToLowerInvariant(),
            ["sort"] = q.Sort,
            ["dir"] = q.Dir,
            ["limit"] = q.Limit?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in changes) values[k] = v;
        return new Microsoft.AspNetCore.Http.Extensions.QueryBuilder(values.Where(kv => !string.IsNullOrEmpty(kv.Value))
            .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).ToQueryString().Value ?? "";
    }
}

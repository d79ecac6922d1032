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

    public ProductSort SortKey => Enum.TryParse<ProductSort>(Sort, ignoreCase: true, out var s) ? s : ProductSort.Code;
    public bool Desc => !string.Equals(Dir, "asc", StringComparison.OrdinalIgnoreCase);
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
        var matching = ProductSearch.Search(db, query, term);

        var sort = f.SortKey;
        var limit = PageLimits.Clamp(f.Limit);
        var cursor = Cursor.Decode(f.Cursor);
        var descending = cursor is { Before: true } ? !f.Desc : f.Desc;
        var page = term is { Gram: not null, ExactId: null } && sort == ProductSort.Code
            ? ProductSearch.SearchPageById(db, query, term, descending, cursor?.Id)
            : Order(After(matching, sort, descending, cursor), sort, descending);
        var rows = await page.Take(limit + 1).ToListAsync(ct);
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(rows.Count - 1);
        if (cursor is { Before: true }) rows.Reverse();

        var (total, capped) = await PageCount.FirstPageAsync(matching, cursor, ct);
        string? next = null, previous = null;
        if (rows.Count > 0)
        {
            var forwardHasMore = cursor is { Before: true } || more;
            var backwardHasMore = cursor is { Before: true } ? more : cursor is not null;
            if (forwardHasMore) next = new Cursor(false, Key(rows[^1], sort), rows[^1].Id).Encode();
            if (backwardHasMore) previous = new Cursor(true, Key(rows[0], sort), rows[0].Id).Encode();
        }
        return new Page<Product>(rows, next, previous, total, capped);
    }

    private static string Key(Product p, ProductSort sort) => sort switch
    {
        ProductSort.Code => "",
        ProductSort.Name => p.NormalizedName,
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    };

    private static IQueryable<Product> After(IQueryable<Product> q, ProductSort sort, bool desc, Cursor? cursor)
    {
        if (cursor is null) return q;
        var id = cursor.Id;
        switch (sort)
        {
            case ProductSort.Code:
                return desc ? q.Where(p => p.Id < id) : q.Where(p => p.Id > id);
            case ProductSort.Name:
                var name = cursor.Value;
                return desc
                    ? q.Where(p => string.Compare(p.NormalizedName, name) < 0 || (p.NormalizedName == name && p.Id < id))
                    : q.Where(p => string.Compare(p.NormalizedName, name) > 0 || (p.NormalizedName == name && p.Id > id));
            default:
                throw new ArgumentOutOfRangeException(nameof(sort), sort, null);
        }
    }

    private static IQueryable<Product> Order(IQueryable<Product> q, ProductSort sort, bool desc) => (sort, desc) switch
    {
        (ProductSort.Code, true) => q.OrderByDescending(p => p.Id),
        (ProductSort.Code, false) => q.OrderBy(p => p.Id),
        (ProductSort.Name, true) => q.OrderByDescending(p => p.NormalizedName).ThenByDescending(p => p.Id),
        (ProductSort.Name, false) => q.OrderBy(p => p.NormalizedName).ThenBy(p => p.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
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

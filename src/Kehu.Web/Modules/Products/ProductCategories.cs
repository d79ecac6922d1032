using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Products;

public sealed record CategoryNode(long Id, string Name, int SortOrder, bool IsActive, int Version, IReadOnlyList<CategoryNode> Children);

/// <summary>The category tree, read once per request: drop-downs, names and the 大类/小类 checks.</summary>
public sealed class ProductCategories(KehuDbContext db)
{
    private List<ProductCategory>? all;

    public async Task<List<ProductCategory>> AllAsync(CancellationToken ct = default) =>
        all ??= await db.ProductCategories.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);

    /// <summary>Forgets the tree read so far, after categories were added in this scope (an import).</summary>
    public void Forget() => all = null;

    public async Task<IReadOnlyList<CategoryNode>> TreeAsync(CancellationToken ct = default)
    {
        var items = await AllAsync(ct);
        return items.Where(c => c.ParentId is null)
            .Select(c => Node(c, items.Where(s => s.ParentId == c.Id).Select(s => Node(s, [])).ToList()))
            .ToList();

        static CategoryNode Node(ProductCategory c, IReadOnlyList<CategoryNode> children) =>
            new(c.Id, c.Name, c.SortOrder, c.IsActive, c.Version, children);
    }

    public async Task<IReadOnlyList<ProductCategory>> TopLevelAsync(CancellationToken ct = default) =>
        (await AllAsync(ct)).Where(c => c.ParentId is null).ToList();

    public async Task<IReadOnlyList<ProductCategory>> ChildrenAsync(long? parentId, CancellationToken ct = default) =>
        parentId is null ? [] : (await AllAsync(ct)).Where(c => c.ParentId == parentId).ToList();

    public async Task<ProductCategory?> FindAsync(long? id, CancellationToken ct = default) =>
        id is null ? null : (await AllAsync(ct)).FirstOrDefault(c => c.Id == id);

    public async Task<string?> NameAsync(long? id, CancellationToken ct = default) => (await FindAsync(id, ct))?.Name;
}

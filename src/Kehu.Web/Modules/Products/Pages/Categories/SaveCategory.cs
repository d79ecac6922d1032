using Kehu.Web.Modules.Administration;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Products.Pages.Categories;

/// <summary>A category as the page and the API send it. <see cref="ParentId"/> (create only) makes
/// it a 商品小类 under that 大类; <see cref="SortOrder"/> left out puts it last.</summary>
public sealed class CategoryInput
{
    public long? ParentId { get; set; }
    public string? Name { get; set; }
    public int? SortOrder { get; set; }
    public bool? IsActive { get; set; }
    public int? Version { get; set; }
}

/// <summary>Maintains the two-level category tree (administrators), for the page and the API.</summary>
public sealed class SaveCategory(KehuDbContext db, IStringLocalizer<SharedResource> l)
{
    public const int MaxSortOrder = 1_000_000;

    public async Task<Result<ProductCategory>> CreateAsync(CategoryInput input, CancellationToken ct)
    {
        var v = new Validation();
        if (input.ParentId is { } parentId
            && !await db.ProductCategories.AnyAsync(c => c.Id == parentId && c.ParentId == null, ct))
        {
            v.Add("parentId", l["{0}的取值无效", l["商品大类"]]);
            return v.ToError(l["请检查输入"]);
        }
        var siblings = await SiblingsAsync(input.ParentId, ct);
        var name = ValidateName(v, input, siblings, null);
        ValidateSortOrder(v, input.SortOrder);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var sortOrder = input.SortOrder ?? (siblings.Count == 0 ? 10 : Math.Min(siblings.Max(c => c.SortOrder) + 10, MaxSortOrder));
        var category = new ProductCategory(input.ParentId, name!, sortOrder);
        if (input.IsActive == false) category.SetActive(false);
        db.ProductCategories.Add(category);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? category : error;
    }

    public async Task<Result<ProductCategory>> UpdateAsync(long id, CategoryInput input, CancellationToken ct)
    {
        var category = await db.ProductCategories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Error.NotFound(l["商品分类不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var v = new Validation();
        var name = ValidateName(v, input, await SiblingsAsync(category.ParentId, ct), id);
        ValidateSortOrder(v, input.SortOrder);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        db.Entry(category).Property(c => c.Version).OriginalValue = input.Version.Value;
        category.Rename(name!, input.SortOrder ?? category.SortOrder);
        if (input.IsActive is { } active) category.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? category : error;
    }

    /// <summary>Deactivating keeps the category on its products but stops offering it.</summary>
    public async Task<Result<ProductCategory>> SetActiveAsync(long id, bool active, CancellationToken ct)
    {
        var category = await db.ProductCategories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Error.NotFound(l["商品分类不存在"]);
        category.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? category : error;
    }

    public async Task<Result<bool>> DeleteAsync(long id, int? version, CancellationToken ct)
    {
        var category = await db.ProductCategories.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (category is null) return Error.NotFound(l["商品分类不存在"]);
        if (await db.ProductCategories.AnyAsync(c => c.ParentId == id, ct))
            return Error.Conflict(l["“{0}”下还有商品小类，不能删除", category.Name]);
        if (await db.Products.AnyAsync(p => p.CategoryId == id || p.SubCategoryId == id, ct))
            return Error.Conflict(l["“{0}”已被商品使用，不能删除。如不再需要，请停用它。", category.Name]);
        if (version is not null) db.Entry(category).Property(c => c.Version).OriginalValue = version.Value;
        db.ProductCategories.Remove(category);
        var error = await AdminSave.TryAsync(db, l, ct,
            () => Error.Conflict(l["“{0}”已被商品使用，不能删除。如不再需要，请停用它。", category.Name]));
        return error is null ? true : error;
    }

    private Task<List<ProductCategory>> SiblingsAsync(long? parentId, CancellationToken ct) =>
        db.ProductCategories.AsNoTracking().Where(c => c.ParentId == parentId).ToListAsync(ct);

    private string? ValidateName(Validation v, CategoryInput input, List<ProductCategory> siblings, long? id)
    {
        var name = new AdminChecks(v, l).Required("name", "名称", input.Name, 100);
        if (name is null) return null;
        var normalized = NameNormalizer.Normalize(name);
        if (siblings.Any(c => c.Id != id && NameNormalizer.Normalize(c.Name) == normalized))
        {
            v.Add("name", l["同一级已有“{0}”", name]);
            return null;
        }
        return name;
    }

    private void ValidateSortOrder(Validation v, int? sortOrder)
    {
        if (sortOrder is < 0 or > MaxSortOrder) v.Add("sortOrder", l["{0}必须在 {1} 到 {2} 之间", l["排序"], 0, MaxSortOrder]);
    }
}

using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Administration.Pages.Options;

/// <summary>An option item as the page and the API send it. <see cref="SortOrder"/> may be left
/// out on create (the item goes last); <see cref="IsActive"/> null leaves it as it is.</summary>
public sealed class OptionInput
{
    public string? Name { get; set; }
    public int? SortOrder { get; set; }
    public bool? IsActive { get; set; }
    public int? Version { get; set; }
}

/// <summary>Edits the option lists (数据字典), for the page and the API alike.</summary>
public sealed class SaveOption(KehuDbContext db, IEnumerable<IOptionUsage> usages, IStringLocalizer<SharedResource> l)
{
    public const int MaxSortOrder = 1_000_000;

    public Task<List<OptionItem>> ListAsync(string listCode, CancellationToken ct) =>
        db.OptionItems.AsNoTracking().Where(o => o.ListCode == listCode)
            .OrderBy(o => o.SortOrder).ThenBy(o => o.Id).ToListAsync(ct);

    public async Task<Result<OptionItem>> CreateAsync(string listCode, OptionInput input, CancellationToken ct)
    {
        if (!OptionLists.Exists(listCode)) return Error.NotFound(l["数据字典不存在"]);
        var items = await ListAsync(listCode, ct);
        var v = new Validation();
        var name = ValidateName(v, input.Name, items, null);
        ValidateSortOrder(v, input.SortOrder);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var sortOrder = input.SortOrder ?? (items.Count == 0 ? 10 : Math.Min(items.Max(o => o.SortOrder) + 10, MaxSortOrder));
        var item = new OptionItem(listCode, name!, sortOrder);
        if (input.IsActive == false) item.SetActive(false);
        db.OptionItems.Add(item);
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(name!));
        return error is null ? item : error;
    }

    public async Task<Result<OptionItem>> UpdateAsync(string listCode, long id, OptionInput input, CancellationToken ct)
    {
        var item = await db.OptionItems.FirstOrDefaultAsync(o => o.Id == id && o.ListCode == listCode, ct);
        if (item is null) return Error.NotFound(l["选项不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var v = new Validation();
        var name = ValidateName(v, input.Name, await ListAsync(listCode, ct), id);
        ValidateSortOrder(v, input.SortOrder);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        db.Entry(item).Property(o => o.Version).OriginalValue = input.Version.Value;
        item.Rename(name!, input.SortOrder ?? item.SortOrder);
        if (input.IsActive is { } active) item.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(name!));
        return error is null ? item : error;
    }

    /// <summary>Deactivating keeps the item on the records that use it but stops offering it.</summary>
    public async Task<Result<OptionItem>> SetActiveAsync(string listCode, long id, bool active, CancellationToken ct)
    {
        var item = await db.OptionItems.FirstOrDefaultAsync(o => o.Id == id && o.ListCode == listCode, ct);
        if (item is null) return Error.NotFound(l["选项不存在"]);
        item.SetActive(active);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? item : error;
    }

    public async Task<Result<bool>> DeleteAsync(string listCode, long id, int? version, CancellationToken ct)
    {
        var item = await db.OptionItems.FirstOrDefaultAsync(o => o.Id == id && o.ListCode == listCode, ct);
        if (item is null) return Error.NotFound(l["选项不存在"]);
        foreach (var usage in usages)
        {
            if (await usage.IsUsedAsync(listCode, id, ct))
                return Error.Conflict(l["“{0}”已被记录使用，不能删除。如不再需要，请停用它。", item.Name]);
        }
        if (version is not null) db.Entry(item).Property(o => o.Version).OriginalValue = version.Value;
        db.OptionItems.Remove(item);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? true : error;
    }

    private string? ValidateName(Validation v, string? value, List<OptionItem> items, long? id)
    {
        var name = new AdminChecks(v, l).Required("name", "名称", value, 100);
        if (name is null) return null;
        var normalized = NameNormalizer.Normalize(name);
        if (items.Any(o => o.Id != id && NameNormalizer.Normalize(o.Name) == normalized))
        {
            v.Add("name", l["该列表中已有“{0}”", name]);
            return null;
        }
        return name;
    }

    private void ValidateSortOrder(Validation v, int? sortOrder)
    {
        if (sortOrder is < 0 or > MaxSortOrder) v.Add("sortOrder", l["{0}必须在 {1} 到 {2} 之间", l["排序"], 0, MaxSortOrder]);
    }

    private Error NameTaken(string name) => new Validation().Add("name", l["该列表中已有“{0}”", name]).ToError(l["请检查输入"]);
}

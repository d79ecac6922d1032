using Kehu.Web.Modules.Administration;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Results;
using Kehu.Web.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kehu.Web.Modules.Inventory.Pages.Warehouses;

/// <summary>A warehouse as the page and the API send it. <see cref="IsDefault"/> true makes it the
/// default (the previous default stops being one); null leaves it.</summary>
public sealed class WarehouseInput
{
    public string? Name { get; set; }
    public bool? IsDefault { get; set; }
    public bool? IsActive { get; set; }
    public int? Version { get; set; }
}

public sealed class SettingsInput
{
    public bool? AllowNegativeStock { get; set; }
    public int? Version { get; set; }
}

/// <summary>Warehouses and the stock settings (administrators), for the page and the API.</summary>
public sealed class SaveWarehouse(KehuDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l)
{
    public Task<List<Warehouse>> ListAsync(CancellationToken ct) =>
        db.Warehouses.AsNoTracking().OrderByDescending(w => w.IsDefault).ThenBy(w => w.Id).ToListAsync(ct);

    public async Task<Result<Warehouse>> CreateAsync(WarehouseInput input, CancellationToken ct)
    {
        var v = new Validation();
        var name = await ValidateNameAsync(v, input.Name, null, ct);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        var warehouse = new Warehouse(name!, isDefault: false);
        if (input.IsActive == false) warehouse.SetActive(false);
        db.Warehouses.Add(warehouse);
        if (input.IsDefault == true)
        {
            var refused = await MakeDefaultAsync(warehouse, ct);
            if (refused is not null) return refused;
        }
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(name!));
        return error is null ? warehouse : error;
    }

    public async Task<Result<Warehouse>> UpdateAsync(long id, WarehouseInput input, CancellationToken ct)
    {
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warehouse is null) return Error.NotFound(l["仓库不存在"]);
        if (input.Version is null) return AdminSave.VersionRequired(l);
        var v = new Validation();
        var name = await ValidateNameAsync(v, input.Name, id, ct);
        if (input.IsActive == false && (warehouse.IsDefault || input.IsDefault == true)) v.Add("isActive", l["默认仓库不能停用"]);
        if (input.IsDefault == false && warehouse.IsDefault) v.Add("isDefault", l["请把另一个仓库设为默认，而不是取消默认仓库"]);
        if (!v.IsValid) return v.ToError(l["请检查输入"]);
        db.Entry(warehouse).Property(w => w.Version).OriginalValue = input.Version.Value;
        warehouse.Rename(name!);
        if (input.IsActive is { } active) warehouse.SetActive(active);
        if (input.IsDefault == true && !warehouse.IsDefault)
        {
            var refused = await MakeDefaultAsync(warehouse, ct);
            if (refused is not null) return refused;
        }
        var error = await AdminSave.TryAsync(db, l, ct, () => NameTaken(name!));
        return error is null ? warehouse : error;
    }

    public async Task<InventorySettings> SettingsAsync(CancellationToken ct) =>
        await db.InventorySettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == InventorySettings.SingletonId, ct) ?? new InventorySettings();

    public async Task<Result<InventorySettings>> UpdateSettingsAsync(long userId, SettingsInput input, CancellationToken ct)
    {
        if (input.AllowNegativeStock is not { } allow)
            return new Validation().Add("allowNegativeStock", l["{0}不能为空", "allowNegativeStock"]).ToError(l["请检查输入"]);
        var settings = await db.InventorySettings.FirstOrDefaultAsync(s => s.Id == InventorySettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new InventorySettings();
            db.InventorySettings.Add(settings);
        }
        else if (input.Version is { } version)
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = version;
        }
        settings.Change(allow, userId, clock.GetUtcNow().UtcDateTime);
        var error = await AdminSave.TryAsync(db, l, ct);
        return error is null ? settings : error;
    }

    private async Task<Error?> MakeDefaultAsync(Warehouse warehouse, CancellationToken ct)
    {
        if (!warehouse.IsActive) return new Validation().Add("isDefault", l["停用的仓库不能设为默认"]).ToError(l["请检查输入"]);
        foreach (var other in await db.Warehouses.Where(w => w.IsDefault && w.Id != warehouse.Id).ToListAsync(ct)) other.StopBeingDefault();
        warehouse.MakeDefault();
        return null;
    }

    private async Task<string?> ValidateNameAsync(Validation v, string? value, long? id, CancellationToken ct)
    {
        var name = new AdminChecks(v, l).Required("name", "仓库名称", value, 100);
        if (name is null) return null;
        var normalized = NameNormalizer.Normalize(name);
        var names = await db.Warehouses.AsNoTracking().Where(w => w.Id != (id ?? 0)).Select(w => w.Name).ToListAsync(ct);
        if (names.Any(n => NameNormalizer.Normalize(n) == normalized))
        {
            v.Add("name", l["仓库“{0}”已存在", name]);
            return null;
        }
        return name;
    }

    private Error NameTaken(string name) => new Validation().Add("name", l["仓库“{0}”已存在", name]).ToError(l["请检查输入"]);
}

using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Options;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Inventory;

/// <summary>Names behind the ids of balances and moves, read once per request.</summary>
public sealed class InventoryLookups(KehuDbContext db, CustomerLookups lookups)
{
    private List<Warehouse>? warehouses;

    public async Task<IReadOnlyList<Warehouse>> WarehousesAsync(CancellationToken ct = default) =>
        warehouses ??= await db.Warehouses.AsNoTracking().OrderByDescending(w => w.IsDefault).ThenBy(w => w.Id).ToListAsync(ct);

    public async Task<string?> WarehouseNameAsync(long id, CancellationToken ct = default) =>
        (await WarehousesAsync(ct)).FirstOrDefault(w => w.Id == id)?.Name;

    public Task<string?> UnitNameAsync(long? id, CancellationToken ct = default) => lookups.OptionNameAsync(OptionLists.Unit, id, ct);

    public Task<string?> UserNameAsync(long? id, CancellationToken ct = default) => lookups.UserNameAsync(id, ct);
}

using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory.Api;
using Kehu.Web.Modules.Inventory.Pages.Opening;
using Kehu.Web.Modules.Inventory.Pages.Warehouses;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Inventory;

/// <summary>库存: warehouses, the stock ledger and balances, opening stock, and the service other
/// modules post their documents through. Everyone may look at stock; purchasers, the purchase
/// manager and the administrator enter opening stock; the administrator keeps warehouses and settings.</summary>
public static class InventoryModule
{
    public const string StockKeepersPolicy = "stock.keep";

    public static readonly IReadOnlyList<string> StockKeeperRoles = [RoleCodes.Administrator, RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public const string StockKeepersOnlyMessage = "只有采购员、采购部经理和系统管理员可以录入期初库存";

    /// <summary>Whose workbench shows products below their 库存下限.</summary>
    public static readonly IReadOnlyList<string> LowStockWatchers = [RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public static WebApplicationBuilder AddInventoryModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<AuthorizationOptions>(o => o.AddPolicy(StockKeepersPolicy, p => p.RequireRole(StockKeeperRoles)));
        s.AddScoped<InventoryService>();
        s.AddScoped<InventoryLookups>();
        s.AddScoped<StockQueries>();
        s.AddScoped<LowStock>();
        s.AddScoped<EnterOpeningStock>();
        s.AddScoped<SaveWarehouse>();
        s.AddScoped<IProductUsage, InventoryProductUsage>();
        return builder;
    }

    public static WebApplication MapInventoryModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapInventoryApi();
        return app;
    }

    /// <summary>A database without a warehouse (one created before the inventory module) gets the
    /// default one at start-up.</summary>
    public static async Task EnsureDefaultWarehouseAsync(KehuDbContext db, CancellationToken ct)
    {
        if (await db.Warehouses.AnyAsync(ct)) return;
        db.Warehouses.Add(new Warehouse(Warehouse.DefaultName, isDefault: true));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another server starting at the same moment added it.
            db.ChangeTracker.Clear();
        }
    }
}

using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory.Api;
using Kehu.Web.Modules.Inventory.Pages.Adjustments;
using Kehu.Web.Modules.Inventory.Pages.Opening;
using Kehu.Web.Modules.Inventory.Pages.Warehouses;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Modules.Inventory;

/// <summary>库存: warehouses, the stock ledger and balances, opening stock, 库存盘点单, and the service
/// other modules post their documents through. Everyone may look at stock; warehouse keepers,
/// purchasers, the purchase manager and the administrator enter opening stock; warehouse keepers and
/// purchasers count, the purchase manager approves counts; the administrator keeps warehouses and settings.</summary>
public static class InventoryModule
{
    public const string StockKeepersPolicy = "stock.keep";

    public static readonly IReadOnlyList<string> StockKeeperRoles = [RoleCodes.Administrator, RoleCodes.WarehouseKeeper, RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public const string StockKeepersOnlyMessage = "只有仓库管理员、采购员、采购部经理和系统管理员可以录入期初库存";

    /// <summary>Whose workbench shows products below their 库存下限.</summary>
    public static readonly IReadOnlyList<string> LowStockWatchers = [RoleCodes.WarehouseKeeper, RoleCodes.Purchaser, RoleCodes.PurchaseManager];

    public static WebApplicationBuilder AddInventoryModule(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.Configure<AuthorizationOptions>(o => o.AddPolicy(StockKeepersPolicy, p => p.RequireRole(StockKeeperRoles)));
        s.AddScoped<InventoryService>();
        s.AddScoped<Platform.Data.IDataBackfill, StockMonthSumsBackfill>();
        s.AddScoped<InventoryLookups>();
        s.AddScoped<StockQueries>();
        s.AddScoped<ExportStockMoves>();
        s.AddScoped<ExportStockBalances>();
        s.AddScoped<ExportStockAdjustments>();
        s.AddScoped<LowStock>();
        s.AddScoped<EnterOpeningStock>();
        s.AddScoped<SaveWarehouse>();
        s.AddScoped<Pages.Warehouses.ExportWarehouses>();
        s.AddScoped<IProductUsage, InventoryProductUsage>();
        s.AddScoped<IProductUsage, StockAdjustmentProductUsage>();
        s.AddScoped<StockAdjustmentWorkflow>();
        s.AddScoped<IWorkflowDocument>(sp => sp.GetRequiredService<StockAdjustmentWorkflow>());
        s.AddScoped<StockAdjustmentLines>();
        s.AddScoped<SaveStockAdjustment>();
        s.AddScoped<ListStockAdjustments>();
        s.AddScoped<StockAdjustmentDtos>();
        s.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Inventory/Pages/Adjustments/Edit", "inventory/adjustments/new"));
        return builder;
    }

    public static WebApplication MapInventoryModule(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(IdentityModule.ApiPolicy);
        api.MapInventoryApi();
        api.MapStockAdjustmentsApi();
        return app;
    }
}

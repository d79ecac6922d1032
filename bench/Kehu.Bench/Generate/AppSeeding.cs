using Kehu.Web.Modules.Administration;
using Kehu.Web.Modules.Contracts;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Documents;
using Kehu.Web.Modules.Expenses;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Modules.Inventory;
using Kehu.Web.Modules.Products;
using Kehu.Web.Modules.Purchasing;
using Kehu.Web.Modules.Sales;
using Kehu.Web.Modules.Service;
using Kehu.Web.Modules.Trade;
using Kehu.Web.Modules.Workbench;
using Kehu.Web.Modules.Workflow;
using Kehu.Web.Platform;
using Kehu.Web.Platform.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kehu.Bench.Generate;

/// <summary>
/// Prepares the database exactly as the app does at start-up: the same service registrations and
/// <see cref="DatabaseInitializer"/> apply the migrations and, on an empty database, the demo data
/// (the nine demo users with password <c>kehu-demo</c>, option lists, numbering, ~50 companies).
/// A database that already has users is only migrated.
/// </summary>
public static class AppSeeding
{
    public static async Task MigrateAndSeedAsync(DatabaseProvider provider, string connectionString)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["ConnectionStrings:Kehu"] = connectionString,
            ["Kehu:DemoData"] = "true",
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.AddPlatform();
        // The modules Program.cs registers: the demo data goes through their services (orders,
        // complaints and counts are taken through the real workflows).
        builder.AddIdentityModule();
        builder.AddCustomersModule();
        builder.AddWorkflowModule();
        builder.AddServiceModule();
        builder.AddProductsModule();
        builder.AddInventoryModule();
        builder.AddTradeModule();
        builder.AddPurchasingModule();
        builder.AddSalesModule();
        builder.AddContractsModule();
        builder.AddDocumentsModule();
        builder.AddExpensesModule();
        builder.AddWorkbenchModule();
        builder.AddAdministrationModule();
        await using var app = builder.Build();
        await app.Services.InitializeDatabaseAsync(app.Configuration, []);
    }
}

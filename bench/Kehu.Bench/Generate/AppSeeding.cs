using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Identity;
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
        builder.AddIdentityModule();
        builder.AddCustomersModule();
        await using var app = builder.Build();
        await app.Services.InitializeDatabaseAsync(app.Configuration, []);
    }
}

using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;

namespace Kehu.Web.Platform.Data;

/// <summary>At start-up: apply migrations and the modules' back-fills (<see cref="IDataBackfill"/>), then, on an empty database, either the demo data
/// (<c>Kehu:DemoData</c>) or a lone administrator whose password is set at first start.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, IConfiguration config, string[] args)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<KehuDbContext>();
        var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Kehu.Database");
        var info = sp.GetRequiredService<DatabaseInfo>();

        log.LogInformation("Applying migrations to the {Provider} database", info.Provider);
        await db.Database.MigrateAsync();
        if (info.Provider == DatabaseProvider.Sqlite)
        {
            // Readers then never wait for the one writer; the mode is kept in the database file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        foreach (var backfill in sp.GetServices<IDataBackfill>())
        {
            var filled = await backfill.RunAsync(db, CancellationToken.None);
            if (filled > 0) log.LogInformation("Back-filled the {Backfill} for {Count} records", backfill.Name, filled);
        }
        if (args.Contains("--migrate-only")) return;

        if (!await db.Users.AnyAsync())
        {
            if (config.GetValue("Kehu:DemoData", false))
            {
                log.LogInformation("Empty database: adding the demo data");
                await sp.GetRequiredService<DemoData>().SeedAsync(CancellationToken.None);
            }
            else
            {
                await sp.GetRequiredService<BaseData>().SeedAsync(config["Kehu:AdminPassword"], CancellationToken.None);
            }
        }

        var caughtUp = await sp.GetRequiredService<BaseData>().CatchUpAsync(CancellationToken.None);
        if (caughtUp > 0) log.LogInformation("Added {Count} base records this version brings (roles, option lists, warehouse)", caughtUp);

        var admin = await db.Users.FirstOrDefaultAsync(u => u.NormalizedUserName == "admin");
        if (admin is { PasswordHash: null })
        {
            var code = sp.GetRequiredService<FirstStartSetup>().Begin();
            log.LogWarning("The administrator 'admin' has no password yet. Open /setup and enter the setup code {SetupCode} to set it.", code);
        }
    }
}

using System.Diagnostics;
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
        await RunBackfillsAsync(db, info, sp.GetServices<IDataBackfill>(), log);
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

    /// <summary>Calls back on the reporting thread; <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Back-fills walk whole tables once after an upgrade. On SQLite they insert into
    /// indexes in key order of another column (search grams), which thrashes the default 2 MB page
    /// cache on a big file; a larger cache for this one connection made the 2-million-contact
    /// back-fill several times faster.</summary>
    private static async Task RunBackfillsAsync(KehuDbContext db, DatabaseInfo info, IEnumerable<IDataBackfill> backfills, ILogger log)
    {
        var sqlite = info.Provider == DatabaseProvider.Sqlite;
        await db.Database.OpenConnectionAsync();
        try
        {
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-262144;");
            foreach (var backfill in backfills)
            {
                var started = Stopwatch.GetTimestamp();
                var lastLogged = started;
                var progress = new SynchronousProgress<int>(done =>
                {
                    if (Stopwatch.GetElapsedTime(lastLogged).TotalSeconds < 30) return;
                    lastLogged = Stopwatch.GetTimestamp();
                    log.LogInformation("Back-filling the {Backfill}: {Count} records so far ({Seconds:0} s)", backfill.Name, done, Stopwatch.GetElapsedTime(started).TotalSeconds);
                });
                var filled = await backfill.RunAsync(db, progress, CancellationToken.None);
                if (filled > 0) log.LogInformation("Back-filled the {Backfill} for {Count} records", backfill.Name, filled);
            }
        }
        finally
        {
            // The connection goes back to the pool: leave it with the default cache.
            if (sqlite) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size=-2000;");
            await db.Database.CloseConnectionAsync();
        }
    }
}

using System.Data.Common;
using Kehu.Web.Platform.Audit;
using Kehu.Web.Platform.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kehu.Web.Platform.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "Kehu.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Kehu.Migrations.Postgres";

    public static DatabaseProvider Provider(IConfiguration config) =>
        string.Equals(config["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    /// <summary>The SQLite connection string: the configured one, else <c>data/kehu.db</c> under the
    /// data folder (<c>Kehu:DataPath</c>, default <c>data</c> beside the working directory).</summary>
    public static string SqliteConnectionString(IConfiguration config, string contentRoot)
    {
        var configured = config.GetConnectionString("Kehu");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var dataPath = DataPath(config, contentRoot);
        Directory.CreateDirectory(dataPath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataPath, "kehu.db"),
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static string DataPath(IConfiguration config, string contentRoot)
    {
        var configured = config["Kehu:DataPath"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, "data") : configured);
    }

    static DatabaseSetup()
    {
        // The migrations assemblies are copied beside ours after the build (ADR 0002) and are not
        // in this app's dependency manifest, so the runtime is told where to find them.
        System.Runtime.Loader.AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is not (SqliteMigrationsAssembly or PostgresMigrationsAssembly)) return null;
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(SqlitePragmas.Instance);
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(PostgresConnectionString(connectionString), o => o.MigrationsAssembly(PostgresMigrationsAssembly));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
        options.UseSnakeCaseNamingConvention();
        options.AddInterceptors(AppendOnlyInterceptor.Instance, Kehu.Web.Modules.Sales.SalesMonthSumsInterceptor.Instance);
        // Lists count at most "10,000+" rows with Take() and no ORDER BY on purpose.
        options.ConfigureWarnings(w => w.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }

    /// <summary>The configured PostgreSQL connection string with Kehu's defaults for what it leaves
    /// out: statements the app runs again and again are prepared automatically, so PostgreSQL parses
    /// and plans them once per connection instead of on every request; and a connection going back to
    /// the pool is not reset, because Kehu never changes a session's state (no SET, temporary tables,
    /// LISTEN or session advisory locks; ADR 0022). The reset was seven statements that PostgreSQL ran
    /// in front of every request's first query.</summary>
    public static string PostgresConnectionString(string configured)
    {
        // Npgsql's builder reports every keyword it knows as present, so the operator's own
        // keywords are read from the plain string.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        bool Given(string keyword) => given.Keys.Cast<string>().Any(k =>
            k.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));
        var effective = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!Given("MaxAutoPrepare")) effective.MaxAutoPrepare = 100;
        if (!Given("NoResetOnClose")) effective.NoResetOnClose = true;
        return effective.ConnectionString;
    }

    public static IServiceCollection AddKehuDatabase(this IServiceCollection services, IConfiguration config, string contentRoot)
    {
        var provider = Provider(config);
        var connectionString = provider == DatabaseProvider.Sqlite
            ? SqliteConnectionString(config, contentRoot)
            : config.GetConnectionString("Kehu")
              ?? throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Kehu is not set.");
        services.AddSingleton(new DatabaseInfo(provider, connectionString));
        services.AddSingleton<AuditInterceptor>();
        services.AddScoped<BulkInsert>();
        services.AddMemoryCache();
        services.AddSingleton<Caching.ReferenceCacheInterceptor>();
        services.AddSingleton<Caching.ReferenceCache>();
        // Pooled (ADR 0017): the options are built once and contexts are reused, instead of building
        // options and EF's internal services for every request. A context leased for a scope is told
        // whose work it saves, for the audit.
        services.AddPooledDbContextFactory<KehuDbContext>((sp, options) =>
        {
            Configure(options, provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditInterceptor>(), sp.GetRequiredService<Caching.ReferenceCacheInterceptor>());
        });
        services.AddScoped(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<KehuDbContext>>().CreateDbContext();
            db.Actor = sp.GetRequiredService<ICurrentUserAccessor>();
            return db;
        });
        return services;
    }
}

public sealed record DatabaseInfo(DatabaseProvider Provider, string ConnectionString);

/// <summary>SQLite leaves foreign keys off per connection unless asked; this is the one per-open
/// statement (WAL is set once at start-up and kept in the file; waiting on a busy database is
/// Microsoft.Data.Sqlite's command timeout).</summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "PRAGMA foreign_keys=ON;";
        cmd.ExecuteNonQuery();
    }
}

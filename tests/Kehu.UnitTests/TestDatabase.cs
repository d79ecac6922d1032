using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Kehu.UnitTests;

/// <summary>A real, migrated SQLite database in a temp file, for domain rules that live in queries.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "kehu-unit", Guid.NewGuid().ToString("N"));

    private TestDatabase() => Directory.CreateDirectory(folder);

    public long UserId { get; private set; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var db = new TestDatabase();
        await using var ctx = db.Context();
        await ctx.Database.MigrateAsync();
        var user = new User("tester", "测试员", null);
        ctx.Users.Add(user);
        await ctx.SaveChangesAsync();
        db.UserId = user.Id;
        return db;
    }

    /// <summary>A database file with no schema yet, for tests of the migrations themselves.</summary>
    public static TestDatabase Unmigrated() => new();

    public KehuDbContext Context()
    {
        var options = new DbContextOptionsBuilder<KehuDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "unit.db")};Pooling=False");
        return new KehuDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}

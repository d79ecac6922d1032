using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Platform.Data;

/// <summary>Contexts are pooled (ADR 0017): one handed to a new scope must carry nothing of the scope
/// that used it before — not its user, not its unsaved changes.</summary>
public abstract class PooledContextTests(KehuApp app)
{
    [Fact]
    public async Task SaveInScopesTakingTurns_AuditsEachScopesOwnUser()
    {
        var users = new[] { await app.UserIdAsync("xiaolin"), await app.UserIdAsync("admin") };
        var tag = Guid.NewGuid().ToString("N")[..8];
        var saved = new List<(long CompanyId, long UserId)>();

        for (var i = 0; i < 12; i++)
        {
            var user = users[i % 2];
            using var scope = app.Services.CreateScope();
            ((HttpCurrentUserAccessor)scope.ServiceProvider.GetRequiredService<ICurrentUserAccessor>()).ActingFor = user;
            var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
            var details = Details($"池{tag}{i}", user);
            var company = new Company("PC" + Guid.NewGuid().ToString("N")[..10], details);
            db.Companies.Add(company);
            await db.SaveChangesAsync();
            company.Apply(details with { Address = "改过的地址" });
            await db.SaveChangesAsync();
            saved.Add((company.Id, user));
        }

        await app.WithDbAsync(async db =>
        {
            var ids = saved.Select(s => s.CompanyId).ToList();
            var rows = await db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            var changedBy = await db.ChangeLog.AsNoTracking().Where(e => e.EntityType == nameof(Company) && ids.Contains(e.EntityId))
                .ToListAsync();
            foreach (var (companyId, userId) in saved)
            {
                (rows[companyId].CreatedById, rows[companyId].UpdatedById).ShouldBe((userId, userId));
                changedBy.Where(e => e.EntityId == companyId).Select(e => e.UserId).Distinct().ShouldBe([(long?)userId]);
            }
        });
    }

    [Fact]
    public async Task ScopeEndingWithUnsavedChanges_LeavesNothingForTheNextScopeToSave()
    {
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..8];

        for (var i = 0; i < 4; i++)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<KehuDbContext>().Companies.Add(NewCompany($"未保存{tag}{i}", admin));
        }
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
            db.Companies.Add(NewCompany($"已保存{tag}", admin));
            await db.SaveChangesAsync();
        }

        var names = await app.WithDbAsync(db => db.Companies.AsNoTracking().Where(c => c.Name.Contains(tag)).Select(c => c.Name).ToListAsync());
        names.ShouldBe([$"已保存{tag}"]);
    }

    private static CompanyDetails Details(string name, long ownerId) =>
        new(name, true, false, null, null, null, null, null, null, null, null, null, null, ownerId, null);

    private static Company NewCompany(string name, long ownerId) => new("PC" + Guid.NewGuid().ToString("N")[..10], Details(name, ownerId));
}

public sealed class PooledContextTestsOnSqlite(SqliteApp app) : PooledContextTests(app), IClassFixture<SqliteApp>;

public sealed class PooledContextTestsOnPostgres(PostgresApp app) : PooledContextTests(app), IClassFixture<PostgresApp>;

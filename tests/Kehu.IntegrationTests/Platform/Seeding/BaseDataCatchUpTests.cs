using Kehu.IntegrationTests.Infrastructure;
using Kehu.IntegrationTests.Modules.Administration;
using Kehu.Web.Modules.Identity;
using Kehu.Web.Platform.Options;
using Kehu.Web.Platform.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Platform.Seeding;

/// <summary>A database made by an earlier version lacks what later versions added to the base data;
/// start-up adds it once.</summary>
public abstract class BaseDataCatchUpTests(KehuApp app)
{
    private async Task<int> CatchUpAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BaseData>().CatchUpAsync(CancellationToken.None);
    }

    [Fact]
    public async Task CatchUp_AddsMissingRolesOptionListsAndTheWarehouse_OnceOnly()
    {
        await app.WithDbAsync(async db =>
        {
            await db.Roles.Where(r => r.Code == RoleCodes.WarehouseKeeper).ExecuteDeleteAsync();
            await db.OptionItems.Where(o => o.ListCode == OptionLists.ComplaintUrgency).ExecuteDeleteAsync();
            await db.Warehouses.ExecuteDeleteAsync();
        });
        var rolesBefore = await app.WithDbAsync(db => db.Roles.CountAsync());
        var unitsBefore = await app.WithDbAsync(db => db.OptionItems.CountAsync(o => o.ListCode == OptionLists.Unit));

        var added = await CatchUpAsync();
        var again = await CatchUpAsync();

        added.ShouldBe(1 + BaseData.DefaultOptions[OptionLists.ComplaintUrgency].Length + 1);
        again.ShouldBe(0);
        (await app.WithDbAsync(db => db.Roles.Where(r => r.Code == RoleCodes.WarehouseKeeper).Select(r => r.Name).SingleAsync())).ShouldBe("仓库管理员");
        (await app.WithDbAsync(db => db.Roles.CountAsync())).ShouldBe(rolesBefore + 1);
        (await app.WithDbAsync(db => db.OptionItems.Where(o => o.ListCode == OptionLists.ComplaintUrgency).OrderBy(o => o.SortOrder).Select(o => o.Name).ToListAsync()))
            .ShouldBe(BaseData.DefaultOptions[OptionLists.ComplaintUrgency]);
        (await app.WithDbAsync(db => db.OptionItems.CountAsync(o => o.ListCode == OptionLists.Unit))).ShouldBe(unitsBefore);
        (await app.WithDbAsync(db => db.Warehouses.SingleAsync())).IsDefault.ShouldBeTrue();
    }
}

public sealed class BaseDataCatchUpTestsOnSqlite(SqliteAppWithoutDemoData app) : BaseDataCatchUpTests(app), IClassFixture<SqliteAppWithoutDemoData>;

public sealed class BaseDataCatchUpTestsOnPostgres(PostgresAppWithoutDemoData app) : BaseDataCatchUpTests(app), IClassFixture<PostgresAppWithoutDemoData>;

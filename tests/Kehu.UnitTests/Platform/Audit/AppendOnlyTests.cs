using Kehu.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Kehu.UnitTests.Platform.Audit;

public sealed class AppendOnlyTests
{
    [Fact]
    public async Task HistoryRows_CanBeAdded_ButSavingAChangeOrDeletionIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        long id;
        await using (var db = database.Context())
        {
            var entry = new ChangeLogEntry("Complaint", 1, ChangeAction.Updated, database.UserId, DateTime.UtcNow, [new FieldChange("Subject", "a", "b")]);
            db.ChangeLog.Add(entry);
            await db.SaveChangesAsync();
            id = entry.Id;
        }

        await using (var db = database.Context())
        {
            var entry = await db.ChangeLog.SingleAsync(e => e.Id == id);
            db.Entry(entry).Property(e => e.EntityId).CurrentValue = 2;
            (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        }

        await using (var db = database.Context())
        {
            db.ChangeLog.Remove(await db.ChangeLog.SingleAsync(e => e.Id == id));
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = database.Context())
        {
            (await db.ChangeLog.SingleAsync(e => e.Id == id)).EntityId.ShouldBe(1);
        }
    }
}

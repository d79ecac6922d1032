using Kehu.Web.Modules.Customers;
using Kehu.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Kehu.UnitTests.Modules.Customers;

public sealed class ContactSearchTests
{
    [Fact]
    public void Digits_KeepTheMobileAndPhoneDigitsApart_FoldingFullWidthDigits()
    {
        ContactSearch.Digits("139-1234-5678", "(021) ５５５５ 1234").ShouldBe("13912345678 02155551234");
        ContactSearch.Digits(null, "021-5555").ShouldBe("0215555");
        ContactSearch.Digits("分机", null).ShouldBe("");
    }

    [Fact]
    public void Grams_AreTheNamesCharactersAndPairs_AndTheNumbersFourDigitRuns()
    {
        var grams = ContactSearch.Grams("欧阳修", "1391234 5678");

        grams.ShouldBe(["欧", "阳", "修", "欧阳", "阳修", "1391", "3912", "9123", "1234", "5678"], ignoreOrder: true);
    }

    [Fact]
    public void Grams_OfANameAndOfANumberNeverCollide()
    {
        // A name made of digits gives one- and two-character grams, a number four-digit ones.
        var grams = ContactSearch.Grams("1234", "");

        grams.ShouldNotContain("1234");
        grams.ShouldAllBe(g => g.Length <= 2);
    }

    [Fact]
    public async Task Upgrade_FromTheInitialSchema_IndexesTheContactsItFinds()
    {
        await using var database = TestDatabase.Unmigrated();
        await using (var db = database.Context())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261127032533_Initial", TestContext.Current.CancellationToken);
            // What an install had before the ContactSearch migration, written in that schema's SQL.
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO users (id, user_name, normalized_user_name, display_name, is_active, failed_login_count, security_stamp, version, created_at, updated_at)
                VALUES (1, 'old', 'old', '老用户', 1, 0, 'stamp', 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
                INSERT INTO companies (id, code, name, normalized_name, is_customer, is_supplier, owner_id, version, created_at, updated_at)
                VALUES (1, 'C1', '老单位', '老单位', 1, 0, 1, 1, '2026-01-01 00:00:00', '2026-01-01 00:00:00');
                INSERT INTO contacts (id, company_id, name, gender, mobile, phone, is_primary, version, created_at, updated_at)
                VALUES (1, 1, 'Ｗang 丽华', 0, '139-1234-5678', NULL, 0, 3, '2026-01-01 00:00:00', '2026-02-01 00:00:00');
                """, TestContext.Current.CancellationToken);
        }

        await using (var db = database.Context())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            (await new ContactSearchBackfill().RunAsync(db, new Progress<int>(), TestContext.Current.CancellationToken)).ShouldBe(1);
        }

        await using (var db = database.Context())
        {
            var contact = await db.Contacts.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
            contact.NormalizedName.ShouldBe("wang 丽华");
            contact.PhoneDigits.ShouldBe("13912345678");
            contact.Version.ShouldBe(3);
            var grams = await db.ContactSearchGrams.Where(g => g.ContactId == 1).Select(g => g.Gram).ToListAsync(TestContext.Current.CancellationToken);
            grams.ShouldBe(ContactSearch.Grams("wang 丽华", "13912345678"), ignoreOrder: true);
            (await new ContactSearchBackfill().RunAsync(db, new Progress<int>(), TestContext.Current.CancellationToken)).ShouldBe(0);
        }
    }
}

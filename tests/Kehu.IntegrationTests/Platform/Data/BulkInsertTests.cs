using Kehu.IntegrationTests.Infrastructure;
using Kehu.Web.Modules.Customers;
using Kehu.Web.Modules.Products;
using Kehu.Web.Platform.Data;
using Kehu.Web.Platform.Text;
using Kehu.Web.Platform.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kehu.IntegrationTests.Platform.Data;

/// <summary>Rows written by <see cref="BulkInsert"/> read back through EF exactly as written, each with
/// its own generated id, stamped like a record saved through the change tracker.</summary>
public abstract class BulkInsertTests(KehuApp app)
{
    [Fact]
    public async Task Insert_WritesWhatSaveChangesWould_AndGivesEachRowItsOwnId()
    {
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var start = new DateTime(2026, 3, 1, 8, 30, 15, DateTimeKind.Utc);
        var company = new Company("BK" + tag, new CompanyDetails($"批量写入{tag}有限公司", true, true, null, null, null, null, null,
            "上海市 1 号", "021-0001", null, null, "bulk@example.com", admin, "备注"));
        var records = Enumerable.Range(0, 2_500).Select(i => new ContactRecord(new ContactRecordDetails(
            start.AddMinutes(i), 0, null, $"联系人{i}", null, $"第{i}条", i % 2 == 0 ? null : "继续跟进",
            i % 2 == 0 ? null : start.AddDays(7), admin))).ToList();
        Product product;

        using (var scope = app.Services.CreateScope())
        {
            var services = scope.ServiceProvider;
            ((HttpCurrentUserAccessor)services.GetRequiredService<ICurrentUserAccessor>()).ActingFor = admin;
            var db = services.GetRequiredService<KehuDbContext>();
            var bulk = services.GetRequiredService<BulkInsert>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await bulk.InsertAsync([company], CancellationToken.None);
            foreach (var gram in company.NameGrams) bulk.Set(gram, nameof(CompanyNameGram.CompanyId), company.Id);
            await bulk.InsertAsync(company.NameGrams, CancellationToken.None);
            foreach (var record in records) bulk.Set(record, nameof(ContactRecord.CompanyId), company.Id);
            await bulk.InsertAsync(records, CancellationToken.None);
            product = new Product("BP" + tag, new ProductDetails($"批量商品{tag}", company.Id, "0012345678905", null, null, "10 只/盒",
                null, 12.34m, 99.9m, null, true, null));
            await bulk.InsertAsync([product], CancellationToken.None);
            await tx.CommitAsync();
        }

        company.Id.ShouldBeGreaterThan(0);
        records.Select(r => r.Id).Distinct().Count().ShouldBe(records.Count);
        await app.WithDbAsync(async db =>
        {
            var saved = await db.Companies.AsNoTracking().Include(c => c.NameGrams).SingleAsync(c => c.Id == company.Id);
            (saved.Code, saved.Name, saved.NormalizedName, saved.IsCustomer, saved.IsSupplier, saved.Address, saved.Email, saved.OwnerId, saved.Notes)
                .ShouldBe((company.Code, company.Name, company.NormalizedName, true, true, "上海市 1 号", "bulk@example.com", admin, "备注"));
            (saved.Version, saved.CreatedById, saved.UpdatedById).ShouldBe((1, admin, admin));
            saved.NameGrams.Select(g => g.Gram).Order().ShouldBe(company.NameGrams.Select(g => g.Gram).Order());

            var read = await db.ContactRecords.AsNoTracking().Where(r => r.CompanyId == company.Id).OrderBy(r => r.Id).ToListAsync();
            read.Select(r => r.Id).ShouldBe(records.Select(r => r.Id));
            for (var i = 0; i < read.Count; i++)
            {
                var (r, expected) = (read[i], records[i]);
                (r.ContactedAt, r.ContactedAt.Kind, r.ContactName, r.Content, r.Result, r.NextContactAt, r.RecorderId, r.Version, r.CreatedById)
                    .ShouldBe((start.AddMinutes(i), DateTimeKind.Utc, $"联系人{i}", $"第{i}条", expected.Result, expected.NextContactAt, admin, 1, admin));
            }

            var p = await db.Products.AsNoTracking().SingleAsync(x => x.Id == product.Id);
            (p.Code, p.SupplierId, p.Barcode, p.Specification, p.PurchasePrice, p.SalePrice, p.MinimumStock, p.IsActive)
                .ShouldBe((product.Code, company.Id, "0012345678905", "10 只/盒", 12.34m, 99.9m, (decimal?)null, true));
        });
    }

    [Fact]
    public async Task Insert_OfMoreRowsThanOneStatementTakes_GivesEachRowItsOwnIdAndItsOwnParts()
    {
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var companies = Enumerable.Range(0, 2_300).Select(i => new Company($"BM{tag}{i:D5}", new CompanyDetails(
            $"多批{tag}单位{i:D5}", true, false, null, null, null, null, null, null, $"0{i}", null, null, null, admin, null))).ToList();

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
            var bulk = scope.ServiceProvider.GetRequiredService<BulkInsert>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await bulk.InsertAsync(companies, CancellationToken.None);
            foreach (var company in companies)
            {
                foreach (var gram in company.NameGrams) bulk.Set(gram, nameof(CompanyNameGram.CompanyId), company.Id);
            }
            await bulk.InsertAsync([.. companies.SelectMany(c => c.NameGrams)], CancellationToken.None);
            await tx.CommitAsync();
        }

        await app.WithDbAsync(async db =>
        {
            var ids = companies.Select(c => c.Id).ToList();
            var saved = await db.Companies.AsNoTracking().Include(c => c.NameGrams).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id);
            saved.Count.ShouldBe(companies.Count);
            foreach (var company in companies)
            {
                var row = saved[company.Id];
                (row.Code, row.Name, row.Phone).ShouldBe((company.Code, company.Name, company.Phone));
                row.NameGrams.Select(g => g.Gram).Order().ShouldBe(NameNormalizer.Bigrams(company.NormalizedName).Order());
            }
        });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(130)]
    public async Task Insert_OfRowsWithoutAGeneratedKey_WritesEachRowOnce_WhateverTheirCount(int grams)
    {
        // A name of grams + 1 different characters has that many different bigrams; rows without a
        // generated key go several to a statement on SQLite (full statements, then the rest).
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var name = new string([.. Enumerable.Range(0, grams + 1).Select(i => (char)(0x4E00 + i * 3))]);
        var company = new Company($"BG{tag}", new CompanyDetails(name + tag, true, false, null, null, null, null, null, null, null, null, null, null, admin, null));
        var expected = NameNormalizer.Bigrams(company.NormalizedName).Order(StringComparer.Ordinal).ToList();
        expected.Count.ShouldBeGreaterThanOrEqualTo(grams);

        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KehuDbContext>();
            var bulk = scope.ServiceProvider.GetRequiredService<BulkInsert>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await bulk.InsertAsync([company], CancellationToken.None);
            foreach (var gram in company.NameGrams) bulk.Set(gram, nameof(CompanyNameGram.CompanyId), company.Id);
            await bulk.InsertAsync(company.NameGrams, CancellationToken.None);
            await tx.CommitAsync();
        }

        await app.WithDbAsync(async db =>
        {
            var saved = await db.CompanyNameGrams.AsNoTracking().Where(g => g.CompanyId == company.Id).Select(g => g.Gram).ToListAsync();
            saved.Order(StringComparer.Ordinal).ShouldBe(expected);
        });
    }

    [Fact]
    public async Task Insert_StoresEveryColumnAsSaveChangesDoes()
    {
        var admin = await app.UserIdAsync("admin");
        var tag = Guid.NewGuid().ToString("N")[..10];
        var at = new DateTime(2026, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1_234_567);
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        ((HttpCurrentUserAccessor)services.GetRequiredService<ICurrentUserAccessor>()).ActingFor = admin;
        var db = services.GetRequiredService<KehuDbContext>();
        var bulk = services.GetRequiredService<BulkInsert>();
        var company = new Company("BS" + tag, new CompanyDetails($"对照{tag}有限公司", true, false, null, null, null, null, null, null, null, null, null, null, admin, null));
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        ContactRecord Record() => new(new ContactRecordDetails(at, company.Id, null, "联系人", null, "内容 'quoted'", null, at.AddDays(3), admin));
        Product Product(string code) => new(code, new ProductDetails($"对照商品{tag}", company.Id, null, null, null, "10 只/盒",
            null, 12.345m, 99.9m, 0.5m, false, null));

        var (savedRecord, savedProduct) = (Record(), Product("SC" + tag));
        db.AddRange(savedRecord, savedProduct);
        await db.SaveChangesAsync();
        var (bulkRecord, bulkProduct) = (Record(), Product("BI" + tag));
        // Every kind of column a company has (text, flags, options, owner, notes), each name unique.
        Company Full(string code, string name) => new(code, new CompanyDetails(name, true, true, null, null, null, null, null,
            "上海市 'quoted' 1 号", "021-0001", "021-0002", "https://example.com", "full@example.com", admin, "备注\n第二行"));
        var savedFull = Full("SF" + tag, $"全列{tag}甲");
        db.Add(savedFull);
        await db.SaveChangesAsync();
        var bulkFull = Full("BF" + tag, $"全列{tag}乙");
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            await bulk.InsertAsync([bulkRecord], CancellationToken.None);
            await bulk.InsertAsync([bulkProduct], CancellationToken.None);
            await bulk.InsertAsync([bulkFull], CancellationToken.None);
            await tx.CommitAsync();
        }

        bulkRecord.Id.ShouldBeGreaterThan(savedRecord.Id);
        var records = await StoredAsync(db, "contact_records", savedRecord.Id, bulkRecord.Id);
        records[bulkRecord.Id].ShouldBe(records[savedRecord.Id]);
        var products = await StoredAsync(db, "products", savedProduct.Id, bulkProduct.Id);
        products[bulkProduct.Id].ShouldBe(products[savedProduct.Id]);
        var companies = await StoredAsync(db, "companies", savedFull.Id, bulkFull.Id);
        foreach (var row in companies.Values)
        {
            row.Remove("name");
            row.Remove("normalized_name");
        }
        companies[bulkFull.Id].ShouldBe(companies[savedFull.Id]);
    }

    /// <summary>Each column of the rows as the database hands it back (type and text), but for the
    /// audit times, whose shape only is compared (the two rows are written moments apart), and the
    /// id and code, which differ by design.</summary>
    private static async Task<Dictionary<long, Dictionary<string, string>>> StoredAsync(KehuDbContext db, string table, params long[] ids)
    {
        var rows = new Dictionary<long, Dictionary<string, string>>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} WHERE id IN ({string.Join(", ", ids)})";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new Dictionary<string, string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var name = reader.GetName(i);
                if (name is "id" or "code") continue;
                var value = reader.GetValue(i);
                var text = value switch
                {
                    DateTime t => t.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + t.Kind,
                    _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
                };
                // SQLite keeps a time as text with trailing zeros of the fraction left out, so the
                // fraction's length depends on the moment: compare the shape without it.
                if (name is "created_at" or "updated_at")
                    text = System.Text.RegularExpressions.Regex.Replace(System.Text.RegularExpressions.Regex.Replace(text, @"\.[0-9]+", ".f"), "[0-9]", "0");
                row[name] = $"{value.GetType().Name}:{text}";
            }
            rows[reader.GetInt64(reader.GetOrdinal("id"))] = row;
        }
        return rows;
    }

    [Fact]
    public async Task Insert_OutsideATransaction_IsRefused_AndWritesNothing()
    {
        var admin = await app.UserIdAsync("admin");
        var code = "BX" + Guid.NewGuid().ToString("N")[..10];
        using var scope = app.Services.CreateScope();
        var bulk = scope.ServiceProvider.GetRequiredService<BulkInsert>();
        var company = new Company(code, new CompanyDetails($"无事务{code}", true, false, null, null, null, null, null, null, null, null, null, null, admin, null));

        await Should.ThrowAsync<InvalidOperationException>(() => bulk.InsertAsync([company], CancellationToken.None));

        (await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Code == code))).ShouldBeFalse();
    }
}

public sealed class BulkInsertTestsOnSqlite(SqliteApp app) : BulkInsertTests(app), IClassFixture<SqliteApp>;

public sealed class BulkInsertTestsOnPostgres(PostgresApp app) : BulkInsertTests(app), IClassFixture<PostgresApp>;
